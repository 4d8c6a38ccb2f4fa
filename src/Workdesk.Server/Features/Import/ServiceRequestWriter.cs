using Microsoft.EntityFrameworkCore;
using Workdesk.Domain.Locations;
using Workdesk.Domain.Requests;
using Workdesk.Domain.WorkOrders;

namespace Workdesk.Server.Features.Import;

/// <summary>A level of the location tree that a 311 row is filed under, such as a borough.</summary>
internal sealed record Place(string ExternalId, string Name, string? TimeZone = null);

/// <summary>One city service request, mapped from a 311 row and ready to write.</summary>
/// <param name="Places">The location tree from the top (the city) down to the most precise level known.</param>
internal sealed record ServiceRequest(
    string ExternalId, string Title, string Category, string Description,
    DateTimeOffset OpenedAt, DateTimeOffset? StartedAt, DateTimeOffset? ClosedAt, DateTimeOffset? DueAt,
    WorkOrderStatus Status, string? StatusReason, IReadOnlyList<Place> Places, double? Latitude, double? Longitude);

/// <summary>
/// Writes a 311 service request as an approved request with one work order, dated as in the
/// source. Re-importing the same row finds both by external id and changes only what differs.
/// </summary>
internal static class ServiceRequestWriter
{
    public static async Task<RowOutcome> WriteAsync(ServiceRequest source, ImportContext context, CancellationToken ct)
    {
        var db = context.Db;
        var locationId = await EnsurePlacesAsync(source.Places, context, ct);
        var request = await db.WorkRequests.SingleOrDefaultAsync(r => r.ExternalId == source.ExternalId, ct);
        var workOrder = await db.WorkOrders.SingleOrDefaultAsync(w => w.ExternalId == source.ExternalId, ct);
        if (request is null && workOrder is null)
        {
            await CreateAsync(source, locationId, context, ct);
            return RowOutcome.Imported();
        }

        if (request is null || workOrder is null)
        {
            return RowOutcome.Rejected(
                $"an earlier import left a {(request is null ? "work order" : "request")} with external id '{source.ExternalId}' but no {(request is null ? "request" : "work order")}, so the row was left as it is");
        }

        return await UpdateAsync(source, locationId, request, workOrder, context, ct)
            ? RowOutcome.Updated()
            : RowOutcome.Skipped();
    }

    /// <summary>Finds or creates each level of the location tree and returns the id of the last one.</summary>
    private static async Task<long?> EnsurePlacesAsync(IReadOnlyList<Place> places, ImportContext context, CancellationToken ct)
    {
        LocationRef? parent = null;
        foreach (var place in places)
        {
            var found = await context.FindLocationAsync(place.ExternalId, ct);
            if (found is null)
            {
                var location = new Location
                {
                    Name = place.Name,
                    ParentId = parent?.Id,
                    TimeZone = place.TimeZone,
                    ExternalId = place.ExternalId,
                    CreatedAt = context.Now,
                };
                await context.Locations.AddWithPathAsync(location, parent?.Path ?? "/", ct);
                found = new LocationRef(location.Id, location.Path);
                context.RememberLocation(place.ExternalId, found.Value);
            }

            parent = found;
        }

        return parent?.Id;
    }

