using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.People;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.Auth;

namespace Workdesk.Server.Features.WorkOrders;

/// <summary>Creates work orders and changes their status, recording each change in the history.</summary>
public sealed class WorkOrderService(WorkdeskDbContext db, CurrentUser currentUser, TimeProvider clock, Live.LiveUpdates live, Notifications.RequesterNotices notices, ServiceLevels.SlaService sla, Webhooks.WebhookEvents webhooks)
{
    private readonly References references = new(db);

    // Work created by a background job, such as preventive maintenance generation, has no signed-in user.
    private History History => new(db, clock, currentUser.IsAuthenticated ? currentUser.Id : null);

    /// <summary>Maps a work order to the API shape with its service level.</summary>
    public async Task<WorkOrderResponse> DescribeAsync(WorkOrder workOrder, CancellationToken ct) =>
        WorkOrderResponse.From(workOrder, await sla.DescribeAsync(workOrder, ct));

    /// <summary>Finds a work order the current user may see, with its assignments.</summary>
    public async Task<WorkOrder?> FindVisibleAsync(long id, CancellationToken ct) =>
        await db.WorkOrders.Visible(currentUser, db).Include(w => w.Assignments).SingleOrDefaultAsync(w => w.Id == id, ct);

    /// <param name="scheduleId">The schedule that creates the work order, set by schedule generation only.</param>
    public async Task<Result<WorkOrder>> CreateAsync(CreateWorkOrderRequest request, long? requestId, CancellationToken ct, long? scheduleId = null)
    {
        var error = WorkOrderRules.CheckTitle(request.Title)
            ?? WorkOrderRules.CheckDescription(request.Description)
            ?? WorkOrderRules.CheckType(request.Type)
            ?? WorkOrderRules.CheckCategory(request.Category)
            ?? WorkOrderRules.CheckPriority(request.Priority)
            ?? WorkOrderRules.CheckCoordinates(request.Latitude, request.Longitude)
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
        var workOrder = new WorkOrder
        {
            Title = request.Title.Trim(),
            Description = request.Description,
            Type = request.Type ?? WorkOrderTypes.Corrective,
            Category = request.Category,
            Priority = request.Priority ?? Priority.Medium,
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
        db.WorkOrders.Add(workOrder);
        await db.SaveChangesAsync(ct);

        History.Record(Activity.WorkOrderEntity, workOrder.Id, "created", "status", null, workOrder.Status);
        await webhooks.QueueAsync(Domain.Integrations.WebhookEventTypes.WorkOrderCreated, WorkOrderResponse.From(workOrder), ct);
        await db.SaveChangesAsync(ct);
        live.WorkOrderChanged(workOrder);
        return workOrder;
    }

    /// <summary>Moves the work order to another status if the lifecycle and the user's role allow it.</summary>
    public async Task<Result<WorkOrder>> ChangeStatusAsync(WorkOrder workOrder, ChangeStatusRequest request, CancellationToken ct)
    {
        if (!Enum.IsDefined(request.Status))
        {
            return Error.Invalid("status", "status is unknown.");
        }

        if (!MayChangeStatus(request.Status))
        {
            return Error.Forbidden($"Your role cannot move a work order to {StatusNames.ToApi(request.Status)}.");
        }

        var moved = WorkOrderLifecycle.Transition(workOrder, request.Status, request.Reason, clock.GetUtcNow());
        if (!moved.IsSuccess)
        {
            return moved.Error!;
        }

        History.Record(Activity.WorkOrderEntity, workOrder.Id, "status_changed", "status", moved.Value, workOrder.Status);
        await sla.OnStatusChangedAsync(workOrder, moved.Value, ct);
        if (workOrder.StatusReason is not null)
        {
            History.Record(Activity.WorkOrderEntity, workOrder.Id, "status_reason", "statusReason", null, workOrder.StatusReason);
        }

        if (workOrder.Status == WorkOrderStatus.Completed)
        {
            await notices.CompletedAsync(workOrder, ct);
            await webhooks.QueueAsync(Domain.Integrations.WebhookEventTypes.WorkOrderCompleted, WorkOrderResponse.From(workOrder), ct);
        }

        await webhooks.QueueAsync(
            Domain.Integrations.WebhookEventTypes.WorkOrderStatusChanged,
            new { workOrder = WorkOrderResponse.From(workOrder), from = StatusNames.ToApi(moved.Value) },
            ct);

        await db.SaveChangesAsync(ct);
        live.WorkOrderChanged(workOrder);
        return workOrder;
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
