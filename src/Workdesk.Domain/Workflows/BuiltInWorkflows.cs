using Workdesk.Domain.WorkOrders;

namespace Workdesk.Domain.Workflows;

/// <summary>
/// The types every installation starts with. Each starts with version 1 of its workflow, which
/// reproduces the fixed lifecycle that work orders followed before workflows became data.
/// </summary>
public static class BuiltInWorkflows
{
    public static IReadOnlyList<(string Key, string Name)> Types { get; } =
    [
        (WorkOrderTypes.Corrective, "Corrective"),
        (WorkOrderTypes.Preventive, "Preventive"),
        (WorkOrderTypes.Inspection, "Inspection"),
        (WorkOrderTypes.Incident, "Safety incident"),
        (WorkOrderTypes.ServiceRequest, "Service request"),
        (WorkOrderTypes.MakeReady, "Make-ready"),
        (WorkOrderTypes.EventSetup, "Event set-up"),
    ];

    public static bool IsBuiltIn(string key) => Types.Any(t => t.Key == key);

    /// <summary>
    /// Creates version 1 of a built-in type's workflow. Corrective work also requires its failure
    /// codes on completion; these are the only required fields of any built-in type.
    /// </summary>
    public static WorkflowDefinition Create(string key)
    {
        WorkOrderStatus[] all = Enum.GetValues<WorkOrderStatus>();
        var corrective = key == WorkOrderTypes.Corrective;
        var transitions = all
            .SelectMany(from => WorkOrderLifecycle.NextStatuses(from).Select(to => new WorkflowTransition
            {
                From = StatusNames.ToApi(from),
                To = StatusNames.ToApi(to),
                RequiresReason = to is WorkOrderStatus.OnHold or WorkOrderStatus.Cancelled or WorkOrderStatus.Reopened,
                RequiredFields = corrective && to == WorkOrderStatus.Completed ? [FailureCodes.Problem, FailureCodes.Cause, FailureCodes.Remedy] : [],
            }))
            .ToList();
        return new WorkflowDefinition
        {
            InitialStatus = StatusNames.ToApi(WorkOrderStatus.Open),
            Statuses = [.. all.Select(s => new WorkflowStatus(StatusNames.ToApi(s), DisplayName(s), s))],
            Transitions = transitions,
            Fields = corrective ? FailureCodes.Fields : [],
        };
    }

    private static string DisplayName(WorkOrderStatus status) => status switch
    {
        WorkOrderStatus.Open => "Open",
        WorkOrderStatus.Assigned => "Assigned",
        WorkOrderStatus.InProgress => "In progress",
        WorkOrderStatus.OnHold => "On hold",
        WorkOrderStatus.Completed => "Completed",
        WorkOrderStatus.Closed => "Closed",
        WorkOrderStatus.Cancelled => "Cancelled",
        WorkOrderStatus.Reopened => "Reopened",
    };
}

/// <summary>The problem, cause and remedy codes that corrective work records when it is completed.</summary>
public static class FailureCodes
{
    public const string Problem = "failure_problem";
    public const string Cause = "failure_cause";
    public const string Remedy = "failure_remedy";

    public static IReadOnlyList<FieldDefinition> Fields { get; } =
    [
        new() { Key = Problem, Label = "Problem", Kind = FieldKind.Choice, Options = ["leaking", "noisy", "not_working", "overheating", "damaged", "other"] },
        new() { Key = Cause, Label = "Cause", Kind = FieldKind.Choice, Options = ["wear", "misuse", "faulty_part", "power_loss", "blockage", "unknown"] },
        new() { Key = Remedy, Label = "Remedy", Kind = FieldKind.Choice, Options = ["repaired", "replaced", "adjusted", "cleaned", "reset", "none_needed"] },
    ];
}
