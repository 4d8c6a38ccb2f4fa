using Workdesk.Domain.People;
using Workdesk.Domain.WorkOrders;

namespace Workdesk.Domain.ServiceLevels;

/// <summary>The service-level target that an escalation rule watches.</summary>
public enum SlaTarget
{
    FirstResponse,
    Resolution,
}

/// <summary>
/// Acts on a work order a given amount of business time before a due time, or at it: notifies
/// people, reassigns the work, raises its priority. A rule fires at most once per work order.
/// </summary>
public sealed class EscalationRule : Common.IVersioned
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public SlaTarget Target { get; set; } = SlaTarget.Resolution;

    /// <summary>Business minutes, in the work order's calendar, before the due time; zero fires at the due time.</summary>
    public int MinutesBefore { get; set; }

    /// <summary>Restricts the rule to work orders under this policy; null matches every policy.</summary>
    public long? PolicyId { get; set; }

    /// <summary>Restricts the rule to work orders of this priority; null matches every priority.</summary>
    public Priority? Priority { get; set; }

    public bool NotifyAssignees { get; set; }

    /// <summary>User ids to notify as a JSON array, such as [12, 40].</summary>
    public string NotifyUserIds { get; set; } = "[]";

    /// <summary>Notifies every active user with this role.</summary>
    public Role? NotifyRole { get; set; }

    /// <summary>Notifies every member of this team.</summary>
    public long? NotifyTeamId { get; set; }

    /// <summary>Replaces the assignees with this user. The API rejects a rule that sets this and <see cref="ReassignTeamId"/>.</summary>
    public long? ReassignUserId { get; set; }

    public long? ReassignTeamId { get; set; }

    /// <summary>Raises the priority to this level when it is lower; a higher priority is left as it is.</summary>
    public Priority? RaisePriorityTo { get; set; }

    public bool IsActive { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public int Version { get; set; }

    /// <summary>Returns whether the rule's conditions match the work order; the time is checked separately.</summary>
    public bool AppliesTo(WorkOrder workOrder) =>
        IsActive
        && (PolicyId is null || PolicyId == workOrder.SlaPolicyId)
        && (Priority is null || Priority == workOrder.Priority);

    /// <summary>Returns the due time the rule watches on the work order, or null when that target does not run.</summary>
    public DateTimeOffset? DueAt(WorkOrder workOrder) => Target switch
    {
        SlaTarget.FirstResponse => workOrder.FirstRespondedAt is null ? workOrder.ResponseDueAt : null,
        SlaTarget.Resolution => workOrder.SlaPausedSince is null ? workOrder.ResolutionDueAt : null,
    };

    /// <summary>Returns when the rule fires against <paramref name="dueAt"/>, counting back in business time.</summary>
    public DateTimeOffset FiresAt(DateTimeOffset dueAt, BusinessCalendar calendar) =>
        calendar.Subtract(dueAt, TimeSpan.FromMinutes(MinutesBefore));
}

/// <summary>
/// One firing of one rule for one work order. The pair is unique in the database, so when two
/// nodes run the escalation job at once only the first insert succeeds and the actions run once.
/// </summary>
public sealed class EscalationFiring
{
    public long Id { get; set; }

    public long RuleId { get; set; }

    public long WorkOrderId { get; set; }

    /// <summary>The due time the rule fired against.</summary>
    public DateTimeOffset DueAt { get; set; }

    public DateTimeOffset FiredAt { get; set; }
}
