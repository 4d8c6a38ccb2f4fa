using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Approvals;
using Workdesk.Domain.Common;
using Workdesk.Domain.Locations;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Features.Notifications;
using Workdesk.Server.Features.Workflows;
using Workdesk.Server.Features.WorkOrders;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.Approvals;

/// <summary>
/// Opens approvals for work orders that match active rules, records approvers' decisions, and keeps
/// a work order at a rule's gate until its approval is granted. The approvers of each step that
/// starts waiting get an approval.requested notification.
/// </summary>
public sealed class ApprovalService(WorkdeskDbContext db, CurrentUser currentUser, TimeProvider clock, Notifier notifier, ReferenceData reference)
{
    public static IReadOnlyList<ApprovalStep> ReadSteps(string json) =>
        JsonSerializer.Deserialize<List<ApprovalStep>>(json, WorkflowCatalog.Json)!;

    public static string WriteSteps(IReadOnlyList<ApprovalStep> steps) =>
        JsonSerializer.Serialize(steps, WorkflowCatalog.Json);

    /// <summary>
    /// Adds a pending approval for every active rule the saved work order matches and has no
    /// approval for yet, and notifies the approvers of each new approval's first step. The caller
    /// saves the changes.
    /// </summary>
    public async Task OpenMatchingAsync(WorkOrder workOrder, CancellationToken ct)
    {
        var rules = await reference.GetAsync("approval-rules", (context, token) =>
            context.ApprovalRules.AsNoTracking().Where(r => r.IsActive).OrderBy(r => r.Id).Take(1000).ToListAsync(token), ct);
        if (rules.Count == 0)
        {
            return;
        }

        var existing = await db.WorkOrderApprovals.Where(a => a.WorkOrderId == workOrder.Id).Select(a => a.RuleId).ToListAsync(ct);
        var path = workOrder.LocationId is { } locationId
            ? await db.Locations.Where(l => l.Id == locationId).Select(l => l.Path).SingleOrDefaultAsync(ct)
            : null;
        var rulePaths = await db.Locations.Where(l => rules.Select(r => r.LocationId).Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Path, ct);
        var history = new History(db, clock, currentUser.IsAuthenticated ? currentUser.Id : null);
        foreach (var rule in rules.Where(r => !existing.Contains(r.Id) && Matches(r, workOrder, path, rulePaths)))
        {
            db.WorkOrderApprovals.Add(new WorkOrderApproval
            {
                WorkOrderId = workOrder.Id,
                RuleId = rule.Id,
                RuleName = rule.Name,
                GateStatus = rule.GateStatus,
                Steps = rule.Steps,
                State = ApprovalState.Pending,
                CreatedAt = clock.GetUtcNow(),
            });
            history.Record(Activity.WorkOrderEntity, workOrder.Id, "approval_requested", "approval", null, rule.Name);
            await NotifyApproversAsync(workOrder, rule.Name, ReadSteps(rule.Steps), 0, ct);
        }
    }

    /// <summary>
    /// Returns why the work order cannot enter <paramref name="to"/> yet, or null. A gate also
    /// guards the final categories completed and closed, so work cannot skip past it; cancelling
    /// is always possible.
    /// </summary>
    public async Task<Error?> CheckGateAsync(WorkOrder workOrder, WorkOrderStatus to, CancellationToken ct)
    {
        if (to is WorkOrderStatus.Cancelled)
        {
            return null;
        }

        await OpenMatchingAsync(workOrder, ct);
        await db.SaveChangesAsync(ct);
        var blocking = await db.WorkOrderApprovals.AsNoTracking()
            .Where(a => a.WorkOrderId == workOrder.Id && a.State != ApprovalState.Approved)
            .OrderBy(a => a.Id).ToListAsync(ct);
        var gated = blocking.Where(a => a.GateStatus == to || to is WorkOrderStatus.Completed or WorkOrderStatus.Closed).ToList();
        if (gated.Count == 0)
        {
            return null;
        }

        var reasons = gated.Select(a => a.State == ApprovalState.Rejected
            ? $"'{a.RuleName}' was rejected"
            : $"'{a.RuleName}' is waiting for step {a.CurrentStep + 1} of {ReadSteps(a.Steps).Count}");
        return Error.Conflict(
            $"Work order {workOrder.Id} cannot move to {StatusNames.ToApi(to)} until it is approved: {string.Join("; ", reasons)}.", "approval");
    }

    public async Task<List<WorkOrderApprovalResponse>> ListAsync(long workOrderId, CancellationToken ct)
    {
        var approvals = await db.WorkOrderApprovals.AsNoTracking().Include(a => a.Decisions)
            .Where(a => a.WorkOrderId == workOrderId).OrderBy(a => a.Id).ToListAsync(ct);
        return [.. approvals.Select(ToResponse)];
    }

