using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Assets;
using Workdesk.Domain.Common;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Features.WorkOrders;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.Assets;

/// <summary>Which assets a bulk change applies to; the filters combine with AND.</summary>
public sealed record AssetSelection(
    IReadOnlyList<long>? Ids = null, long? LocationId = null, long? SubtreeOf = null, long? AssetTypeId = null,
    string? Category = null, AssetStatus? Status = null, string? Q = null);

/// <summary>The values to set; fields left out stay as they are.</summary>
public sealed record AssetChanges(long? AssetTypeId = null, string? Category = null, int? Criticality = null, long? LocationId = null, long? ParentId = null, long? TeamId = null);

public sealed record BulkAssetRequest(AssetSelection Selection, AssetChanges Set, bool Preview = true);

public sealed record BulkAssetChange(long Id, string Tag, string Field, string? From, string? To);

public sealed record BulkAssetResponse(bool Applied, int AssetCount, IReadOnlyList<BulkAssetChange> Changes);

/// <summary>
/// "Every air handler in building B": select assets by filter, preview what would change, then
/// apply it in one transaction with one history entry per asset and field.
/// </summary>
public static class AssetBulkEndpoints
{
    public const int MaxAssets = 2000;

    public static void MapAssetBulkEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/assets/bulk", Change).WithTags("Assets").WithName("BulkChangeAssets")
            .RequireAuthorization().RequireRole(RoleRequirement.Dispatchers)
            .WithSummary($"Previews (preview: true, the default) or applies one change to up to {MaxAssets} assets chosen by filter.");
    }

    private static async Task<IResult> Change(BulkAssetRequest request, WorkdeskDbContext db, AssetTree tree, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        if (request.Selection is null || request.Set is null)
        {
            return Problems.Invalid("selection", "Send selection (which assets) and set (what to change).");
        }

        var set = request.Set;
        if (set is { AssetTypeId: null, Category: null, Criticality: null, LocationId: null, ParentId: null, TeamId: null })
        {
            return Problems.Invalid("set", "set must change at least one of assetTypeId, category, criticality, locationId, parentId, teamId.");
        }

        var selection = request.Selection;
        if (selection is { Ids: null or { Count: 0 }, LocationId: null, SubtreeOf: null, AssetTypeId: null, Status: null }
            && string.IsNullOrWhiteSpace(selection.Category) && string.IsNullOrWhiteSpace(selection.Q))
        {
            return Problems.Invalid("selection", "Choose assets by ids or at least one filter; a change to every asset at once is not allowed.");
        }

        var error = AssetRules.CheckDetails(set.Criticality, null, null, null, null, null)
            ?? await AssetRules.CheckTypeAndFieldsAsync(db, set.AssetTypeId, null, ct)
            ?? await new References(db).CheckLocationAsync(set.LocationId, "locationId", ct)
            ?? await new References(db).CheckTeamsAsync(set.TeamId is { } team ? [team] : null, "set.teamId", ct);
        if (error is not null)
        {
            return error.ToProblem();
        }

        var selected = await SelectAsync(db, request.Selection, ct);
        if (!selected.IsSuccess)
        {
            return selected.Error!.ToProblem();
        }

        var assets = selected.Value!;
        var changes = Describe(assets, set);
        if (request.Preview)
        {
            return Results.Ok(new BulkAssetResponse(false, assets.Count, changes));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var history = new History(db, clock, user.Id);
        foreach (var asset in assets)
        {
            if (set.LocationId is not null || set.ParentId is not null)
            {
                var moveError = await tree.MoveAsync(asset, set.LocationId, set.ParentId, clearParent: false, user.Id, ct);
                if (moveError is not null)
                {
                    return (moveError with { Message = $"Asset {asset.Tag}: {moveError.Message} Nothing was changed." }).ToProblem();
                }
            }

            asset.AssetTypeId = set.AssetTypeId ?? asset.AssetTypeId;
            asset.Category = set.Category ?? asset.Category;
            asset.Criticality = set.Criticality ?? asset.Criticality;
            asset.TeamId = set.TeamId ?? asset.TeamId;
            await db.SaveChangesAsync(ct);
        }

        foreach (var change in changes)
        {
            history.Record("asset", change.Id, "bulk_changed", change.Field, change.From, change.To);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Results.Ok(new BulkAssetResponse(true, assets.Count, changes));
    }

    private static async Task<Result<List<Asset>>> SelectAsync(WorkdeskDbContext db, AssetSelection selection, CancellationToken ct)
    {
        var query = db.Assets.AsQueryable();
        if (selection.Ids is { Count: > 0 } ids)
        {
            query = query.Where(a => ids.Contains(a.Id));
        }

        if (selection.LocationId is { } locationId)
        {
            var path = await db.Locations.Where(l => l.Id == locationId).Select(l => l.Path).SingleOrDefaultAsync(ct);
            if (path is null)
            {
                return Error.Invalid("selection.locationId", $"Location {locationId} does not exist.");
            }

            var subtree = db.Locations.InSubtrees([path]).Select(l => (long?)l.Id);
            query = query.Where(a => subtree.Contains(a.LocationId));
        }

        if (selection.SubtreeOf is { } rootId)
        {
            var rootPath = await db.Assets.Where(a => a.Id == rootId).Select(a => a.Path).SingleOrDefaultAsync(ct);
            if (rootPath is null)
            {
                return Error.Invalid("selection.subtreeOf", $"Asset {rootId} does not exist.");
            }

            var (lower, upper) = Domain.Locations.Location.SubtreeRange(rootPath);
            query = query.Where(a => a.Path.CompareTo(lower) >= 0 && a.Path.CompareTo(upper) < 0);
        }

        if (selection.AssetTypeId is { } typeId)
        {
            query = query.Where(a => a.AssetTypeId == typeId);
        }

        if (!string.IsNullOrWhiteSpace(selection.Category))
        {
            query = query.Where(a => a.Category == selection.Category);
        }

        if (selection.Status is { } status)
        {
            query = query.Where(a => a.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(selection.Q))
        {
            var pattern = "%" + TextSearch.EscapeLike(selection.Q.Trim()) + "%";
            query = db.Provider == DatabaseProvider.Postgres
                ? query.Where(a => EF.Functions.ILike(a.Name, pattern, "\\") || EF.Functions.ILike(a.Tag, pattern, "\\"))
                : query.Where(a => EF.Functions.Like(a.Name, pattern, "\\") || EF.Functions.Like(a.Tag, pattern, "\\"));
        }

        // Shallow assets first, so that a moved parent's path is final before its children move.
        var assets = await query.OrderBy(a => a.Path.Length).ThenBy(a => a.Id).Take(MaxAssets + 1).ToListAsync(ct);
        if (assets.Count > MaxAssets)
        {
            return Error.Invalid("selection", $"The selection matches more than {MaxAssets} assets; narrow it down.");
        }

        return assets.Count == 0 ? Error.Invalid("selection", "The selection matches no asset.") : assets;
    }

    private static List<BulkAssetChange> Describe(List<Asset> assets, AssetChanges set)
    {
        var changes = new List<BulkAssetChange>();
        foreach (var asset in assets)
        {
            Add(changes, asset, "assetTypeId", asset.AssetTypeId, set.AssetTypeId);
            Add(changes, asset, "category", asset.Category, set.Category);
            Add(changes, asset, "criticality", asset.Criticality, set.Criticality);
            Add(changes, asset, "locationId", asset.LocationId, set.LocationId);
            Add(changes, asset, "parentId", asset.ParentId, set.ParentId);
            Add(changes, asset, "teamId", asset.TeamId, set.TeamId);
        }

        return changes;
    }

    private static void Add<T>(List<BulkAssetChange> changes, Asset asset, string field, T current, T? wanted)
    {
        var from = History.Format(current);
        var to = History.Format(wanted);
        if (wanted is not null && !string.Equals(from, to, StringComparison.Ordinal))
        {
            changes.Add(new BulkAssetChange(asset.Id, asset.Tag, field, from, to));
        }
    }
}
