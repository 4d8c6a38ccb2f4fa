using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.People;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.WorkOrders;

public sealed record SavedViewResponse(long Id, string Name, string Query);

public sealed record CreateSavedViewRequest(string Name, string Query);

/// <summary>Named work order list queries that each user keeps for themselves.</summary>
public static class SavedViewEndpoints
{
    public const int MaxViewsPerUser = 50;

    public static void MapSavedViewEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/me/views").WithTags("Work orders").RequireAuthorization();
        group.MapGet("/", List).WithName("ListSavedViews").WithSummary("Lists the caller's saved work order views.");
        group.MapPost("/", Create).WithName("CreateSavedView").WithSummary("Saves a work order list query under a name.");
        group.MapDelete("/{id:long}", Delete).WithName("DeleteSavedView").WithSummary("Deletes one of the caller's saved views.");
    }

    private static async Task<IResult> List(CurrentUser user, WorkdeskDbContext db, CancellationToken ct) =>
        Results.Ok(await db.SavedViews.AsNoTracking().Where(v => v.UserId == user.Id).OrderBy(v => v.Name)
            .Select(v => new SavedViewResponse(v.Id, v.Name, v.Query)).ToListAsync(ct));

    private static async Task<IResult> Create(CreateSavedViewRequest request, CurrentUser user, WorkdeskDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
        {
            return Problems.Invalid("name", "name is required, at most 100 characters.");
        }

        var query = (request.Query ?? "").Trim().TrimStart('?');
        if (query.Length > 2000)
        {
            return Problems.Invalid("query", "query must be at most 2000 characters.");
        }

        if (await db.SavedViews.AnyAsync(v => v.UserId == user.Id && v.Name == name, ct))
        {
            return Error.Conflict($"You already have a view named '{name}'; delete it first or choose another name.", "name").ToProblem();
        }

        if (await db.SavedViews.CountAsync(v => v.UserId == user.Id, ct) >= MaxViewsPerUser)
        {
            return Error.Conflict($"You have {MaxViewsPerUser} saved views, the most allowed; delete one first.").ToProblem();
        }

        var view = new SavedView { UserId = user.Id, Name = name, Query = query, CreatedAt = clock.GetUtcNow() };
        db.SavedViews.Add(view);
        await db.SaveChangesAsync(ct);
        return Results.Created($"/api/v1/me/views/{view.Id}", new SavedViewResponse(view.Id, view.Name, view.Query));
    }

    private static async Task<IResult> Delete(long id, CurrentUser user, WorkdeskDbContext db, CancellationToken ct)
    {
        var deleted = await db.SavedViews.Where(v => v.Id == id && v.UserId == user.Id).ExecuteDeleteAsync(ct);
        return deleted == 0 ? Error.NotFound("Saved view", id).ToProblem() : Results.NoContent();
    }
}
