using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.Procedures;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Features.WorkOrders;

namespace Workdesk.Server.Features.Procedures;

/// <summary>
/// Records step results on a work order's procedures. A failed result of a step marked
/// followUpOnFailure opens one corrective work order on the same asset and location, in the same
/// transaction.
/// </summary>
public sealed class ProcedureResults(WorkdeskDbContext db, CurrentUser currentUser, TimeProvider clock, WorkOrderService workOrders, ILogger<ProcedureResults> logger)
{
    public async Task<List<WorkOrderProcedureResponse>> ListAsync(long workOrderId, CancellationToken ct)
    {
        var procedures = await db.WorkOrderProcedures.AsNoTracking().Include(p => p.Results)
            .Where(p => p.WorkOrderId == workOrderId).OrderBy(p => p.Id).ToListAsync(ct);
        return [.. procedures.Select(ToResponse)];
    }

    public async Task<Result<WorkOrderProcedureResponse>> RecordAsync(WorkOrder workOrder, long procedureId, string stepKey, RecordStepRequest request, CancellationToken ct)
    {
        if (WorkOrderLifecycle.IsTerminal(workOrder.Status))
        {
            return Error.Conflict($"Work order {workOrder.Id} is {StatusNames.ToApi(workOrder.Status)}; reopen it to change procedure results.");
        }

        var procedure = await db.WorkOrderProcedures.Include(p => p.Results)
            .SingleOrDefaultAsync(p => p.Id == procedureId && p.WorkOrderId == workOrder.Id, ct);
        if (procedure is null)
        {
            return new Error(ErrorKind.NotFound, $"Work order {workOrder.Id} has no procedure {procedureId}.");
        }

        var step = ProcedureCopies.Read(procedure.Definition).FindStep(stepKey);
        if (step is null)
        {
            return new Error(ErrorKind.NotFound, $"Procedure '{procedure.Name}' has no step '{stepKey}'.");
        }

        var error = await CheckInputAsync(workOrder, step, request, ct);
        if (error is not null)
        {
            return error;
        }

        var (outcome, problem) = ProcedureRules.Judge(step, new StepInput(request.Value, request.AttachmentId, request.SignerName, request.Note));
        if (outcome is null)
        {
            return Error.Invalid(step.Kind is StepKind.Photo or StepKind.Signature ? "attachmentId" : "value", problem!);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = procedure.Results.SingleOrDefault(r => r.StepKey == step.Key);
        if (result is null)
        {
            result = new StepResult { StepKey = step.Key };
            procedure.Results.Add(result);
        }

        var value = request.Value is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } v ? v.GetRawText() : null;
        result.Value = value;
        result.Outcome = outcome.Value;
        result.Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        result.AttachmentId = request.AttachmentId;
        result.SignerName = step.Kind == StepKind.Signature ? request.SignerName!.Trim() : null;
        result.RecordedById = currentUser.Id;
        result.RecordedAt = clock.GetUtcNow();
        var history = new History(db, clock, currentUser.Id);
        history.Record(Activity.WorkOrderEntity, workOrder.Id, "step_recorded", $"procedure.{procedure.Id}.{step.Key}", null,
            $"{ToApi(outcome.Value)}{(value is null ? "" : " " + value)}");

        try
        {
            await db.SaveChangesAsync(ct);
            if (outcome == StepOutcome.Failed && step.FollowUpOnFailure && result.FollowUpWorkOrderId is null)
            {
                var followUp = await OpenFollowUpAsync(workOrder, procedure, step, value, ct);
                if (!followUp.IsSuccess)
                {
                    return followUp.Error!;
                }

                result.FollowUpWorkOrderId = followUp.Value;
                history.Record(Activity.WorkOrderEntity, workOrder.Id, "follow_up_created", "workOrderId", null, followUp.Value);
                await db.SaveChangesAsync(ct);
            }

            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Error.Conflict($"Step '{step.Key}' was recorded by someone else at the same moment. Read the procedure again and record the step again if needed.");
        }

        return ToResponse(procedure);
    }

