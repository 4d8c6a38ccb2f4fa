using Microsoft.EntityFrameworkCore;
using Workdesk.Domain.WorkOrders;

namespace Workdesk.Server.Features.Import;

/// <summary>Imports work orders in the Workdesk format.</summary>
internal sealed class WorkOrderRows : IRowImporter
{
    private static readonly string StatusList = string.Join(", ", Enum.GetValues<WorkOrderStatus>().Select(StatusNames.ToApi));
    private static readonly string PriorityList = string.Join(", ", Enum.GetValues<Priority>().Select(StatusNames.ToApi));

    public IReadOnlyList<string> RequiredColumns => CsvColumns.WorkOrders.Required;

    public IReadOnlyList<string> OptionalColumns => CsvColumns.WorkOrders.Optional;

    public async Task<RowOutcome> ImportAsync(ImportRow row, ImportContext context, CancellationToken ct)
    {
        var key = row.Required("external_id", CsvColumns.MaxExternalIdLength);
        var values = await ReadAsync(row, context, ct);
        if (!row.IsValid)
        {
            return row.Reject();
        }

        var db = context.Db;
        var workOrder = await db.WorkOrders.SingleOrDefaultAsync(w => w.ExternalId == key, ct);
        if (workOrder is null)
        {
            await CreateAsync(key, values, context, ct);
            return RowOutcome.Imported();
        }

        var changes = new ChangeList();
        workOrder.Title = changes.Apply("title", workOrder.Title, values.Title);
        Apply(changes, workOrder, values);
        if (!changes.Any)
        {
            return RowOutcome.Skipped();
        }

        workOrder.UpdatedAt = context.Now;
        foreach (var (field, oldValue, newValue) in changes.Items)
        {
            var action = field == "status" ? "status_changed" : "field_changed";
            context.Record(Activity.WorkOrderEntity, workOrder.Id, context.Now, action, field, oldValue, newValue);
        }

        await db.SaveChangesAsync(ct);
        return RowOutcome.Updated();
    }

    private static async Task CreateAsync(string key, Values values, ImportContext context, CancellationToken ct)
    {
        var db = context.Db;
        var workOrder = new WorkOrder { Title = values.Title, ExternalId = key, CreatedById = context.ActorId, CreatedAt = context.Now };
        Apply(new ChangeList(), workOrder, values);
        workOrder.UpdatedAt = new[] { workOrder.CreatedAt, workOrder.StartedAt, workOrder.CompletedAt, workOrder.ClosedAt }.Max() ?? workOrder.CreatedAt;
        db.WorkOrders.Add(workOrder);
        await db.SaveChangesAsync(ct);

        // The history starts as if the work order had been created open and then moved to the
        // status the file gives, at the time of the latest date the file has for that move.
        context.Record(Activity.WorkOrderEntity, workOrder.Id, workOrder.CreatedAt, "created", "status", null, WorkOrderStatus.Open);
        if (workOrder.Status != WorkOrderStatus.Open)
        {
            var movedAt = workOrder.ClosedAt ?? workOrder.CompletedAt ?? workOrder.StartedAt ?? workOrder.CreatedAt;
            context.Record(Activity.WorkOrderEntity, workOrder.Id, movedAt, "status_changed", "status", WorkOrderStatus.Open, workOrder.Status);
        }

        if (workOrder.RequestId is { } requestId)
        {
            // A request points at the first work order approved from it.
            var request = await db.WorkRequests.SingleAsync(r => r.Id == requestId, ct);
            request.WorkOrderId ??= workOrder.Id;
        }

        await db.SaveChangesAsync(ct);
    }

    private sealed record Values(
        string Title, Field<string?> Description, Field<string?> Type, Field<string?> Category,
        Field<Priority?> Priority, Field<WorkOrderStatus?> Status, Field<string?> StatusReason,
        Field<long?> LocationId, Field<long?> AssetId, Field<long?> RequestId,
        Field<double?> Latitude, Field<double?> Longitude, Field<DateTimeOffset?> DueAt, Field<DateTimeOffset?> CreatedAt,
        Field<DateTimeOffset?> StartedAt, Field<DateTimeOffset?> CompletedAt, Field<DateTimeOffset?> ClosedAt);

