namespace Workdesk.Domain.Procedures;

/// <summary>A checklist administrators maintain; work orders get copies of it when they are created.</summary>
public sealed class ProcedureTemplate : Common.IVersioned
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    /// <summary>The <see cref="ProcedureDefinition"/> as JSON.</summary>
    public required string Definition { get; set; }

    public List<ProcedureLink> Links { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int Version { get; set; }
}

/// <summary>
/// Which new work orders get a template: those matching every criterion that is set. At least one
/// is set, so "inspection" alone covers all inspections, and "inspection" with an asset type covers
/// inspections of that kind of equipment only.
/// </summary>
public sealed class ProcedureLink
{
    public long Id { get; set; }

    public long TemplateId { get; set; }

    public string? WorkOrderType { get; set; }

    public long? AssetTypeId { get; set; }

    public long? AssetId { get; set; }
}

/// <summary>
/// A work order's own copy of a procedure. Later changes to the template do not touch it, so the
/// steps always match the results recorded against them.
/// </summary>
public sealed class WorkOrderProcedure
{
    public long Id { get; set; }

    public long WorkOrderId { get; set; }

    /// <summary>The template it was copied from; null once that template is gone.</summary>
    public long? TemplateId { get; set; }

    /// <summary>The template's version when it was copied.</summary>
    public int TemplateVersion { get; set; }

    public required string Name { get; set; }

    /// <summary>The copied <see cref="ProcedureDefinition"/> as JSON.</summary>
    public required string Definition { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<StepResult> Results { get; set; } = [];
}

public enum StepOutcome
{
    Done,
    Passed,
    Failed,
    Flagged,
}

/// <summary>The latest result recorded for one step of a work order's procedure.</summary>
public sealed class StepResult
{
    public long Id { get; set; }

    public long ProcedureId { get; set; }

    public required string StepKey { get; set; }

    /// <summary>The recorded value as JSON: true, "pass", 12.5, a text or a chosen option.</summary>
    public string? Value { get; set; }

    public StepOutcome Outcome { get; set; }

    public string? Note { get; set; }

    /// <summary>The photo or signature image, an attachment of the same work order.</summary>
    public long? AttachmentId { get; set; }

    public string? SignerName { get; set; }

    public long? RecordedById { get; set; }

    /// <summary>When the result was recorded; for a signature, the time of signing.</summary>
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>The corrective work order a failed result opened, so that it is opened only once.</summary>
    public long? FollowUpWorkOrderId { get; set; }
}
