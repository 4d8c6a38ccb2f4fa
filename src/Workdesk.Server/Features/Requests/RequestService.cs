using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.Requests;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Features.WorkOrders;

namespace Workdesk.Server.Features.Requests;

/// <summary>Submits requests and decides them: approve into work orders, merge, or decline.</summary>
public sealed class RequestService(WorkdeskDbContext db, CurrentUser currentUser, TimeProvider clock, WorkOrderService workOrders, Live.LiveUpdates live, Notifications.RequesterNotices notices, Webhooks.WebhookEvents webhooks)
{
    private History History => new(db, clock, currentUser.Id);

    public async Task<WorkRequest?> FindVisibleAsync(long id, CancellationToken ct) =>
        await db.WorkRequests.Visible(currentUser, db).SingleOrDefaultAsync(r => r.Id == id, ct);

    public async Task<Result<WorkRequest>> SubmitAsync(CreateWorkRequestRequest request, RequestSource source, CancellationToken ct)
    {
        var references = new References(db);
        var error = WorkOrderRules.CheckTitle(request.Title)
            ?? WorkOrderRules.CheckDescription(request.Description)
            ?? WorkOrderRules.CheckCategory(request.Category)
            ?? WorkOrderRules.CheckCoordinates(request.Latitude, request.Longitude)
            ?? CheckContact(request)
            ?? await references.CheckLocationAsync(request.LocationId, "locationId", ct)
            ?? await references.CheckAssetAsync(request.AssetId, "assetId", ct);
        if (error is not null)
        {
            return error;
        }

        var workRequest = new WorkRequest
        {
            Title = request.Title.Trim(),
            Description = request.Description,
            Category = request.Category,
            Status = WorkRequestStatus.New,
            Source = source,
            LocationId = request.LocationId,
            AssetId = request.AssetId,
            RequesterId = currentUser.Id,
            ContactName = request.ContactName,
            ContactEmail = request.ContactEmail?.Trim(),
            ContactPhone = request.ContactPhone,
            Latitude = request.Latitude,
            Longitude = request.Longitude,
            CreatedAt = clock.GetUtcNow(),
        };
        db.WorkRequests.Add(workRequest);
        await db.SaveChangesAsync(ct);
        History.Record(Activity.WorkRequestEntity, workRequest.Id, "created", "status", null, "new");
        await notices.ReceivedAsync(workRequest, ct);
        await webhooks.QueueAsync(Domain.Integrations.WebhookEventTypes.RequestReceived, WorkRequestResponse.From(workRequest), ct);
        await db.SaveChangesAsync(ct);
        live.RequestChanged(workRequest.Id);
        return workRequest;
    }

    /// <summary>Creates the work orders and marks the request approved, all in the caller's transaction.</summary>
    public async Task<Result<IReadOnlyList<WorkOrder>>> ApproveAsync(WorkRequest request, ApproveRequest approval, CancellationToken ct)
    {
        if (CheckUndecided(request) is { } decided)
        {
            return decided;
        }

        var plans = approval.WorkOrders is { Count: > 0 }
            ? approval.WorkOrders
            : [new ApprovedWorkOrder(approval.Title, approval.Type, approval.Priority, approval.AssigneeUserIds, approval.AssigneeTeamIds, approval.VendorId, approval.DueAt)];
        var created = new List<WorkOrder>();
        foreach (var plan in plans)
        {
            var result = await workOrders.CreateAsync(
                new CreateWorkOrderRequest(
                    Title: plan.Title ?? request.Title,
                    Description: request.Description,
                    Type: plan.Type,
                    Category: request.Category,
                    Priority: plan.Priority,
                    LocationId: request.LocationId,
                    AssetId: request.AssetId,
                    RequesterId: request.RequesterId,
                    VendorId: plan.VendorId,
                    DueAt: plan.DueAt,
                    AssigneeUserIds: plan.AssigneeUserIds,
                    AssigneeTeamIds: plan.AssigneeTeamIds,
                    Latitude: request.Latitude,
                    Longitude: request.Longitude),
                request.Id,
                ct);
            if (!result.IsSuccess)
            {
                return result.Error!;
            }

            created.Add(result.Value!);
        }

        Decide(request, WorkRequestStatus.Approved, created[0].Id);
        History.Record(Activity.WorkRequestEntity, request.Id, "approved", "workOrderIds", null, string.Join(",", created.Select(w => w.Id)));
        await notices.DecidedAsync(request, ct);
        await db.SaveChangesAsync(ct);
        return created;
    }

    public async Task<Result<WorkRequest>> MergeAsync(WorkRequest request, long workOrderId, CancellationToken ct)
    {
        if (CheckUndecided(request) is { } decided)
        {
            return decided;
        }

        var target = await workOrders.FindVisibleAsync(workOrderId, ct);
        if (target is null)
        {
            return Error.Invalid("workOrderId", $"Work order {workOrderId} does not exist or is not visible to you.");
        }

        if (WorkOrderLifecycle.IsTerminal(target.Status))
        {
            return Error.Conflict($"Work order {workOrderId} is {StatusNames.ToApi(target.Status)}; merge into an open work order or reopen it first.", "workOrderId");
        }

        Decide(request, WorkRequestStatus.Merged, target.Id);
        History.Record(Activity.WorkRequestEntity, request.Id, "merged", "workOrderId", null, target.Id);
        History.Record(Activity.WorkOrderEntity, target.Id, "request_merged", "requestId", null, request.Id);
        await notices.DecidedAsync(request, ct);
        await db.SaveChangesAsync(ct);
        return request;
    }

    public async Task<Result<WorkRequest>> DeclineAsync(WorkRequest request, string? reason, CancellationToken ct)
    {
        if (CheckUndecided(request) is { } decided)
        {
            return decided;
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 2000)
        {
            return Error.Invalid("reason", "reason is required (at most 2000 characters): the requester sees it.");
        }

        Decide(request, WorkRequestStatus.Declined, null);
        request.DeclineReason = reason.Trim();
        History.Record(Activity.WorkRequestEntity, request.Id, "declined", "declineReason", null, request.DeclineReason);
        await notices.DecidedAsync(request, ct);
        await db.SaveChangesAsync(ct);
        return request;
    }

    private static Error? CheckUndecided(WorkRequest request) =>
        request.Status == WorkRequestStatus.New
            ? null
            : Error.Conflict($"Request {request.Id} was already {request.Status.ToString().ToLowerInvariant()}; only new requests can be decided.", "status");

    private void Decide(WorkRequest request, WorkRequestStatus status, long? workOrderId)
    {
        live.RequestChanged(request.Id);
        History.Record(Activity.WorkRequestEntity, request.Id, "status_changed", "status", "new", status.ToString().ToLowerInvariant());
        request.Status = status;
        request.WorkOrderId = workOrderId;
        request.DecidedAt = clock.GetUtcNow();
        request.DecidedById = currentUser.Id;
    }

    private static Error? CheckContact(CreateWorkRequestRequest request)
    {
        if (request.ContactEmail is { } email && (email.Length > 254 || !System.Net.Mail.MailAddress.TryCreate(email.Trim(), out _)))
        {
            return Error.Invalid("contactEmail", $"contactEmail '{email}' is not a valid email address.");
        }

        if (request.ContactName is { Length: > 200 })
        {
            return Error.Invalid("contactName", "contactName must be at most 200 characters.");
        }

        return request.ContactPhone is { Length: > 50 } ? Error.Invalid("contactPhone", "contactPhone must be at most 50 characters.") : null;
    }
}