    /// <summary>Lists the pending approvals whose current step the current user may decide, oldest first.</summary>
    public async Task<List<MyApprovalResponse>> ListMineAsync(CancellationToken ct)
    {
        var pending = await db.WorkOrderApprovals.AsNoTracking().Include(a => a.Decisions)
            .Where(a => a.State == ApprovalState.Pending).OrderBy(a => a.Id).Take(500).ToListAsync(ct);
        var ids = pending.Select(a => a.WorkOrderId).Distinct().ToList();
        var workOrders = await db.WorkOrders.AsNoTracking().Visible(currentUser, db).Where(w => ids.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct);
        var mine = new List<MyApprovalResponse>();
        foreach (var approval in pending)
        {
            if (workOrders.TryGetValue(approval.WorkOrderId, out var workOrder) && await MayDecideAsync(approval, workOrder, ct))
            {
                var steps = ReadSteps(approval.Steps);
                mine.Add(new MyApprovalResponse(
                    approval.Id, workOrder.Id, workOrder.Title, workOrder.EstimatedCost, workOrder.EstimatedCostCurrency, approval.RuleId, approval.RuleName,
                    approval.GateStatus, approval.CurrentStep, steps.Count, steps[approval.CurrentStep], approval.CreatedAt));
            }
        }

        return mine;
    }

    public async Task<Result<WorkOrderApprovalResponse>> DecideAsync(WorkOrder workOrder, long approvalId, DecideApprovalRequest request, CancellationToken ct)
    {
        var approval = await db.WorkOrderApprovals.Include(a => a.Decisions)
            .SingleOrDefaultAsync(a => a.Id == approvalId && a.WorkOrderId == workOrder.Id, ct);
        if (approval is null)
        {
            return new Error(ErrorKind.NotFound, $"Work order {workOrder.Id} has no approval {approvalId}.");
        }

        if (approval.State != ApprovalState.Pending)
        {
            return Error.Conflict($"Approval '{approval.RuleName}' is already {approval.State.ToString().ToLowerInvariant()}.");
        }

        if (!request.Approve && string.IsNullOrWhiteSpace(request.Reason))
        {
            return Error.Invalid("reason", "A reason is required to reject.");
        }

        if (request.Reason is { Length: > 2000 })
        {
            return Error.Invalid("reason", "reason must be at most 2000 characters.");
        }

        if (!await MayDecideAsync(approval, workOrder, ct))
        {
            return Error.Forbidden($"You are not an approver of step {approval.CurrentStep + 1} of '{approval.RuleName}'.");
        }

        var now = clock.GetUtcNow();
        var steps = ReadSteps(approval.Steps);
        approval.Decisions.Add(new ApprovalDecision
        {
            Step = approval.CurrentStep,
            Approved = request.Approve,
            Reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim(),
            DecidedById = currentUser.Id,
            DecidedAt = now,
        });
        if (!request.Approve)
        {
            approval.State = ApprovalState.Rejected;
            approval.DecidedAt = now;
        }
        else if (++approval.CurrentStep >= steps.Count)
        {
            approval.State = ApprovalState.Approved;
            approval.DecidedAt = now;
        }
        else
        {
            await NotifyApproversAsync(workOrder, approval.RuleName, steps, approval.CurrentStep, ct);
        }

        var history = new History(db, clock, currentUser.Id);
        history.Record(Activity.WorkOrderEntity, workOrder.Id, request.Approve ? "approval_granted" : "approval_rejected", "approval",
            approval.RuleName, request.Reason?.Trim());
        await db.SaveChangesAsync(ct);
        return ToResponse(approval);
    }