    private async Task<Error?> CheckInputAsync(WorkOrder workOrder, ProcedureStep step, RecordStepRequest request, CancellationToken ct)
    {
        if (request.Note is { Length: > 2000 })
        {
            return Error.Invalid("note", "note must be at most 2000 characters.");
        }

        if (request.Value is { } value && value.GetRawText().Length > 4000)
        {
            return Error.Invalid("value", "value must be at most 4000 characters as JSON.");
        }

        if (request.AttachmentId is not { } attachmentId)
        {
            return null;
        }

        if (step.Kind is not (StepKind.Photo or StepKind.Signature))
        {
            return Error.Invalid("attachmentId", $"'{step.Label}' is not a photo or signature step, so it takes no attachmentId.");
        }

        var contentType = await db.Attachments.Where(a => a.Id == attachmentId && a.WorkOrderId == workOrder.Id)
            .Select(a => a.ContentType).SingleOrDefaultAsync(ct);
        if (contentType is null)
        {
            return Error.Invalid("attachmentId", $"Attachment {attachmentId} is not an attachment of work order {workOrder.Id}; upload the image to the work order first.");
        }

        return contentType.StartsWith("image/", StringComparison.Ordinal)
            ? null
            : Error.Invalid("attachmentId", $"Attachment {attachmentId} is {contentType}; a photo or signature must be an image.");
    }

    private async Task<Result<long>> OpenFollowUpAsync(WorkOrder workOrder, WorkOrderProcedure procedure, ProcedureStep step, string? value, CancellationToken ct)
    {
        var unit = step.Unit is null ? "" : " " + step.Unit;
        var description = string.Create(CultureInfo.InvariantCulture,
            $"'{step.Label}' failed with {value ?? "no value"}{unit}{ProcedureRules.DescribeLimits(step)} during '{procedure.Name}' on work order #{workOrder.Id} ({workOrder.Title}).");
        var title = $"Follow-up: {step.Label} failed on work order #{workOrder.Id}";
        var request = new CreateWorkOrderRequest(
            Title: title.Length > WorkOrderRules.MaxTitleLength ? title[..WorkOrderRules.MaxTitleLength] : title,
            Description: description,
            Type: WorkOrderTypes.Corrective,
            Priority: Priority.High,
            LocationId: workOrder.LocationId,
            AssetId: workOrder.AssetId,
            ParentId: workOrder.Id);
        var created = await workOrders.CreateAsync(request, requestId: null, ct);
        if (!created.IsSuccess)
        {
            Log.FollowUpFailed(logger, workOrder.Id, step.Key, created.Error!.Message);
            return created.Error!;
        }

        Log.FollowUpOpened(logger, created.Value!.Id, workOrder.Id, step.Key);
        return created.Value!.Id;
    }

    private static string ToApi(StepOutcome outcome) => outcome.ToString().ToLowerInvariant();

    public static WorkOrderProcedureResponse ToResponse(WorkOrderProcedure procedure) => new(
        procedure.Id, procedure.TemplateId, procedure.TemplateVersion, procedure.Name, ProcedureCopies.Read(procedure.Definition).Sections,
        [.. procedure.Results.OrderBy(r => r.StepKey, StringComparer.Ordinal).Select(r => new StepResultResponse(
            r.StepKey, r.Value is null ? null : JsonDocument.Parse(r.Value).RootElement.Clone(), r.Outcome, r.Note, r.AttachmentId, r.SignerName,
            r.RecordedById, r.RecordedAt, r.FollowUpWorkOrderId))],
        [.. ProcedureCopies.Missing(procedure)]);
}

internal static partial class Log
{
    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Opened follow-up work order {FollowUpId} for failed step {StepKey} of work order {WorkOrderId}")]
    public static partial void FollowUpOpened(ILogger logger, long followUpId, long workOrderId, string stepKey);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "Could not open a follow-up for failed step {StepKey} of work order {WorkOrderId}: {Reason}")]
    public static partial void FollowUpFailed(ILogger logger, long workOrderId, string stepKey, string reason);
}