    private static async Task<Values> ReadAsync(ImportRow row, ImportContext context, CancellationToken ct)
    {
        var title = row.Required("title", 300);
        var description = row.Text("description", 10_000, trim: false);
        var type = row.Text("type", 50);
        if (type.Value is { } typeName && await Workflows.WorkflowCatalog.CheckTypeAsync(context.Db, typeName, ct) is { } typeError)
        {
            row.AddError(typeError.Message);
        }

        var category = row.Text("category", 200);
        var priority = row.Choice("priority", text => StatusNames.TryParse(text, out Priority p) ? p : (Priority?)null, PriorityList);
        var status = row.Choice("status", text => StatusNames.TryParse(text, out WorkOrderStatus s) ? s : (WorkOrderStatus?)null, StatusList);
        var statusReason = row.Text("status_reason", 2000);
        var latitude = row.Number("latitude", -90, 90);
        var longitude = row.Number("longitude", -180, 180);
        var dueAt = row.Date("due_at");
        var createdAt = row.Date("created_at");
        var startedAt = row.Date("started_at");
        var completedAt = row.Date("completed_at");
        var closedAt = row.Date("closed_at");
        var locationId = await RowReferences.LocationAsync(row, "location_external_id", context, ct);
        var assetId = await RowReferences.AssetAsync(row, "asset_external_id", context, ct);
        var requestId = await FindRequestAsync(row, context, ct);
        return new Values(title, description, type, category, priority, status, statusReason, locationId, assetId, requestId,
            latitude, longitude, dueAt, createdAt, startedAt, completedAt, closedAt);
    }

    private static async Task<Field<long?>> FindRequestAsync(ImportRow row, ImportContext context, CancellationToken ct)
    {
        var key = row.Text("request_external_id", CsvColumns.MaxExternalIdLength);
        if (key.Value is not { } externalId)
        {
            return new(key.Present, null);
        }

        var requestId = await context.FindRequestIdAsync(externalId, ct);
        if (requestId is null)
        {
            row.AddError($"request_external_id '{externalId}' matches no request (import the requests first)");
        }

        return new(true, requestId);
    }

    private static void Apply(ChangeList changes, WorkOrder workOrder, Values values)
    {
        workOrder.Description = changes.Apply("description", workOrder.Description, values.Description);
        workOrder.Type = changes.Apply("type", workOrder.Type, new Field<string>(values.Type.Present, values.Type.Value ?? workOrder.Type));
        workOrder.Category = changes.Apply("category", workOrder.Category, values.Category);
        workOrder.Priority = changes.Apply("priority", workOrder.Priority, RequestRows.Required(values.Priority, workOrder.Priority));
        workOrder.Status = changes.Apply("status", workOrder.Status, RequestRows.Required(values.Status, workOrder.Status));
        workOrder.StatusReason = changes.Apply("statusReason", workOrder.StatusReason, values.StatusReason);
        workOrder.LocationId = changes.Apply("locationId", workOrder.LocationId, values.LocationId);
        workOrder.AssetId = changes.Apply("assetId", workOrder.AssetId, values.AssetId);
        workOrder.RequestId = changes.Apply("requestId", workOrder.RequestId, values.RequestId);
        workOrder.Latitude = changes.Apply("latitude", workOrder.Latitude, values.Latitude);
        workOrder.Longitude = changes.Apply("longitude", workOrder.Longitude, values.Longitude);
        workOrder.DueAt = changes.Apply("dueAt", workOrder.DueAt, values.DueAt);
        workOrder.CreatedAt = changes.Apply("createdAt", workOrder.CreatedAt, RequestRows.Required(values.CreatedAt, workOrder.CreatedAt));
        workOrder.StartedAt = changes.Apply("startedAt", workOrder.StartedAt, values.StartedAt);
        workOrder.CompletedAt = changes.Apply("completedAt", workOrder.CompletedAt, values.CompletedAt);
        workOrder.ClosedAt = changes.Apply("closedAt", workOrder.ClosedAt, values.ClosedAt);
    }
}
