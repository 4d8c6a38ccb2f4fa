using Workdesk.Domain.Approvals;
using Workdesk.Domain.WorkOrders;

namespace Workdesk.Server.Features.Approvals;

/// <summary>An approval rule; conditions left null match every work order.</summary>
public sealed record SaveApprovalRuleRequest(
    string Name,
    IReadOnlyList<ApprovalStep> Steps,
    bool IsActive = true,
    string? WorkOrderType = null,
    Priority? MinPriority = null,
    decimal? MinEstimatedCost = null,
    string? Currency = null,
    long? LocationId = null,
    WorkOrderStatus GateStatus = WorkOrderStatus.InProgress);

public sealed record ApprovalRuleResponse(
    long Id, string Name, bool IsActive, string? WorkOrderType, Priority? MinPriority, decimal? MinEstimatedCost, string? Currency,
    long? LocationId, WorkOrderStatus GateStatus, IReadOnlyList<ApprovalStep> Steps, int Version);

public sealed record ApprovalDecisionResponse(int Step, bool Approved, string? Reason, long DecidedById, DateTimeOffset DecidedAt);

/// <summary>One rule's approval of a work order; currentStep is the index of the step waiting for a decision.</summary>
public sealed record WorkOrderApprovalResponse(
    long Id, long WorkOrderId, long? RuleId, string RuleName, WorkOrderStatus GateStatus, ApprovalState State, int CurrentStep,
    IReadOnlyList<ApprovalStep> Steps, IReadOnlyList<ApprovalDecisionResponse> Decisions, DateTimeOffset CreatedAt, DateTimeOffset? DecidedAt);

/// <summary>An approver's decision; a reason is required to reject.</summary>
public sealed record DecideApprovalRequest(bool Approve, string? Reason = null);

/// <summary>
/// A pending approval that waits for the caller, with what an approver needs to decide it: the
/// work order's title and estimated cost, the rule, and the current step (numbered from 0).
/// </summary>
public sealed record MyApprovalResponse(
    long Id, long WorkOrderId, string WorkOrderTitle, decimal? EstimatedCost, string? EstimatedCostCurrency, long? RuleId, string RuleName,
    WorkOrderStatus GateStatus, int CurrentStep, int StepCount, ApprovalStep Step, DateTimeOffset CreatedAt);
