using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.Auth;

/// <summary>
/// Loads the authenticated user's current role, vendor and sites from the database. A user who was
/// deactivated or deleted after signing in is treated as signed out.
/// </summary>
public sealed class CurrentUserMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, CurrentUser currentUser, WorkdeskDbContext db, ReferenceData reference)
    {
        var userId = CurrentUser.ReadUserId(context.User);
        if (userId is { } id)
        {
            var user = await FindActiveAsync(db, reference, id, context.RequestAborted);
            if (user is not null)
            {
                currentUser.Set(user.Id, user.Role, user.VendorId, user.Sites);
            }
            else
            {
                context.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
            }
        }

        await next(context);
    }

    /// <summary>
    /// Loads an active user with the paths of their sites. Results, including "not active", are
    /// kept in <see cref="ReferenceData"/>, which drops them all once any user, site, token or
    /// location path changes, so a role change or deactivation applies to the next request.
    /// </summary>
    private static async Task<ActiveUser?> FindActiveAsync(WorkdeskDbContext db, ReferenceData reference, long id, CancellationToken ct)
    {
        var known = await reference.GetAsync("active-users", (_, _) => Task.FromResult(new ConcurrentDictionary<long, ActiveUser?>()), ct);
        if (known.TryGetValue(id, out var user))
        {
            return user;
        }

        user = await db.Users.AsNoTracking()
            .Where(u => u.Id == id && u.IsActive)
            .Select(u => new ActiveUser(u.Id, u.Role, u.VendorId, u.Sites.Select(s => s.Location!.Path).ToList()))
            .SingleOrDefaultAsync(ct);
        known[id] = user;
        return user;
    }

    private sealed record ActiveUser(long Id, Domain.People.Role Role, long? VendorId, IReadOnlyList<string> Sites);
}
