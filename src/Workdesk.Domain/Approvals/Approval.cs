using Workdesk.Domain.People;
using Workdesk.Domain.WorkOrders;

namespace Workdesk.Domain.Approvals;

/// <summary>
/// A rule that stops matching work orders at a gate until approvers agree, such as "estimated cost
/// over 1,000 needs the site manager". A work order matches when every condition that is set is met.
/// </summary>
public sealed class ApprovalRule : Common.IVersioned
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public bool IsActive { get; set; } = true;

    public string? WorkOrderType { get; set; }

    /// <summary>Matches work orders of this priority or higher.</summary>
    public Priority? MinPriority { get; set; }

    /// <summary>Matches work orders whose estimated cost is above this amount.</summary>
    public decimal? MinEstimatedCost { get; set; }

    /// <summary>ISO 4217 code of <see cref="MinEstimatedCost"/>.</summary>
    public string? Currency { get; set; }

    /// <summary>Matches work orders at this location or anywhere below it.</summary>
    public long? LocationId { get; set; }

    /// <summary>The status category a matching work order cannot enter until approved.</summary>
    public WorkOrderStatus GateStatus { get; set; } = WorkOrderStatus.InProgress;

    /// <summary>The <see cref="ApprovalStep"/> list as JSON; approvers decide in this order.</summary>
    public required string Steps { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int Version { get; set; }
}

/// <summary>Who approves one step: anyone with the role, the manager of the work order's location, or one named user.</summary>
public sealed record ApprovalStep(Role? Role = null, bool LocationManager = false, long? UserId = null);

public enum ApprovalState
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>
/// One rule's approval of one work order. The steps are copied from the rule when the approval is
/// opened, so a later change to the rule does not move approvers under a running approval.
/// </summary>
public sealed class WorkOrderApproval
{
    public long Id { get; set; }

    public long WorkOrderId { get; set; }

    public long? RuleId { get; set; }

    public required string RuleName { get; set; }

    public WorkOrderStatus GateStatus { get; set; }

    /// <summary>The copied <see cref="ApprovalStep"/> list as JSON.</summary>
    public required string Steps { get; set; }

    /// <summary>Zero-based index of the step waiting for a decision; equals the step count once approved.</summary>
    public int CurrentStep { get; set; }

    public ApprovalState State { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public List<ApprovalDecision> Decisions { get; set; } = [];
}

/// <summary>An approver's decision on one step, with the reason they gave.</summary>
public sealed class ApprovalDecision
{
    public long Id { get; set; }

    public long ApprovalId { get; set; }

    public int Step { get; set; }

    public bool Approved { get; set; }

    public string? Reason { get; set; }

    public long DecidedById { get; set; }

    public DateTimeOffset DecidedAt { get; set; }
}
