using Microsoft.EntityFrameworkCore;
using Workdesk.Data;

namespace Workdesk.Server.Features.Auth;

/// <summary>
/// Loads the authenticated user's current role, vendor and sites from the database. A user who was
/// deactivated or deleted after signing in is treated as signed out.
/// </summary>
public sealed class CurrentUserMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, CurrentUser currentUser, WorkdeskDbContext db)
    {
        var userId = CurrentUser.ReadUserId(context.User);
        if (userId is not null)
        {
            var user = await db.Users.AsNoTracking()
                .Where(u => u.Id == userId && u.IsActive)
                .Select(u => new { u.Id, u.Role, u.VendorId, Sites = u.Sites.Select(s => s.Location!.Path).ToList() })
                .SingleOrDefaultAsync(context.RequestAborted);
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
}
