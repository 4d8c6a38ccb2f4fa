using Microsoft.EntityFrameworkCore;
using Workdesk.Domain.Requests;
using Workdesk.Domain.WorkOrders;

namespace Workdesk.Server.Features.Import;

/// <summary>Imports requests in the Workdesk format.</summary>
internal sealed class RequestRows : IRowImporter
{
    private const string StatusNames = "new, approved, merged, declined";
    private const string SourceNames = "portal, api, email, phone, import";

    public IReadOnlyList<string> RequiredColumns => CsvColumns.Requests.Required;

    public IReadOnlyList<string> OptionalColumns => CsvColumns.Requests.Optional;

    public async Task<RowOutcome> ImportAsync(ImportRow row, ImportContext context, CancellationToken ct)
    {
        var key = row.Required("external_id", CsvColumns.MaxExternalIdLength);
        var values = await ReadAsync(row, context, ct);
        if (!row.IsValid)
        {
            return row.Reject();
        }

        var db = context.Db;
        var request = await db.WorkRequests.SingleOrDefaultAsync(r => r.ExternalId == key, ct);
        if (request is null)
        {
            request = new WorkRequest { Title = values.Title, ExternalId = key, Source = RequestSource.Import, CreatedAt = context.Now };
            Apply(new ChangeList(), request, values);
            db.WorkRequests.Add(request);
            await db.SaveChangesAsync(ct);

            context.Record(Activity.WorkRequestEntity, request.Id, request.CreatedAt, "created", "status", null, "new");
            if (request.Status != WorkRequestStatus.New)
            {
                context.Record(Activity.WorkRequestEntity, request.Id, request.DecidedAt ?? request.CreatedAt, "status_changed", "status", "new", Name(request.Status));
            }

            await db.SaveChangesAsync(ct);
            return RowOutcome.Imported(values.Warning);
        }

        var changes = new ChangeList();
        request.Title = changes.Apply("title", request.Title, values.Title);
        Apply(changes, request, values);
        if (!changes.Any)
        {
            return RowOutcome.Skipped(values.Warning);
        }

        foreach (var (field, oldValue, newValue) in changes.Items)
        {
            var action = field == "status" ? "status_changed" : "field_changed";
            context.Record(Activity.WorkRequestEntity, request.Id, context.Now, action, field, Describe(oldValue), Describe(newValue));
        }

        await db.SaveChangesAsync(ct);
        return RowOutcome.Updated(values.Warning);
    }

    private sealed record Values(
        string Title, Field<string?> Description, Field<WorkRequestStatus?> Status, Field<RequestSource?> Source,
        Field<string?> Category, Field<long?> LocationId, Field<long?> AssetId, Field<long?> WorkOrderId,
        Field<string?> ContactName, Field<string?> ContactEmail, Field<string?> ContactPhone,
        Field<double?> Latitude, Field<double?> Longitude, Field<string?> DeclineReason,
        Field<DateTimeOffset?> CreatedAt, Field<DateTimeOffset?> DecidedAt, string? Warning);

    private static async Task<Values> ReadAsync(ImportRow row, ImportContext context, CancellationToken ct)
    {
        var title = row.Required("title", 300);
        var description = row.Text("description", 10_000, trim: false);
        var status = row.Choice("status", ParseStatus, StatusNames);
        var source = row.Choice("source", ParseSource, SourceNames);
        var category = row.Text("category", 200);
        var contactName = row.Text("contact_name", 200);
        var contactEmail = row.Text("contact_email", 254);
        if (contactEmail.Value is { } email && !System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            row.AddError($"contact_email '{email}' is not a valid email address");
        }

        var contactPhone = row.Text("contact_phone", 50);
        var latitude = row.Number("latitude", -90, 90);
        var longitude = row.Number("longitude", -180, 180);
        var declineReason = row.Text("decline_reason", 2000);
        if (status.Value == WorkRequestStatus.Declined && declineReason.Value is null)
        {
            row.AddError("decline_reason is required when status is declined");
        }

        var createdAt = row.Date("created_at");
        var decidedAt = row.Date("decided_at");
        var locationId = await RowReferences.LocationAsync(row, "location_external_id", context, ct);
        var assetId = await RowReferences.AssetAsync(row, "asset_external_id", context, ct);
        var (workOrderId, warning) = await FindWorkOrderAsync(row, context, ct);
        return new Values(title, description, status, source, category, locationId, assetId, workOrderId,
            contactName, contactEmail, contactPhone, latitude, longitude, declineReason, createdAt, decidedAt, warning);
    }

