namespace Workdesk.Domain.Workflows;

public enum FieldKind
{
    Text,
    Number,
    Date,
    Choice,
    MultiChoice,
    User,
    Asset,
    Location,
}

/// <summary>A custom field of a work order type.</summary>
public sealed record FieldDefinition
{
    /// <summary>Key the value is stored under, in snake_case, such as "failure_cause".</summary>
    public required string Key { get; init; }

    public required string Label { get; init; }

    public required FieldKind Kind { get; init; }

    /// <summary>Unit of a number field, such as "kPa" or "h".</summary>
    public string? Unit { get; init; }

    /// <summary>Allowed values of a choice or multiple-choice field.</summary>
    public IReadOnlyList<string> Options { get; init; } = [];

    /// <summary>Whether a new work order of this type must give a value.</summary>
    public bool RequiredOnCreate { get; init; }
}
