using Workdesk.Domain.Common;

namespace Workdesk.Domain.WorkOrders;

public enum WorkOrderStatus
{
    Open,
    Assigned,
    InProgress,
    OnHold,
    Completed,

    /// <summary>Verified and closed; only reopening moves it on.</summary>
    Closed,
    Cancelled,
    Reopened,
}

/// <summary>
/// The allowed status transitions of a work order and what each one requires and records.
/// </summary>
public static class WorkOrderLifecycle
{
    private static readonly Dictionary<WorkOrderStatus, WorkOrderStatus[]> Allowed = new()
    {
        [WorkOrderStatus.Open] = [WorkOrderStatus.Assigned, WorkOrderStatus.InProgress, WorkOrderStatus.OnHold, WorkOrderStatus.Cancelled],
        [WorkOrderStatus.Reopened] = [WorkOrderStatus.Assigned, WorkOrderStatus.InProgress, WorkOrderStatus.OnHold, WorkOrderStatus.Cancelled],
        [WorkOrderStatus.Assigned] = [WorkOrderStatus.InProgress, WorkOrderStatus.OnHold, WorkOrderStatus.Open, WorkOrderStatus.Cancelled],
        [WorkOrderStatus.InProgress] = [WorkOrderStatus.OnHold, WorkOrderStatus.Completed, WorkOrderStatus.Cancelled],
        [WorkOrderStatus.OnHold] = [WorkOrderStatus.InProgress, WorkOrderStatus.Assigned, WorkOrderStatus.Cancelled],
        [WorkOrderStatus.Completed] = [WorkOrderStatus.Closed, WorkOrderStatus.Reopened],
        [WorkOrderStatus.Closed] = [WorkOrderStatus.Reopened],
        [WorkOrderStatus.Cancelled] = [WorkOrderStatus.Reopened],
    };

    /// <summary>Returns the statuses a work order may move to from <paramref name="from"/>.</summary>
    public static IReadOnlyList<WorkOrderStatus> NextStatuses(WorkOrderStatus from) => Allowed[from];

    public static bool IsTerminal(WorkOrderStatus status) =>
        status is WorkOrderStatus.Completed or WorkOrderStatus.Closed or WorkOrderStatus.Cancelled;

    /// <summary>
    /// Moves the work order to <paramref name="to"/> if the transition is allowed and its
    /// requirements are met, and returns the status it left.
    /// </summary>
    /// <param name="reason">Required when putting on hold, cancelling or reopening.</param>
    public static Result<WorkOrderStatus> Transition(WorkOrder workOrder, WorkOrderStatus to, string? reason, DateTimeOffset now)
    {
        var from = workOrder.Status;
        if (!Allowed[from].Contains(to))
        {
            var allowed = string.Join(", ", Allowed[from].Select(StatusNames.ToApi));
            return Error.Conflict(
                $"A work order cannot move from {StatusNames.ToApi(from)} to {StatusNames.ToApi(to)}. Allowed next statuses: {allowed}.",
                "status");
        }

        var needsReason = to is WorkOrderStatus.OnHold or WorkOrderStatus.Cancelled or WorkOrderStatus.Reopened;
        if (needsReason && string.IsNullOrWhiteSpace(reason))
        {
            return Error.Invalid("reason", $"A reason is required to move a work order to {StatusNames.ToApi(to)}.");
        }

        if (to == WorkOrderStatus.Assigned && workOrder.Assignments.Count == 0 && workOrder.VendorId is null)
        {
            return Error.Invalid("status", "Assign a person, a team or a vendor before moving the work order to assigned.");
        }

        Enter(workOrder, to, needsReason ? reason : null, now);
        return from;
    }

    /// <summary>
    /// Sets the status and the times that go with it, once the caller has checked the move is allowed.
    /// </summary>
    /// <param name="reason">Kept as the status reason when given; null clears it.</param>
    public static void Enter(WorkOrder workOrder, WorkOrderStatus to, string? reason, DateTimeOffset now)
    {
        workOrder.Status = to;
        workOrder.StatusReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        workOrder.UpdatedAt = now;
        switch (to)
        {
            case WorkOrderStatus.InProgress:
                workOrder.StartedAt ??= now;
                break;
            case WorkOrderStatus.Completed:
                workOrder.CompletedAt = now;
                break;
            case WorkOrderStatus.Closed:
                workOrder.ClosedAt = now;
                break;
            case WorkOrderStatus.Reopened:
            case WorkOrderStatus.Open:
            case WorkOrderStatus.Assigned:
            case WorkOrderStatus.OnHold:
            case WorkOrderStatus.Cancelled:
                break;
        }

        // A configured workflow may lead from a final status straight back to work, without reopened.
        if (!IsTerminal(to))
        {
            workOrder.CompletedAt = null;
            workOrder.ClosedAt = null;
        }
    }
}

/// <summary>The snake_case names statuses and priorities use in the API, CSV files and history.</summary>
public static class StatusNames
{
    public static string ToApi(WorkOrderStatus status) => status switch
    {
        WorkOrderStatus.Open => "open",
        WorkOrderStatus.Assigned => "assigned",
        WorkOrderStatus.InProgress => "in_progress",
        WorkOrderStatus.OnHold => "on_hold",
        WorkOrderStatus.Completed => "completed",
        WorkOrderStatus.Closed => "closed",
        WorkOrderStatus.Cancelled => "cancelled",
        WorkOrderStatus.Reopened => "reopened",
    };

    public static bool TryParse(string? text, out WorkOrderStatus status)
    {
        foreach (var candidate in Enum.GetValues<WorkOrderStatus>())
        {
            if (string.Equals(ToApi(candidate), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }

    public static string ToApi(Priority priority) => priority switch
    {
        Priority.Low => "low",
        Priority.Medium => "medium",
        Priority.High => "high",
        Priority.Urgent => "urgent",
    };

    public static bool TryParse(string? text, out Priority priority)
    {
        foreach (var candidate in Enum.GetValues<Priority>())
        {
            if (string.Equals(ToApi(candidate), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                priority = candidate;
                return true;
            }
        }

        priority = default;
        return false;
    }
}
