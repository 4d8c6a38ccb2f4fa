using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.Maintenance;
using Workdesk.Domain.Procedures;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Features.Meters;
using Workdesk.Server.Features.WorkOrders;

namespace Workdesk.Server.Features.Procedures;

/// <summary>
/// Records step results on a work order's procedures. A failed result of a step marked
/// followUpOnFailure opens one corrective work order on the same asset and location, in the same
/// transaction. A meter step on a work order whose asset has the step's meter also stores a meter
/// reading, and the step is not recorded when that reading is invalid.
/// </summary>
public sealed class ProcedureResults(
    WorkdeskDbContext db, CurrentUser currentUser, TimeProvider clock, WorkOrderService workOrders, MeterReadings meterReadings, ILogger<ProcedureResults> logger)
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
        var previousValue = result?.Value;
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
            // Sending the same value again replaces the note or time only, so it stores no second reading.
            if (step.Kind == StepKind.Meter && value != previousValue && await RecordMeterReadingAsync(workOrder, step, request.Value!.Value, history, ct) is { } meterError)
            {
                return meterError;
            }

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

    /// <summary>
    /// Stores the step's value as a reading of the work order asset's meter named like the step,
    /// through the same checks as a reading entered by hand. Returns null when the asset has no such
    /// meter, because the step result is then stored on its own.
    /// </summary>
    private async Task<Error?> RecordMeterReadingAsync(WorkOrder workOrder, ProcedureStep step, JsonElement value, History history, CancellationToken ct)
    {
        if (workOrder.AssetId is not { } assetId)
        {
            return null;
        }

        // Meter names are compared here rather than in SQL, because SQLite and PostgreSQL compare case differently.
        var meterName = (step.Meter ?? step.Label).Trim();
        var meters = await db.Meters.Where(m => m.AssetId == assetId).Select(m => new { m.Id, m.Name }).ToListAsync(ct);
        var meter = meters.Find(m => string.Equals(m.Name, meterName, StringComparison.OrdinalIgnoreCase));
        if (meter is null)
        {
            return null;
        }

        var reading = new ReadingInput(value.GetDouble(), MeterId: meter.Id);
        var stored = await meterReadings.RecordAsync([reading], ReadingSource.Procedure, currentUser.Id, sensorTokenId: null, allowedAssetId: null, _ => "", ct);
        if (!stored.IsSuccess)
        {
            Log.MeterReadingRejected(logger, workOrder.Id, step.Key, meter.Id, stored.Error!.Message);
            return stored.Error! with
            {
                Message = $"'{step.Label}' was not recorded, because its value is not a valid reading of meter '{meter.Name}' of the work order's asset: {stored.Error!.Message}",
            };
        }

        history.Record(Activity.WorkOrderEntity, workOrder.Id, "meter_reading_recorded", $"meter.{meter.Id}", null, value.GetRawText());
        return null;
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

    [LoggerMessage(EventId = 7103, Level = LogLevel.Information, Message = "Did not record step {StepKey} of work order {WorkOrderId}, because meter {MeterId} rejected its value: {Reason}")]
    public static partial void MeterReadingRejected(ILogger logger, long workOrderId, string stepKey, long meterId, string reason);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "Could not open a follow-up for failed step {StepKey} of work order {WorkOrderId}: {Reason}")]
    public static partial void FollowUpFailed(ILogger logger, long workOrderId, string stepKey, string reason);
}
