using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Assets;
using Workdesk.Domain.Common;
using Workdesk.Domain.Locations;

namespace Workdesk.Server.Features.Assets;

/// <summary>
/// Keeps the asset tree's materialized paths right when assets are created and moved, and
/// records every move, including the descendants that move along.
/// </summary>
public sealed class AssetTree(WorkdeskDbContext db, TimeProvider clock)
{
    /// <summary>Inserts the asset, then sets its path, which contains its own id.</summary>
    public async Task AddAsync(Asset asset, CancellationToken ct)
    {
        var parentPath = asset.ParentId is { } parentId
            ? await db.Assets.Where(a => a.Id == parentId).Select(a => a.Path).SingleAsync(ct)
            : "/";
        var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        asset.Path = parentPath + "pending/";
        db.Assets.Add(asset);
        await db.SaveChangesAsync(ct);
        asset.Path = parentPath + asset.Id.ToString(CultureInfo.InvariantCulture) + "/";
        await db.SaveChangesAsync(ct);
        if (ownTransaction is not null)
        {
            await ownTransaction.CommitAsync(ct);
            await ownTransaction.DisposeAsync();
        }
    }

    /// <summary>
    /// Moves an asset to another location and/or parent asset. Its descendants move along: their
    /// paths follow, and those that stood at the asset's old location go to the new one. Past work
    /// orders keep the location where the work was done.
    /// </summary>
    public async Task<Error?> MoveAsync(Asset asset, long? toLocationId, long? toParentId, bool clearParent, long? actorId, CancellationToken ct)
    {
        var newParentId = clearParent ? null : toParentId ?? asset.ParentId;
        var newParentPath = "/";
        long? parentLocationId = null;
        if (newParentId is { } parentId)
        {
            var parent = await db.Assets.Where(a => a.Id == parentId).Select(a => new { a.Path, a.LocationId }).SingleOrDefaultAsync(ct);
            if (parent is null)
            {
                return Error.Invalid("parentId", $"Asset {parentId} does not exist.");
            }

            if (parent.Path.StartsWith(asset.Path, StringComparison.Ordinal))
            {
                return Error.Invalid("parentId", $"Asset {parentId} is {(parentId == asset.Id ? "the asset itself" : "inside this asset")}; moving there would make the asset its own ancestor.");
            }

            newParentPath = parent.Path;
            parentLocationId = parent.LocationId;
        }

        // Moving into a parent asset without naming a location puts the asset where its parent is.
        var newLocationId = toLocationId ?? (toParentId is not null ? parentLocationId ?? asset.LocationId : asset.LocationId);
        if (newLocationId is { } locationId && !await db.Locations.AnyAsync(l => l.Id == locationId, ct))
        {
            return Error.Invalid("locationId", $"Location {locationId} does not exist.");
        }

        if (newLocationId == asset.LocationId && newParentId == asset.ParentId)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var oldPath = asset.Path;
        var oldLocationId = asset.LocationId;
        var newPath = newParentPath + asset.Id.ToString(CultureInfo.InvariantCulture) + "/";
        var (lower, upper) = Location.SubtreeRange(oldPath);
        var descendants = await db.Assets
            .Where(a => a.Path.CompareTo(lower) >= 0 && a.Path.CompareTo(upper) < 0 && a.Id != asset.Id)
            .ToListAsync(ct);

        db.AssetMoves.Add(new AssetMove
        {
            AssetId = asset.Id, At = now, ActorId = actorId,
            FromLocationId = oldLocationId, ToLocationId = newLocationId, FromParentId = asset.ParentId, ToParentId = newParentId,
        });
        foreach (var descendant in descendants)
        {
            var followsLocation = descendant.LocationId == oldLocationId && newLocationId != oldLocationId;
            db.AssetMoves.Add(new AssetMove
            {
                AssetId = descendant.Id, At = now, ActorId = actorId, MovedWithAssetId = asset.Id,
                FromLocationId = descendant.LocationId, ToLocationId = followsLocation ? newLocationId : descendant.LocationId,
                FromParentId = descendant.ParentId, ToParentId = descendant.ParentId,
            });
            descendant.Path = newPath + descendant.Path[oldPath.Length..];
            if (followsLocation)
            {
                descendant.LocationId = newLocationId;
            }
        }

        asset.Path = newPath;
        asset.ParentId = newParentId;
        asset.LocationId = newLocationId;
        return null;
    }

    /// <summary>
    /// Sets the paths of assets that have none yet, such as rows written by a bulk loader, one tree
    /// level at a time. Returns how many were set.
    /// </summary>
#pragma warning disable CA1305 // EF Core translates long.ToString() to SQL, where no culture applies; the overload with a culture has no translation.
    public static async Task<int> RepairPathsAsync(WorkdeskDbContext db, CancellationToken ct)
    {
        var total = await db.Assets.Where(a => a.Path == "" && a.ParentId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Path, a => "/" + a.Id.ToString() + "/"), ct);
        for (var depth = 0; depth < 100; depth++)
        {
            var updated = await db.Assets
                .Where(a => a.Path == "" && a.ParentId != null && db.Assets.Any(p => p.Id == a.ParentId && p.Path != ""))
                .ExecuteUpdateAsync(s => s.SetProperty(
                    a => a.Path,
                    a => db.Assets.Where(p => p.Id == a.ParentId).Select(p => p.Path).First() + a.Id.ToString() + "/"), ct);
            total += updated;
            if (updated == 0)
            {
                break;
            }
        }

        return total;
    }
#pragma warning restore CA1305
}
