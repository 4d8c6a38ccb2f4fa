using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.Workflows;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Features.WorkOrders;

namespace Workdesk.Server.Features.Workflows;

/// <summary>
/// Moves work orders that are under way onto a newer version of their type's workflow. Statuses
/// that exist in the new version keep their key; every other status must be mapped to one that
/// does. Closed and cancelled work orders stay on the version they finished under.
/// </summary>
public sealed class WorkflowUpgrade(WorkdeskDbContext db, WorkflowCatalog catalog, CurrentUser currentUser, TimeProvider clock, ServiceLevels.SlaService sla)
{
    private const int BatchSize = 500;

    public async Task<Result<UpgradePreview>> PreviewAsync(string typeKey, UpgradeRequest request, CancellationToken ct)
    {
        var type = await catalog.FindAsync(typeKey, ct);
        if (type is null)
        {
            return new Error(ErrorKind.NotFound, $"Work order type '{typeKey}' was not found.");
        }

        var toVersion = request.ToVersion ?? type.CurrentVersion;
        var target = await catalog.GetDefinitionAsync(typeKey, toVersion, ct);
        if (target is null)
        {
            return Error.Invalid("toVersion", $"Type '{typeKey}' has no version {toVersion}.");
        }

        var map = request.StatusMap ?? new Dictionary<string, string>();
        var groups = await UnderWay(typeKey, toVersion)
            .GroupBy(w => new { w.WorkflowVersion, w.StatusKey, w.Status })
            .Select(g => new { g.Key.WorkflowVersion, g.Key.StatusKey, g.Key.Status, Count = g.Count() })
            .ToListAsync(ct);

        var rows = new Dictionary<(int, string), UpgradeStatusRow>();
        foreach (var group in groups)
        {
            var source = await catalog.GetDefinitionAsync(typeKey, group.WorkflowVersion, ct);
            var fromKey = source?.ResolveStatusKey(group.StatusKey, group.Status) ?? StatusNames.ToApi(group.Status);
            var toKey = ResolveTarget(fromKey, map, target);
            rows[(group.WorkflowVersion, fromKey)] = rows.TryGetValue((group.WorkflowVersion, fromKey), out var row)
                ? row with { Count = row.Count + group.Count }
                : new UpgradeStatusRow(group.WorkflowVersion, fromKey, group.Count, toKey);
        }

        var problems = new List<string>();
        foreach (var (from, to) in map)
        {
            if (target.FindStatus(to) is null)
            {
                problems.Add($"statusMap maps '{from}' to '{to}', which is not a status of version {toVersion}.");
            }
        }

        foreach (var missing in rows.Values.Where(r => r.ToStatus is null).Select(r => r.FromStatus).Distinct(StringComparer.Ordinal))
        {
            problems.Add($"Status '{missing}' does not exist in version {toVersion}; map it in statusMap to one of: {string.Join(", ", target.Statuses.Select(s => s.Key))}.");
        }

        var ordered = rows.Values.OrderBy(r => r.FromVersion).ThenBy(r => r.FromStatus, StringComparer.Ordinal).ToList();
        return new UpgradePreview(typeKey, toVersion, ordered.Sum(r => r.Count), ordered, problems);
    }

    /// <summary>Applies the upgrade in one transaction and records it in each work order's history.</summary>
    public async Task<Result<UpgradePreview>> ApplyAsync(string typeKey, UpgradeRequest request, CancellationToken ct)
    {
        var previewed = await PreviewAsync(typeKey, request, ct);
        if (!previewed.IsSuccess || previewed.Value!.Problems.Count > 0)
        {
            return previewed;
        }

        var preview = previewed.Value;
        var target = (await catalog.GetDefinitionAsync(typeKey, preview.ToVersion, ct))!;
        var map = request.StatusMap ?? new Dictionary<string, string>();
        var history = new History(db, clock, currentUser.Id);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        long lastId = 0;
        while (true)
        {
            var batch = await UnderWay(typeKey, preview.ToVersion).Where(w => w.Id > lastId)
                .OrderBy(w => w.Id).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var workOrder in batch)
            {
                await MoveAsync(workOrder, target, preview.ToVersion, map, history, ct);
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            lastId = batch[^1].Id;
        }

        await transaction.CommitAsync(ct);
        return preview;
    }

    private async Task MoveAsync(
        WorkOrder workOrder, WorkflowDefinition target, int toVersion, IReadOnlyDictionary<string, string> map, History history, CancellationToken ct)
    {
        var source = await catalog.GetForAsync(workOrder, ct);
        var fromKey = source.ResolveStatusKey(workOrder.StatusKey, workOrder.Status);
        var toKey = ResolveTarget(fromKey, map, target)!;
        var toStatus = target.FindStatus(toKey)!;
        var entity = Activity.WorkOrderEntity;
        history.Record(entity, workOrder.Id, "workflow_applied", "workflowVersion", workOrder.WorkflowVersion, toVersion);
        history.FieldChanged(entity, workOrder.Id, "statusKey", fromKey, toKey);
        workOrder.WorkflowVersion = toVersion;
        workOrder.StatusKey = toKey;
        workOrder.UpdatedAt = clock.GetUtcNow();
        if (toStatus.Category != workOrder.Status)
        {
            var previous = workOrder.Status;
            workOrder.Status = toStatus.Category;
            history.Record(entity, workOrder.Id, "status_changed", "status", previous, workOrder.Status);
            await sla.OnStatusChangedAsync(workOrder, previous, ct);
        }
    }

    // Under way: not closed or cancelled. Completed work can still be reopened, so it moves too.
    private IQueryable<WorkOrder> UnderWay(string typeKey, int toVersion) =>
        db.WorkOrders.Where(w => w.Type == typeKey && w.WorkflowVersion != toVersion
            && w.Status != WorkOrderStatus.Closed && w.Status != WorkOrderStatus.Cancelled);

    private static string? ResolveTarget(string fromKey, IReadOnlyDictionary<string, string> map, WorkflowDefinition target) =>
        map.TryGetValue(fromKey, out var mapped) ? target.FindStatus(mapped)?.Key : target.FindStatus(fromKey)?.Key;
}

/// <summary>Which version to move work orders to (the current one when left out) and how to map statuses it no longer has.</summary>
public sealed record UpgradeRequest(int? ToVersion = null, IReadOnlyDictionary<string, string>? StatusMap = null);

/// <summary>How many work orders sit in one status of one old version, and the status they would move to; null when unmapped.</summary>
public sealed record UpgradeStatusRow(int FromVersion, string FromStatus, int Count, string? ToStatus);

/// <summary>What applying a version would change; apply is rejected while problems are listed.</summary>
public sealed record UpgradePreview(string Type, int ToVersion, int WorkOrderCount, IReadOnlyList<UpgradeStatusRow> Statuses, IReadOnlyList<string> Problems);
