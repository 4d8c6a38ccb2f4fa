using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Assets;
using Workdesk.Domain.Common;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Features.Places;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.Assets;

public sealed record MoveAssetRequest(long? LocationId = null, long? ParentId = null, bool ToTopLevel = false);

public sealed record BulkMoveRequest(IReadOnlyList<long> Ids, long? LocationId = null, long? ParentId = null, bool ToTopLevel = false);

public sealed record ChangeAssetStatusRequest(AssetStatus Status, string? Reason = null);

public sealed record TimelineEntry(DateTimeOffset At, string Kind, string Description, long? ActorId, long? WorkOrderId);

public sealed record DowntimeResponse(long Id, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string? Reason, double? Hours);

/// <summary>Moves, status changes with downtime, warranties and the cradle-to-grave timeline.</summary>
public static class AssetLifeEndpoints
{
    public const int MaxBulkMove = 500;

    public static void MapAssetLifeEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/assets").WithTags("Assets").RequireAuthorization();
        group.MapPost("/{id:long}/move", Move).WithName("MoveAsset").RequireRole(RoleRequirement.Dispatchers)
            .WithSummary("Moves an asset, with everything inside it, to another location and/or parent asset.");
        group.MapPost("/move", MoveMany).WithName("MoveAssets").RequireRole(RoleRequirement.Dispatchers)
            .WithSummary($"Moves up to {MaxBulkMove} assets at once; all or none move.");
        group.MapPost("/{id:long}/status", ChangeStatus).WithName("ChangeAssetStatus").RequireRole(RoleRequirement.Staff)
            .WithSummary("Sets in_service, down, standby or retired; going down and coming back records downtime.");
        group.MapGet("/{id:long}/downtime", ListDowntime).WithName("ListAssetDowntime").WithSummary("Lists the asset's downtime periods, newest first.");
        group.MapGet("/{id:long}/timeline", Timeline).WithName("GetAssetTimeline")
            .WithSummary("Returns the asset's history from creation on: moves, status changes and work; ?format=csv exports it.");
        group.MapGet("/warranties", Warranties).WithName("ListExpiringWarranties")
            .WithSummary("Lists assets whose warranty ends within withinDays days (default 30), soonest first.");
    }

    private static async Task<IResult> Move(long id, MoveAssetRequest request, WorkdeskDbContext db, AssetTree tree, CurrentUser user, CancellationToken ct)
    {
        var asset = await db.Assets.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (asset is null)
        {
            return Error.NotFound("Asset", id).ToProblem();
        }

        if (request.LocationId is null && request.ParentId is null && !request.ToTopLevel)
        {
            return Problems.Invalid("locationId", "Give a locationId, a parentId, or toTopLevel: true.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var error = await tree.MoveAsync(asset, request.LocationId, request.ParentId, request.ToTopLevel, user.Id, ct);
        if (error is not null)
        {
            return error.ToProblem();
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Results.Ok(AssetRules.ToResponse(asset, DateOnly.FromDateTime(DateTime.UtcNow)));
    }

    private static async Task<IResult> MoveMany(BulkMoveRequest request, WorkdeskDbContext db, AssetTree tree, CurrentUser user, CancellationToken ct)
    {
        if (request.Ids is null || request.Ids.Count is 0 or > MaxBulkMove)
        {
            return Problems.Invalid("ids", $"ids must list 1 to {MaxBulkMove} asset ids.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var id in request.Ids.Distinct())
        {
            var asset = await db.Assets.SingleOrDefaultAsync(a => a.Id == id, ct);
            if (asset is null)
            {
                return Problems.Invalid("ids", $"Asset {id} does not exist; nothing was moved.");
            }

            var error = await tree.MoveAsync(asset, request.LocationId, request.ParentId, request.ToTopLevel, user.Id, ct);
            if (error is not null)
            {
                return (error with { Message = $"Asset {id}: {error.Message} Nothing was moved." }).ToProblem();
            }

            // Saved one by one so that the next move reads the paths this one wrote.
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return Results.Ok(new { moved = request.Ids.Distinct().Count() });
    }

    private static async Task<IResult> ChangeStatus(long id, ChangeAssetStatusRequest request, WorkdeskDbContext db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var asset = await db.Assets.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (asset is null)
        {
            return Error.NotFound("Asset", id).ToProblem();
        }

        if (!Enum.IsDefined(request.Status))
        {
            return Problems.Invalid("status", "status must be in_service, down, standby or retired.");
        }

        if (asset.Status == AssetStatus.Retired && request.Status != AssetStatus.Retired)
        {
            return Error.Conflict($"Asset {id} is retired; a retired asset does not return to service.", "status").ToProblem();
        }

        var now = clock.GetUtcNow();
        if (request.Status == AssetStatus.Down && asset.Status != AssetStatus.Down)
        {
            db.AssetDowntimes.Add(new AssetDowntime { AssetId = id, StartedAt = now, Reason = request.Reason?.Trim() });
        }
        else if (request.Status != AssetStatus.Down && asset.Status == AssetStatus.Down)
        {
            await db.AssetDowntimes.Where(d => d.AssetId == id && d.EndedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.EndedAt, now), ct);
        }

        new WorkOrders.History(db, clock, user.Id).Record("asset", id, "status_changed", "status", ApiName(asset.Status), ApiName(request.Status));
        asset.Status = request.Status;
        await db.SaveChangesAsync(ct);
        return Results.Ok(AssetRules.ToResponse(asset, DateOnly.FromDateTime(now.UtcDateTime)));
    }

    private static async Task<IResult> ListDowntime(long id, WorkdeskDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var periods = await db.AssetDowntimes.AsNoTracking().Where(d => d.AssetId == id).OrderByDescending(d => d.StartedAt).ToListAsync(ct);
        return Results.Ok(periods.Select(d => new DowntimeResponse(
            d.Id, d.StartedAt, d.EndedAt, d.Reason, Math.Round(((d.EndedAt ?? now) - d.StartedAt).TotalHours, 2))).ToList());
    }

    private static async Task<IResult> Timeline(long id, string? format, WorkdeskDbContext db, CurrentUser user, CancellationToken ct)
    {
        var asset = await db.Assets.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (asset is null)
        {
            return Error.NotFound("Asset", id).ToProblem();
        }

        var entries = await AssetTimeline.BuildAsync(db, user, asset, ct);
        if (!string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Ok(entries);
        }

        var csv = new StringBuilder("at,kind,description,actorId,workOrderId\n");
        foreach (var entry in entries)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{entry.At:O},{entry.Kind},{Quote(entry.Description)},{entry.ActorId},{entry.WorkOrderId}\n");
        }

        return Results.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", $"asset-{asset.Tag}-timeline.csv");
    }

    /// <summary>The status name the API uses, such as "in_service".</summary>
    public static string ApiName(AssetStatus status) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());

    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task<IResult> Warranties(int? withinDays, WorkdeskDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var days = withinDays ?? 30;
        if (days is < 0 or > 3650)
        {
            return Problems.Invalid("withinDays", "withinDays must be between 0 and 3650.");
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var until = today.AddDays(days);
        var assets = await db.Assets.AsNoTracking()
            .Where(a => a.WarrantyEnd != null && a.WarrantyEnd >= today && a.WarrantyEnd <= until && a.Status != AssetStatus.Retired)
            .OrderBy(a => a.WarrantyEnd).ThenBy(a => a.Tag)
            .Take(Paging.MaxPageSize)
            .ToListAsync(ct);
        return Results.Ok(assets.Select(a => AssetRules.ToResponse(a, today)).ToList());
    }
}
