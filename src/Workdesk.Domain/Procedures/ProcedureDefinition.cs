namespace Workdesk.Domain.Procedures;

public enum StepKind
{
    /// <summary>A task to tick off once done.</summary>
    Check,

    /// <summary>A judgement of pass, fail or flag for attention.</summary>
    PassFail,

    /// <summary>A measured value with a unit and optional limits.</summary>
    Number,
    Text,
    Choice,

    /// <summary>A photo uploaded to the work order's attachments.</summary>
    Photo,

    /// <summary>A drawn signature uploaded as an image, with the signer's name; the server records the time.</summary>
    Signature,

    /// <summary>A meter reading, such as running hours, with a unit and optional limits.</summary>
    Meter,
}

/// <summary>The sections and steps of a procedure; both a template and each work order's copy use it.</summary>
public sealed record ProcedureDefinition
{
    public required IReadOnlyList<ProcedureSection> Sections { get; init; }

    public IEnumerable<(ProcedureSection Section, ProcedureStep Step)> AllSteps() =>
        Sections.SelectMany(section => section.Steps.Select(step => (section, step)));

    public ProcedureStep? FindStep(string key) =>
        Sections.SelectMany(s => s.Steps).FirstOrDefault(s => string.Equals(s.Key, key, StringComparison.Ordinal));
}

public sealed record ProcedureSection
{
    public required string Title { get; init; }

    public required IReadOnlyList<ProcedureStep> Steps { get; init; }
}

public sealed record ProcedureStep
{
    /// <summary>Key results are recorded under, unique within the procedure, such as "earth_leakage".</summary>
    public required string Key { get; init; }

    public required string Label { get; init; }

    public required StepKind Kind { get; init; }

    /// <summary>Guidance shown with the step, such as how to take the measurement.</summary>
    public string? Instructions { get; init; }

    /// <summary>Whether the work order cannot be completed until the step has a result.</summary>
    public bool Required { get; init; }

    /// <summary>Unit of a number or meter step, such as "µA" or "h".</summary>
    public string? Unit { get; init; }

    /// <summary>
    /// Name of the asset meter that a meter step reads, such as "Run hours", matched without regard
    /// to case. When null, the step's label is the meter name.
    /// </summary>
    public string? Meter { get; init; }

    /// <summary>Lowest value that passes, inclusive; number and meter steps only.</summary>
    public decimal? Min { get; init; }

    /// <summary>Highest value that passes, inclusive; number and meter steps only.</summary>
    public decimal? Max { get; init; }

    public IReadOnlyList<string> Options { get; init; } = [];

    /// <summary>Whether a failed result opens a corrective work order on the same asset.</summary>
    public bool FollowUpOnFailure { get; init; }
}
