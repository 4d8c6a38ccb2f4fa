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

    /// <summary>A request and its work order that the current group creates.</summary>
    private sealed record NewPair(ServiceRequest Source, WorkRequest Request, WorkOrder WorkOrder);

    /// <summary>
    /// Writes the requests and returns one outcome per request, in order. Each group of requests
    /// with distinct external ids costs a few queries and saves, however many rows it has.
    /// </summary>
    public static async Task<IReadOnlyList<RowOutcome>> WriteAsync(IReadOnlyList<ServiceRequest> sources, ImportContext context, CancellationToken ct)
    {
        var outcomes = new List<RowOutcome>(sources.Count);
        foreach (var group in SplitAtRepeatedIds(sources))
        {
            outcomes.AddRange(await WriteGroupAsync(group, context, ct));
        }

        return outcomes;
    }

    /// <summary>
    /// Splits the requests into runs without a repeated external id, so that a row that repeats an
    /// earlier row of the batch finds the records that row wrote.
    /// </summary>
    private static IEnumerable<List<ServiceRequest>> SplitAtRepeatedIds(IReadOnlyList<ServiceRequest> sources)
    {
        var group = new List<ServiceRequest>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            if (!ids.Add(source.ExternalId))
            {
                yield return group;
                group = [];
                ids.Clear();
                ids.Add(source.ExternalId);
            }

            group.Add(source);
        }

        if (group.Count > 0)
        {
            yield return group;
        }
    }

    private static async Task<RowOutcome[]> WriteGroupAsync(List<ServiceRequest> sources, ImportContext context, CancellationToken ct)
    {
        var db = context.Db;
        var locationIds = await EnsurePlacesAsync(sources, context, ct);
        var externalIds = sources.Select(s => s.ExternalId).ToList();
        var requests = await db.WorkRequests
            .Where(r => r.ExternalId != null && EF.Parameter(externalIds).Contains(r.ExternalId))
            .ToDictionaryAsync(r => r.ExternalId!, StringComparer.Ordinal, ct);
        var workOrders = await db.WorkOrders
            .Where(w => w.ExternalId != null && EF.Parameter(externalIds).Contains(w.ExternalId))
            .ToDictionaryAsync(w => w.ExternalId!, StringComparer.Ordinal, ct);

        var outcomes = new RowOutcome[sources.Count];
        var created = new List<NewPair>();
        for (var i = 0; i < sources.Count; i++)
        {
            var source = sources[i];
            var request = requests.GetValueOrDefault(source.ExternalId);
            var workOrder = workOrders.GetValueOrDefault(source.ExternalId);
            if (request is null && workOrder is null)
            {
                created.Add(Create(source, locationIds[i], context));
                outcomes[i] = RowOutcome.Imported();
            }
            else if (request is null || workOrder is null)
            {
                outcomes[i] = RowOutcome.Rejected(
                    $"an earlier import left a {(request is null ? "work order" : "request")} with external id '{source.ExternalId}' but no {(request is null ? "request" : "work order")}, so the row was left as it is");
            }
            else
            {
                outcomes[i] = Update(source, locationIds[i], request, workOrder, context) ? RowOutcome.Updated() : RowOutcome.Skipped();
            }
        }

        await SaveAsync(created, context, ct);
        return outcomes;
    }

    /// <summary>Finds or creates each level of every request's location tree and returns the id of each request's last level.</summary>
    private static async Task<long?[]> EnsurePlacesAsync(List<ServiceRequest> sources, ImportContext context, CancellationToken ct)
    {
        var placeIds = sources.SelectMany(s => s.Places).Select(p => p.ExternalId).ToHashSet(StringComparer.Ordinal);
        await context.LoadLocationsAsync(placeIds, ct);

        // One loop for the batch: almost every place is cached, and an async call per request
        // cost more than the look-ups.
        var locationIds = new long?[sources.Count];
        for (var i = 0; i < sources.Count; i++)
        {
            LocationRef? parent = null;
            foreach (var place in sources[i].Places)
            {
                parent = await context.FindLocationAsync(place.ExternalId, ct) ?? await AddPlaceAsync(place, parent, context, ct);
            }

            locationIds[i] = parent?.Id;
        }

        return locationIds;
    }

    private static async Task<LocationRef> AddPlaceAsync(Place place, LocationRef? parent, ImportContext context, CancellationToken ct)
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
        var added = new LocationRef(location.Id, location.Path);
        context.RememberLocation(place.ExternalId, added);
        return added;
    }

    private static NewPair Create(ServiceRequest source, long? locationId, ImportContext context)
    {
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
        var workOrder = new WorkOrder
        {
            Title = source.Title,
            Description = source.Description,
            Type = WorkOrderTypes.ServiceRequest,
            Category = source.Category,
            CreatedById = context.ActorId,
            ExternalId = source.ExternalId,
        };
        Apply(source, locationId, workOrder);
        workOrder.UpdatedAt = source.ClosedAt ?? source.StartedAt ?? source.OpenedAt;
        return new NewPair(source, request, workOrder);
    }

    /// <summary>
    /// Saves the group's changes: the updates through the change tracker, then the new requests,
    /// their work orders, the links between them and their history with multi-row INSERT and
    /// UPDATE statements. The new records are not tracked.
    /// </summary>
    private static async Task SaveAsync(List<NewPair> created, ImportContext context, CancellationToken ct)
    {
        var db = context.Db;
        await db.SaveChangesAsync(ct);
        if (created.Count == 0)
        {
            return;
        }

        // Both inserts store the new ids in the records, matched by external id, which is unique
        // within a group.
        await new RowInserts<WorkRequest>(db, nameof(WorkRequest.ExternalId)).InsertAsync([.. created.Select(p => p.Request)], ct);
        foreach (var (_, request, workOrder) in created)
        {
            workOrder.RequestId = request.Id;
        }

        await new RowInserts<WorkOrder>(db, nameof(WorkOrder.ExternalId)).InsertAsync([.. created.Select(p => p.WorkOrder)], ct);
        await RequestLinks.SetWorkOrdersAsync(db, [.. created.Select(p => (p.Request.Id, p.WorkOrder.Id))], ct);

        var history = new List<Activity>(created.Count * 5);
        foreach (var (source, request, workOrder) in created)
        {
            request.WorkOrderId = workOrder.Id;
            RecordCreation(source, request, workOrder, context, history);
        }

        await new RowInserts<Activity>(db).InsertAsync(history, ct);
    }

    /// <summary>Adds the history of a new request and work order to <paramref name="history"/>.</summary>
    private static void RecordCreation(ServiceRequest source, WorkRequest request, WorkOrder workOrder, ImportContext context, List<Activity> history)
    {
        history.Add(context.NewActivity(Activity.WorkRequestEntity, request.Id, source.OpenedAt, "created", "status", null, "new"));
        history.Add(context.NewActivity(Activity.WorkRequestEntity, request.Id, source.OpenedAt, "status_changed", "status", "new", "approved"));
        history.Add(context.NewActivity(Activity.WorkRequestEntity, request.Id, source.OpenedAt, "approved", "workOrderIds", null, workOrder.Id));
        history.Add(context.NewActivity(Activity.WorkOrderEntity, workOrder.Id, source.OpenedAt, "created", "status", null, WorkOrderStatus.Open));
        if (workOrder.Status != WorkOrderStatus.Open)
        {
            history.Add(context.NewActivity(
                Activity.WorkOrderEntity, workOrder.Id, StatusChangedAt(source, source.OpenedAt), "status_changed", "status", WorkOrderStatus.Open, workOrder.Status));
        }
    }

    /// <summary>Makes the request and work order match the source again; returns false when they already did.</summary>
    private static bool Update(ServiceRequest source, long? locationId, WorkRequest request, WorkOrder workOrder, ImportContext context)
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