    private static async Task CreateAsync(ServiceRequest source, long? locationId, ImportContext context, CancellationToken ct)
    {
        var db = context.Db;
        var request = new WorkRequest
        {
            Title = source.Title,
            Description = source.Description,
            Category = source.Category,
            Status = WorkRequestStatus.Approved,
            Source = RequestSource.Import,
            LocationId = locationId,
            Latitude = source.Latitude,
            Longitude = source.Longitude,
            DecidedAt = source.OpenedAt,
            DecidedById = context.ActorId,
            ExternalId = source.ExternalId,
            CreatedAt = source.OpenedAt,
        };
        db.WorkRequests.Add(request);
        await db.SaveChangesAsync(ct);

        var workOrder = new WorkOrder
        {
            Title = source.Title,
            Description = source.Description,
            Type = WorkOrderTypes.ServiceRequest,
            Category = source.Category,
            RequestId = request.Id,
            CreatedById = context.ActorId,
            ExternalId = source.ExternalId,
        };
        Apply(source, locationId, workOrder);
        workOrder.UpdatedAt = source.ClosedAt ?? source.StartedAt ?? source.OpenedAt;
        db.WorkOrders.Add(workOrder);
        await db.SaveChangesAsync(ct);

        request.WorkOrderId = workOrder.Id;
        context.Record(Activity.WorkRequestEntity, request.Id, source.OpenedAt, "created", "status", null, "new");
        context.Record(Activity.WorkRequestEntity, request.Id, source.OpenedAt, "status_changed", "status", "new", "approved");
        context.Record(Activity.WorkRequestEntity, request.Id, source.OpenedAt, "approved", "workOrderIds", null, workOrder.Id);
        context.Record(Activity.WorkOrderEntity, workOrder.Id, source.OpenedAt, "created", "status", null, WorkOrderStatus.Open);
        if (workOrder.Status != WorkOrderStatus.Open)
        {
            context.Record(Activity.WorkOrderEntity, workOrder.Id, StatusChangedAt(source, source.OpenedAt), "status_changed", "status", WorkOrderStatus.Open, workOrder.Status);
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Makes the request and work order match the source again; returns false when they already did.</summary>
    private static async Task<bool> UpdateAsync(
        ServiceRequest source, long? locationId, WorkRequest request, WorkOrder workOrder, ImportContext context, CancellationToken ct)
    {
        var requestChanges = new ChangeList();
        request.Title = requestChanges.Apply("title", request.Title, source.Title);
        request.Description = requestChanges.Apply("description", request.Description, source.Description);
        request.Category = requestChanges.Apply("category", request.Category, source.Category);
        request.LocationId = requestChanges.Apply("locationId", request.LocationId, locationId);
        request.Latitude = requestChanges.Apply("latitude", request.Latitude, source.Latitude);
        request.Longitude = requestChanges.Apply("longitude", request.Longitude, source.Longitude);
        request.CreatedAt = requestChanges.Apply("createdAt", request.CreatedAt, source.OpenedAt);

        var workOrderChanges = Apply(source, locationId, workOrder);
        workOrder.Title = workOrderChanges.Apply("title", workOrder.Title, source.Title);
        workOrder.Description = workOrderChanges.Apply("description", workOrder.Description, source.Description);
        workOrder.Category = workOrderChanges.Apply("category", workOrder.Category, source.Category);
        if (!requestChanges.Any && !workOrderChanges.Any)
        {
            return false;
        }

        foreach (var (field, oldValue, newValue) in requestChanges.Items)
        {
            context.Record(Activity.WorkRequestEntity, request.Id, context.Now, "field_changed", field, oldValue, newValue);
        }

        foreach (var (field, oldValue, newValue) in workOrderChanges.Items)
        {
            var at = field == "status" ? StatusChangedAt(source, context.Now) : context.Now;
            var action = field == "status" ? "status_changed" : "field_changed";
            context.Record(Activity.WorkOrderEntity, workOrder.Id, at, action, field, oldValue, newValue);
        }

        if (workOrderChanges.Any)
        {
            workOrder.UpdatedAt = context.Now;
        }

        await context.Db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Sets the fields that come from the source's dates, status and place, and returns what changed.</summary>
    private static ChangeList Apply(ServiceRequest source, long? locationId, WorkOrder workOrder)
    {
        var changes = new ChangeList();
        workOrder.Status = changes.Apply("status", workOrder.Status, source.Status);
        workOrder.StatusReason = changes.Apply("statusReason", workOrder.StatusReason, source.StatusReason);
        workOrder.LocationId = changes.Apply("locationId", workOrder.LocationId, locationId);
        workOrder.Latitude = changes.Apply("latitude", workOrder.Latitude, source.Latitude);
        workOrder.Longitude = changes.Apply("longitude", workOrder.Longitude, source.Longitude);
        workOrder.DueAt = changes.Apply("dueAt", workOrder.DueAt, source.DueAt);
        workOrder.CreatedAt = changes.Apply("createdAt", workOrder.CreatedAt, source.OpenedAt);
        workOrder.StartedAt = changes.Apply("startedAt", workOrder.StartedAt, source.StartedAt);
        workOrder.ClosedAt = changes.Apply("closedAt", workOrder.ClosedAt, source.ClosedAt);
        return changes;
    }

    /// <summary>The source's date of the move to the current status, or <paramref name="fallback"/> when it has none.</summary>
    private static DateTimeOffset StatusChangedAt(ServiceRequest source, DateTimeOffset fallback) =>
        source.ClosedAt ?? source.StartedAt ?? fallback;
}
