using System.Text.Json;
using Workdesk.Domain.Procedures;

namespace Workdesk.Server.Features.Procedures;

/// <summary>Which new work orders get the template: those matching every criterion given.</summary>
public sealed record ProcedureLinkDto(string? WorkOrderType = null, long? AssetTypeId = null, long? AssetId = null);

public sealed record SaveProcedureTemplateRequest(
    string Name, IReadOnlyList<ProcedureSection> Sections, string? Description = null, IReadOnlyList<ProcedureLinkDto>? AttachTo = null);

public sealed record ProcedureTemplateResponse(
    long Id, string Name, string? Description, IReadOnlyList<ProcedureSection> Sections, IReadOnlyList<ProcedureLinkDto> AttachTo, int Version);

/// <summary>A step's recorded result; signedAt of a signature is <see cref="RecordedAt"/>.</summary>
public sealed record StepResultResponse(
    string StepKey, JsonElement? Value, StepOutcome Outcome, string? Note, long? AttachmentId, string? SignerName,
    long? RecordedById, DateTimeOffset RecordedAt, long? FollowUpWorkOrderId);

/// <summary>A work order's copy of a procedure with its results and the required steps still without one.</summary>
public sealed record WorkOrderProcedureResponse(
    long Id, long? TemplateId, int TemplateVersion, string Name, IReadOnlyList<ProcedureSection> Sections,
    IReadOnlyList<StepResultResponse> Results, IReadOnlyList<string> MissingRequired);

/// <summary>
/// A step result. Value is true for a check, "pass", "fail" or "flag" for pass_fail, a number, a
/// text or an option. A photo or signature step takes the id of an image already uploaded to the
/// work order instead, and a signature also the signer's name.
/// </summary>
public sealed record RecordStepRequest(JsonElement? Value = null, long? AttachmentId = null, string? SignerName = null, string? Note = null);
