using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Assets;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.Auth;

namespace Workdesk.Server.Features.Assets;

/// <summary>Merges an asset's creation, moves, status changes and work orders into one dated history.</summary>
public static class AssetTimeline
{
    /// <summary>Most work orders shown; older ones stay available through the work order list.</summary>
    public const int MaxWorkOrders = 500;

    public static async Task<List<TimelineEntry>> BuildAsync(WorkdeskDbContext db, CurrentUser user, Asset asset, CancellationToken ct)
    {
        var entries = new List<TimelineEntry> { new(asset.CreatedAt, "created", $"Asset {asset.Tag} created", null, null) };

        var moves = await db.AssetMoves.AsNoTracking().Where(m => m.AssetId == asset.Id).ToListAsync(ct);
        var locationIds = moves.SelectMany(m => new[] { m.FromLocationId, m.ToLocationId }).OfType<long>().Distinct().ToList();
        var names = await db.Locations.Where(l => locationIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Name, ct);
        entries.AddRange(moves.Select(m => new TimelineEntry(m.At, "moved", DescribeMove(m, names), m.ActorId, null)));

        var statuses = await db.Activities.AsNoTracking()
            .Where(a => a.EntityType == "asset" && a.EntityId == asset.Id)
            .ToListAsync(ct);
        entries.AddRange(statuses.Select(s => new TimelineEntry(s.At, s.Action, $"Status {s.OldValue} → {s.NewValue}", s.ActorId, null)));

        var workOrders = await db.WorkOrders.AsNoTracking().Visible(user, db)
            .Where(w => w.AssetId == asset.Id)
            .OrderByDescending(w => w.CreatedAt).Take(MaxWorkOrders)
            .Select(w => new { w.Id, w.Title, w.Status, w.CreatedAt, w.CompletedAt })
            .ToListAsync(ct);
        foreach (var workOrder in workOrders)
        {
            entries.Add(new TimelineEntry(workOrder.CreatedAt, "work_order", $"Work order {workOrder.Id} opened: {workOrder.Title}", null, workOrder.Id));
            if (workOrder.CompletedAt is { } completed)
            {
                entries.Add(new TimelineEntry(completed, "work_done", $"Work order {workOrder.Id} completed ({StatusNames.ToApi(workOrder.Status)} now)", null, workOrder.Id));
            }
        }

        return [.. entries.OrderBy(e => e.At)];
    }

    private static string DescribeMove(AssetMove move, Dictionary<long, string> names)
    {
        string Place(long? id) => id is { } value && names.TryGetValue(value, out var name) ? name : "no location";
        string Parent(long? id) => id is { } value ? "asset " + value.ToString(CultureInfo.InvariantCulture) : "top level";

        var text = $"Moved from {Place(move.FromLocationId)} to {Place(move.ToLocationId)}";
        if (move.FromParentId != move.ToParentId)
        {
            text += $", from {Parent(move.FromParentId)} to {Parent(move.ToParentId)}";
        }

        return move.MovedWithAssetId is { } carrier
            ? text + $", along with asset {carrier.ToString(CultureInfo.InvariantCulture)}"
            : text;
    }
}
