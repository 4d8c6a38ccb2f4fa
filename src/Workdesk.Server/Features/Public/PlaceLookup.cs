using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Workdesk.Data;

namespace Workdesk.Server.Features.Public;

/// <summary>Resolves the key of a request link to its location and, for an asset's link, the asset.</summary>
public static class PlaceLookup
{
    public static async Task<PublicPlaceResponse?> FindAsync(WorkdeskDbContext db, string key, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > 32)
        {
            return null;
        }

        var asset = await db.Assets.AsNoTracking()
            .Where(a => a.RequestKey == key)
            .Select(a => new { a.Id, a.Name, a.Tag, a.LocationId })
            .SingleOrDefaultAsync(ct);
        var locationId = asset is null
            ? await db.Locations.Where(l => l.RequestKey == key).Select(l => (long?)l.Id).SingleOrDefaultAsync(ct)
            : asset.LocationId;
        if (asset is null && locationId is null)
        {
            return null;
        }

        var path = locationId is { } id ? await PathNamesAsync(db, id, ct) : [];
        return new PublicPlaceResponse(key, locationId, path.Count > 0 ? path[^1] : null, path, asset?.Id, asset?.Name, asset?.Tag);
    }

    /// <summary>Returns the names from the top of the tree down to the location.</summary>
    public static async Task<IReadOnlyList<string>> PathNamesAsync(WorkdeskDbContext db, long locationId, CancellationToken ct)
    {
        var path = await db.Locations.Where(l => l.Id == locationId).Select(l => l.Path).SingleAsync(ct);
        var ids = path.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => long.Parse(part, CultureInfo.InvariantCulture))
            .ToList();
        var names = await db.Locations.Where(l => ids.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Name, ct);
        return [.. ids.Where(names.ContainsKey).Select(i => names[i])];
    }
}
