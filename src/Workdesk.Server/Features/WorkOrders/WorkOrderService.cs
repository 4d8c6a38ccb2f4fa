using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.People;
using Workdesk.Domain.Workflows;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Features.Workflows;

namespace Workdesk.Server.Features.WorkOrders;

/// <summary>Creates work orders and changes their status, recording each change in the history.</summary>
public sealed class WorkOrderService(
    WorkdeskDbContext db, CurrentUser currentUser, TimeProvider clock, Live.LiveUpdates live, Notifications.RequesterNotices notices,
    ServiceLevels.SlaService sla, Webhooks.WebhookEvents webhooks, WorkflowCatalog workflows, Notifications.Notifier notifier,
    Infrastructure.ReferenceData reference)
{
    private static readonly Dictionary<string, JsonElement> NoValues = [];

    private readonly References references = new(db);

    private readonly CustomFieldValues fieldValues = new(db);

    // Work created by a background job, such as preventive maintenance generation, has no signed-in user.
    private History History => new(db, clock, currentUser.IsAuthenticated ? currentUser.Id : null);

    private Approvals.ApprovalService Approvals => new(db, currentUser, clock, notifier, reference);

    /// <summary>Maps a work order to the API shape with its service level.</summary>
    public async Task<WorkOrderResponse> DescribeAsync(WorkOrder workOrder, CancellationToken ct)
    {
        var workflow = await workflows.GetForAsync(workOrder, ct);
        return WorkOrderResponse.From(workOrder, await sla.DescribeAsync(workOrder, ct)) with
        {
            StatusKey = workflow.ResolveStatusKey(workOrder.StatusKey, workOrder.Status),
        };
    }

    /// <summary>Finds a work order the current user may see, with its assignments.</summary>
    public async Task<WorkOrder?> FindVisibleAsync(long id, CancellationToken ct) =>
        await db.WorkOrders.Visible(currentUser, db).Include(w => w.Assignments).SingleOrDefaultAsync(w => w.Id == id, ct);

    /// <summary>Reads a work order the user may see, untracked, for a response that changes nothing.</summary>
    public async Task<WorkOrder?> ReadVisibleAsync(long id, CancellationToken ct) =>
        await db.WorkOrders.AsNoTracking().Visible(currentUser, db).Include(w => w.Assignments).SingleOrDefaultAsync(w => w.Id == id, ct);

    /// <summary>Returns whether the work order exists and the user may see it, without loading it.</summary>
    public Task<bool> IsVisibleAsync(long id, CancellationToken ct) =>
        db.WorkOrders.Visible(currentUser, db).AnyAsync(w => w.Id == id, ct);

    /// <param name="scheduleId">The schedule that creates the work order, set by schedule generation only.</param>
    public async Task<Result<WorkOrder>> CreateAsync(CreateWorkOrderRequest request, long? requestId, CancellationToken ct, long? scheduleId = null)
    {
        var error = WorkOrderRules.CheckTitle(request.Title)
            ?? WorkOrderRules.CheckDescription(request.Description)
            ?? await workflows.CheckTypeAsync(request.Type, ct)
            ?? WorkOrderRules.CheckCategory(request.Category)
            ?? WorkOrderRules.CheckPriority(request.Priority)
            ?? WorkOrderRules.CheckCoordinates(request.Latitude, request.Longitude)
            ?? WorkOrderRules.CheckEstimatedCost(request.EstimatedCost, request.EstimatedCostCurrency)
            ?? PriorityMatrixStore.CheckUrgencyAndImpact(request.Urgency, request.Impact, request.Priority)
            ?? await references.CheckLocationAsync(request.LocationId, "locationId", ct)
            ?? await references.CheckAssetAsync(request.AssetId, "assetId", ct)
            ?? await references.CheckUserAsync(request.RequesterId, "requesterId", ct)
            ?? await references.CheckVendorAsync(request.VendorId, "vendorId", ct)
            ?? await references.CheckParentAsync(request.ParentId, null, ct)
            ?? await references.CheckAssigneesAsync(request.AssigneeUserIds, "assigneeUserIds", ct)
            ?? await references.CheckTeamsAsync(request.AssigneeTeamIds, "assigneeTeamIds", ct)
            ?? await CheckSiteAsync(request.LocationId, ct);
        if (error is not null)
        {
            return error;
        }

        var now = clock.GetUtcNow();
        var type = request.Type ?? WorkOrderTypes.Corrective;
        var typeVersion = (await workflows.FindAsync(type, ct))!.CurrentVersion;
        var workflow = (await workflows.GetDefinitionAsync(type, typeVersion, ct))!;
        var incoming = request.CustomFields ?? NoValues;
        var values = CustomFieldValues.Merge(NoValues, incoming);
        var fieldError = await fieldValues.CheckAsync(workflow.Fields, incoming, ct) ?? CustomFieldValues.CheckSize(values);
        if (fieldError is not null)
        {
            return fieldError;
        }

        var missing = CustomFieldValues.Missing(workflow.Fields.Where(f => f.RequiredOnCreate).Select(f => f.Key), workflow.Fields, values);
        if (missing.Count > 0)
        {
            return Error.Invalid("customFields", $"A new {type} work order needs values for: {string.Join(", ", missing)}.");
        }

        var workOrder = new WorkOrder
        {
            Title = request.Title.Trim(),
            Description = request.Description,
            Type = type,
            WorkflowVersion = typeVersion,
            StatusKey = workflow.InitialStatus,
            CustomFields = CustomFieldValues.Write(values),
            EstimatedCost = request.EstimatedCost,
            EstimatedCostCurrency = request.EstimatedCostCurrency,
            Category = request.Category,
            Priority = request.Urgency is { } urgency && request.Impact is { } impact
                ? await PriorityMatrixStore.ComputeAsync(db, urgency, impact, ct)
                : request.Priority ?? Priority.Medium,
            Urgency = request.Urgency,
            Impact = request.Impact,
            LocationId = request.LocationId,
            AssetId = request.AssetId,
            RequesterId = request.RequesterId,
            RequestId = requestId,
            ScheduleId = scheduleId,
            VendorId = request.VendorId,
            ParentId = request.ParentId,
            DueAt = request.DueAt?.ToUniversalTime(),
            Latitude = request.Latitude,
            Longitude = request.Longitude,
            CreatedById = currentUser.IsAuthenticated ? currentUser.Id : null,
            CreatedAt = now,
            UpdatedAt = now,
        };
        WorkOrderRules.SetAssignees(workOrder, request.AssigneeUserIds ?? [], request.AssigneeTeamIds ?? []);
        WorkOrderRules.FollowAssignment(workOrder);
        await sla.ApplyAsync(workOrder, ct);
        await Procedures.ProcedureCopies.AttachAsync(db, reference, workOrder, now, ct);
        await Infrastructure.RecordInsert<WorkOrder>.InsertAsync(db, workOrder, ct);
        await History.InsertAsync(Activity.WorkOrderEntity, workOrder.Id, "created", "status", null, workOrder.Status, ct);
        await Approvals.OpenMatchingAsync(workOrder, ct);
        await webhooks.QueueAsync(Domain.Integrations.WebhookEventTypes.WorkOrderCreated, WorkOrderResponse.From(workOrder), ct);
        await db.SaveChangesAsync(ct);
        live.WorkOrderChanged(workOrder);
        return workOrder;
    }

    /// <summary>
    /// Moves the work order along a transition of its workflow if the transition exists, the user may
    /// perform it and its requirements are met.
    /// </summary>
    public async Task<Result<WorkOrder>> ChangeStatusAsync(WorkOrder workOrder, ChangeStatusRequest request, CancellationToken ct)
    {
        if (request.Status is { } category && !Enum.IsDefined(category))
        {
            return Error.Invalid("status", "status is unknown.");
        }

        if (request.Status is null && string.IsNullOrWhiteSpace(request.StatusKey))
        {
            return Error.Invalid("status", "Send status (a category such as in_progress) or statusKey (a status of the work order type's workflow).");
        }

        var workflow = await workflows.GetForAsync(workOrder, ct);
        var fromKey = workflow.ResolveStatusKey(workOrder.StatusKey, workOrder.Status);
        var chosen = WorkflowMoves.Choose(workflow, fromKey, request.StatusKey?.Trim(), request.Status);
        if (!chosen.IsSuccess)
        {
            return chosen.Error!;
        }

        var transition = chosen.Value!;
        var target = workflow.FindStatus(transition.To)!;
        if (!await MayPerformAsync(workOrder, transition, target.Category, ct))
        {
            return Error.Forbidden($"Your role cannot move this work order from {fromKey} to {target.Key}.");
        }

        if (transition.RequiresReason && string.IsNullOrWhiteSpace(request.Reason))
        {
            return Error.Invalid("reason", $"A reason is required to move a work order to {target.Key}.");
        }

        if (target.Category == WorkOrderStatus.Assigned && workOrder.Assignments.Count == 0 && workOrder.VendorId is null)
        {
            return Error.Invalid("status", "Assign a person, a team or a vendor before moving the work order to assigned.");
        }

        var fields = await CheckTransitionFieldsAsync(workOrder, workflow, transition, request.CustomFields ?? NoValues, ct);
        if (!fields.IsSuccess)
        {
            return fields.Error!;
        }

        if (target.Category == WorkOrderStatus.Completed && workOrder.Status != WorkOrderStatus.Completed)
        {
            var missing = await Procedures.ProcedureCopies.MissingRequiredAsync(db, workOrder.Id, ct);
            if (missing.Count > 0)
            {
                return Error.Conflict($"Record these required procedure steps before completing the work order: {string.Join("; ", missing)}.", "procedure");
            }
        }

        if (target.Category != workOrder.Status && await Approvals.CheckGateAsync(workOrder, target.Category, ct) is { } gate)
        {
            return gate;
        }

        var previous = workOrder.Status;
        SetCustomFields(workOrder, fields.Value!);
        WorkOrderLifecycle.Enter(workOrder, target.Category, transition.RequiresReason ? request.Reason : null, clock.GetUtcNow());
        workOrder.StatusKey = target.Key;

        History.Record(Activity.WorkOrderEntity, workOrder.Id, "status_changed", "status", previous, workOrder.Status);
        if (fromKey != StatusNames.ToApi(previous) || target.Key != StatusNames.ToApi(target.Category))
        {
            History.Record(Activity.WorkOrderEntity, workOrder.Id, "status_changed", "statusKey", fromKey, target.Key);
        }

        await sla.OnStatusChangedAsync(workOrder, previous, ct);
        if (workOrder.StatusReason is not null)
        {
            History.Record(Activity.WorkOrderEntity, workOrder.Id, "status_reason", "statusReason", null, workOrder.StatusReason);
        }

        if (workOrder.Status == WorkOrderStatus.Completed && previous != WorkOrderStatus.Completed)
        {
            await notices.CompletedAsync(workOrder, ct);
            await webhooks.QueueAsync(Domain.Integrations.WebhookEventTypes.WorkOrderCompleted, WorkOrderResponse.From(workOrder), ct);
        }

        await webhooks.QueueAsync(
            Domain.Integrations.WebhookEventTypes.WorkOrderStatusChanged,
            new { workOrder = WorkOrderResponse.From(workOrder), from = StatusNames.ToApi(previous) },
            ct);

        await db.SaveChangesAsync(ct);
        live.WorkOrderChanged(workOrder);
        return workOrder;
    }

    /// <summary>Lists the statuses the current user may move the work order to, with what each move needs.</summary>
    public async Task<List<NextStatusResponse>> NextStatusesAsync(WorkOrder workOrder, CancellationToken ct)
    {
        var workflow = await workflows.GetForAsync(workOrder, ct);
        var fromKey = workflow.ResolveStatusKey(workOrder.StatusKey, workOrder.Status);
        var next = new List<NextStatusResponse>();
        foreach (var transition in workflow.TransitionsFrom(fromKey))
        {
            var target = workflow.FindStatus(transition.To)!;
            if (await MayPerformAsync(workOrder, transition, target.Category, ct))
            {
                next.Add(new NextStatusResponse(target.Key, target.Name, target.Category, transition.RequiresReason, transition.RequiredFields, transition.ReadOnlyFields, transition.HiddenFields));
            }
        }

        return next;
    }

    /// <summary>
    /// Checks the field values sent with a move against the transition's read-only and hidden
    /// fields and their kinds, and returns the merged values once every required field has one.
    /// </summary>
    private async Task<Result<Dictionary<string, JsonElement>>> CheckTransitionFieldsAsync(
        WorkOrder workOrder, WorkflowDefinition workflow, WorkflowTransition transition, IReadOnlyDictionary<string, JsonElement> incoming, CancellationToken ct)
    {
        var blocked = incoming.Keys.Where(k => transition.ReadOnlyFields.Contains(k) || transition.HiddenFields.Contains(k)).ToList();
        if (blocked.Count > 0)
        {
            return Error.Invalid("customFields", $"The move to {transition.To} may not change these fields: {string.Join(", ", blocked)}.");
        }

        var values = CustomFieldValues.Merge(CustomFieldValues.Read(workOrder.CustomFields), incoming);
        var error = await fieldValues.CheckAsync(workflow.Fields, incoming, ct) ?? CustomFieldValues.CheckSize(values);
        if (error is not null)
        {
            return error;
        }

        var missing = CustomFieldValues.Missing(transition.RequiredFields, workflow.Fields, values);
        return missing.Count > 0
            ? Error.Invalid("customFields", $"Fill in {string.Join(", ", missing)} before moving this work order to {transition.To}.")
            : values;
    }

    /// <summary>Stores new custom field values and records each changed one in the history.</summary>
    public void SetCustomFields(WorkOrder workOrder, IReadOnlyDictionary<string, JsonElement> values)
    {
        var before = CustomFieldValues.Read(workOrder.CustomFields);
        foreach (var key in before.Keys.Union(values.Keys).Order(StringComparer.Ordinal))
        {
            var oldValue = before.TryGetValue(key, out var o) ? o.GetRawText() : null;
            var newValue = values.TryGetValue(key, out var n) ? n.GetRawText() : null;
            History.FieldChanged(Activity.WorkOrderEntity, workOrder.Id, "customFields." + key, oldValue, newValue);
        }

        workOrder.CustomFields = CustomFieldValues.Write(values);
    }

    private async Task<bool> MayPerformAsync(WorkOrder workOrder, WorkflowTransition transition, WorkOrderStatus to, CancellationToken ct)
    {
        if (transition.Assignee && await IsAssigneeAsync(workOrder, ct))
        {
            return true;
        }

        return transition.Roles is { } roles ? roles.Contains(currentUser.Role) : MayChangeStatus(to);
    }

    private async Task<bool> IsAssigneeAsync(WorkOrder workOrder, CancellationToken ct)
    {
        if (workOrder.Assignments.Any(a => a.UserId == currentUser.Id))
        {
            return true;
        }

        var teams = workOrder.Assignments.Where(a => a.TeamId is not null).Select(a => a.TeamId!.Value).ToList();
        return teams.Count > 0 && await db.TeamMembers.AnyAsync(m => m.UserId == currentUser.Id && teams.Contains(m.TeamId), ct);
    }

    private bool MayChangeStatus(WorkOrderStatus to) => currentUser.Role switch
    {
        Role.Administrator or Role.Dispatcher => true,
        Role.Technician => to is not WorkOrderStatus.Closed,
        Role.Vendor => to is WorkOrderStatus.InProgress or WorkOrderStatus.OnHold or WorkOrderStatus.Completed,
        Role.Requester => false,
    };

    /// <summary>Rejects a location outside the sites of a staff user who covers only some sites.</summary>
    public async Task<Error?> CheckSiteAsync(long? locationId, CancellationToken ct)
    {
        if (currentUser.SeesAllSites || !currentUser.Role.IsStaff())
        {
            return null;
        }

        var path = locationId is { } id
            ? await db.Locations.Where(l => l.Id == id).Select(l => l.Path).SingleOrDefaultAsync(ct)
            : null;
        return currentUser.CoversPath(path)
            ? null
            : Error.Invalid("locationId", "Choose a location inside the sites you cover; you would not be able to see this work order.");
    }
}
