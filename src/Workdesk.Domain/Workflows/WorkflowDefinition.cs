using Workdesk.Domain.People;
using Workdesk.Domain.WorkOrders;

namespace Workdesk.Domain.Workflows;

/// <summary>
/// One version of a work order type's configuration: its statuses, the transitions between them
/// and its custom fields. Stored as a JSON document per version, so a saved version never changes.
/// </summary>
public sealed record WorkflowDefinition
{
    /// <summary>The status a new work order of this type starts in; its category must be open.</summary>
    public required string InitialStatus { get; init; }

    public required IReadOnlyList<WorkflowStatus> Statuses { get; init; }

    public required IReadOnlyList<WorkflowTransition> Transitions { get; init; }

    public IReadOnlyList<FieldDefinition> Fields { get; init; } = [];

    public WorkflowStatus? FindStatus(string key) =>
        Statuses.FirstOrDefault(s => string.Equals(s.Key, key, StringComparison.Ordinal));

    public IEnumerable<WorkflowTransition> TransitionsFrom(string key) =>
        Transitions.Where(t => string.Equals(t.From, key, StringComparison.Ordinal));

    /// <summary>
    /// Returns the workflow status a work order is in. The stored key wins while its category still
    /// matches the work order's status; paths that only know categories (assigning someone, bulk
    /// changes, imports) leave the key stale or empty, and then the status of that category whose key
    /// equals the category name is used, or else the first status of that category.
    /// </summary>
    public string ResolveStatusKey(string? storedKey, WorkOrderStatus category)
    {
        if (storedKey is not null && FindStatus(storedKey) is { } stored && stored.Category == category)
        {
            return stored.Key;
        }

        var categoryName = StatusNames.ToApi(category);
        return Statuses.FirstOrDefault(s => s.Category == category && s.Key == categoryName)?.Key
            ?? Statuses.FirstOrDefault(s => s.Category == category)?.Key
            ?? categoryName;
    }
}

/// <summary>
/// A status of a workflow. The category is one of the fixed statuses, which the SLA clock, list
/// filters, badges and reports use, so a type may call its statuses anything.
/// </summary>
public sealed record WorkflowStatus(string Key, string Name, WorkOrderStatus Category);

/// <summary>A move from one status to another and the rules that guard it.</summary>
public sealed record WorkflowTransition
{
    public required string From { get; init; }

    public required string To { get; init; }

    /// <summary>
    /// Roles that may perform the transition. Null keeps the default rule: administrators and
    /// dispatchers may perform any move, technicians any move except to closed, and vendors only
    /// moves to in progress, on hold and completed.
    /// </summary>
    public IReadOnlyList<Role>? Roles { get; init; }

    /// <summary>Whether a person assigned to the work order may perform it, whatever their role.</summary>
    public bool Assignee { get; init; }

    public bool RequiresReason { get; init; }

    /// <summary>Custom fields that must have a value, on the work order or in the request, to pass.</summary>
    public IReadOnlyList<string> RequiredFields { get; init; } = [];

    /// <summary>Custom fields the transition request may not set.</summary>
    public IReadOnlyList<string> ReadOnlyFields { get; init; } = [];

    /// <summary>Custom fields the transition's form does not show; the request may not set them either.</summary>
    public IReadOnlyList<string> HiddenFields { get; init; } = [];
}