    /// <summary>
    /// Resolves the work order a request was approved or merged into. Requests are imported before
    /// their work orders, so a missing one is a warning and leaves the link as it is.
    /// </summary>
    private static async Task<(Field<long?> WorkOrderId, string? Warning)> FindWorkOrderAsync(ImportRow row, ImportContext context, CancellationToken ct)
    {
        var key = row.Text("work_order_external_id", CsvColumns.MaxExternalIdLength);
        if (key.Value is not { } externalId)
        {
            return (new(key.Present, null), null);
        }

        var workOrderId = await context.FindWorkOrderIdAsync(externalId, ct);
        return workOrderId is null
            ? (new(false, null), $"work_order_external_id '{externalId}' matches no work order yet, so the link was left as it is (import the work orders, then this file again, to link them)")
            : (new(true, workOrderId), null);
    }

    private static void Apply(ChangeList changes, WorkRequest request, Values values)
    {
        request.Description = changes.Apply("description", request.Description, values.Description);
        request.Status = changes.Apply("status", request.Status, Required(values.Status, request.Status));
        request.Source = changes.Apply("source", request.Source, Required(values.Source, request.Source));
        request.Category = changes.Apply("category", request.Category, values.Category);
        request.LocationId = changes.Apply("locationId", request.LocationId, values.LocationId);
        request.AssetId = changes.Apply("assetId", request.AssetId, values.AssetId);
        request.WorkOrderId = changes.Apply("workOrderId", request.WorkOrderId, values.WorkOrderId);
        request.ContactName = changes.Apply("contactName", request.ContactName, values.ContactName);
        request.ContactEmail = changes.Apply("contactEmail", request.ContactEmail, values.ContactEmail);
        request.ContactPhone = changes.Apply("contactPhone", request.ContactPhone, values.ContactPhone);
        request.Latitude = changes.Apply("latitude", request.Latitude, values.Latitude);
        request.Longitude = changes.Apply("longitude", request.Longitude, values.Longitude);
        request.DeclineReason = changes.Apply("declineReason", request.DeclineReason, values.DeclineReason);
        request.CreatedAt = changes.Apply("createdAt", request.CreatedAt, Required(values.CreatedAt, request.CreatedAt));
        request.DecidedAt = changes.Apply("decidedAt", request.DecidedAt, values.DecidedAt);
    }

    /// <summary>
    /// Turns the value of a column whose field cannot be null into the value to apply: an empty
    /// cell keeps <paramref name="whenEmpty"/>, the current value or a new record's default.
    /// </summary>
    internal static Field<T> Required<T>(Field<T?> field, T whenEmpty)
        where T : struct =>
        new(field.Present, field.Value ?? whenEmpty);

    private static WorkRequestStatus? ParseStatus(string text) =>
        Enum.GetValues<WorkRequestStatus>().Cast<WorkRequestStatus?>()
            .FirstOrDefault(s => string.Equals(Name(s!.Value), text, StringComparison.OrdinalIgnoreCase));

    private static RequestSource? ParseSource(string text) =>
        Enum.GetValues<RequestSource>().Cast<RequestSource?>()
            .FirstOrDefault(s => string.Equals(Name(s!.Value), text, StringComparison.OrdinalIgnoreCase));

    public static string Name(WorkRequestStatus status) => status.ToString().ToLowerInvariant();

    public static string Name(RequestSource source) => source.ToString().ToLowerInvariant();

    private static object? Describe(object? value) => value switch
    {
        WorkRequestStatus status => Name(status),
        RequestSource source => Name(source),
        _ => value,
    };
}
