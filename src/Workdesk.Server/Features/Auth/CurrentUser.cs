using System.Security.Claims;
using Workdesk.Domain.Locations;
using Workdesk.Domain.People;

namespace Workdesk.Server.Features.Auth;

/// <summary>
/// The signed-in user as stored right now, loaded once per request by
/// <see cref="CurrentUserMiddleware"/>, so that a role change or deactivation applies at once.
/// </summary>
public sealed class CurrentUser
{
    public long Id { get; private set; }

    public Role Role { get; private set; }

    public long? VendorId { get; private set; }

    public bool IsAuthenticated { get; private set; }

    /// <summary>Materialized paths of the location subtrees a staff user covers; empty means all.</summary>
    public IReadOnlyList<string> SitePaths { get; private set; } = [];

    /// <summary>Whether this user sees every record of the kind regardless of site.</summary>
    public bool SeesAllSites => Role == Role.Administrator || (Role.IsStaff() && SitePaths.Count == 0);

    internal void Set(long id, Role role, long? vendorId, IReadOnlyList<string> sitePaths)
    {
        Id = id;
        Role = role;
        VendorId = vendorId;
        SitePaths = sitePaths;
        IsAuthenticated = true;
    }

    /// <summary>Returns whether the location path lies inside one of the user's sites.</summary>
    public bool CoversPath(string? locationPath)
    {
        if (SeesAllSites)
        {
            return true;
        }

        return locationPath is not null && SitePaths.Any(site =>
        {
            var (lower, upper) = Location.SubtreeRange(site);
            return string.CompareOrdinal(locationPath, lower) >= 0 && string.CompareOrdinal(locationPath, upper) < 0;
        });
    }

    public static long? ReadUserId(ClaimsPrincipal principal)
    {
        var value = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        return long.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;
    }
}
