namespace Workdesk.Domain.Workflows;

/// <summary>
/// A work order type an administrator created or changed. Built-in types that were never changed
/// have no row; their first workflow version comes from <see cref="BuiltInWorkflows"/>.
/// </summary>
public sealed class WorkOrderType
{
    public long Id { get; set; }

    /// <summary>Key work orders store in their type column, such as "corrective".</summary>
    public required string Key { get; set; }

    public required string Name { get; set; }

    /// <summary>The version new work orders of this type are created with.</summary>
    public int CurrentVersion { get; set; } = 1;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One saved version of a type's workflow definition; rows are never changed once written.</summary>
public sealed class WorkflowVersion
{
    public long Id { get; set; }

    public required string TypeKey { get; set; }

    public int Number { get; set; }

    /// <summary>The <see cref="WorkflowDefinition"/> as JSON.</summary>
    public required string Definition { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public long? CreatedById { get; set; }
}