    /// <summary>Adds an approval.requested notification for everyone who may decide step <paramref name="stepIndex"/>.</summary>
    private async Task NotifyApproversAsync(WorkOrder workOrder, string ruleName, IReadOnlyList<ApprovalStep> steps, int stepIndex, CancellationToken ct)
    {
        var step = steps[stepIndex];
        List<long> approvers = [];
        if (step.UserId is { } userId)
        {
            approvers.Add(userId);
        }
        else if (step.LocationManager)
        {
            if (await FindManagerAsync(workOrder.LocationId, ct) is { } managerId)
            {
                approvers.Add(managerId);
            }
        }
        else if (step.Role is { } role)
        {
            approvers.AddRange(await RoleApproversAsync(role, workOrder.LocationId, ct));
        }

        var values = new Dictionary<string, string?>
        {
            ["workOrderNumber"] = $"WO-{workOrder.Id}",
            ["title"] = workOrder.Title,
            ["rule"] = ruleName,
            ["step"] = (stepIndex + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["stepCount"] = steps.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["estimatedCost"] = workOrder.EstimatedCost is { } cost
                ? $"{cost.ToString(System.Globalization.CultureInfo.InvariantCulture)} {workOrder.EstimatedCostCurrency}".Trim()
                : "not given",
        };
        await notifier.NotifyAsync(approvers, new NotificationMessage(NotificationEvents.ApprovalRequested, values, workOrder.Id), ct);
    }

    /// <summary>
    /// Returns the active users with the role who see the work order's location: users limited to
    /// some sites hear only about work inside them, and work with no location reaches all of them.
    /// </summary>
    private async Task<IEnumerable<long>> RoleApproversAsync(Workdesk.Domain.People.Role role, long? locationId, CancellationToken ct)
    {
        var path = locationId is { } id ? await db.Locations.Where(l => l.Id == id).Select(l => l.Path).SingleOrDefaultAsync(ct) : null;
        var withRole = await db.Users.AsNoTracking().Where(u => u.Role == role && u.IsActive)
            .Select(u => new { u.Id, Sites = u.Sites.Select(s => s.LocationId).ToList() })
            .Take(1000).ToListAsync(ct);
        return withRole
            .Where(u => u.Sites.Count == 0 || path is null || u.Sites.Any(site => path.Contains($"/{site}/", StringComparison.Ordinal)))
            .Select(u => u.Id);
    }

    private async Task<bool> MayDecideAsync(WorkOrderApproval approval, WorkOrder workOrder, CancellationToken ct)
    {
        var steps = ReadSteps(approval.Steps);
        if (approval.CurrentStep >= steps.Count)
        {
            return false;
        }

        var step = steps[approval.CurrentStep];
        if (step.UserId is { } userId)
        {
            return userId == currentUser.Id;
        }

        if (step.LocationManager)
        {
            return await FindManagerAsync(workOrder.LocationId, ct) == currentUser.Id;
        }

        return step.Role == currentUser.Role;
    }

    /// <summary>Returns the manager of the location or of its nearest ancestor that has one.</summary>
    private async Task<long?> FindManagerAsync(long? locationId, CancellationToken ct)
    {
        if (locationId is not { } id)
        {
            return null;
        }

        var path = await db.Locations.Where(l => l.Id == id).Select(l => l.Path).SingleOrDefaultAsync(ct);
        var ancestors = (path ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries).Select(id => long.Parse(id, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var managers = await db.Locations.Where(l => ancestors.Contains(l.Id) && l.ManagerId != null)
            .Select(l => new { l.Id, l.ManagerId }).ToListAsync(ct);
        return ancestors.AsEnumerable().Reverse().Select(a => managers.FirstOrDefault(m => m.Id == a)?.ManagerId).FirstOrDefault(m => m is not null);
    }

    private static bool Matches(ApprovalRule rule, WorkOrder workOrder, string? path, Dictionary<long, string> rulePaths)
    {
        if (rule.WorkOrderType is not null && rule.WorkOrderType != workOrder.Type)
        {
            return false;
        }

        if (rule.MinPriority is { } minPriority && workOrder.Priority < minPriority)
        {
            return false;
        }

        if (rule.MinEstimatedCost is { } minCost)
        {
            // A cost in another currency cannot be compared, so it is treated as over the limit.
            var comparable = rule.Currency is null || workOrder.EstimatedCostCurrency is null || rule.Currency == workOrder.EstimatedCostCurrency;
            if (workOrder.EstimatedCost is not { } cost || (comparable && cost <= minCost))
            {
                return false;
            }
        }

        if (rule.LocationId is { } ruleLocation)
        {
            if (path is null || !rulePaths.TryGetValue(ruleLocation, out var rulePath))
            {
                return false;
            }

            var (lower, upper) = Location.SubtreeRange(rulePath);
            return string.CompareOrdinal(path, lower) >= 0 && string.CompareOrdinal(path, upper) < 0;
        }

        return true;
    }

    public static WorkOrderApprovalResponse ToResponse(WorkOrderApproval a) => new(
        a.Id, a.WorkOrderId, a.RuleId, a.RuleName, a.GateStatus, a.State, a.CurrentStep, ReadSteps(a.Steps),
        [.. a.Decisions.OrderBy(d => d.Id).Select(d => new ApprovalDecisionResponse(d.Step, d.Approved, d.Reason, d.DecidedById, d.DecidedAt))],
        a.CreatedAt, a.DecidedAt);
}
