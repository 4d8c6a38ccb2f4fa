namespace Workdesk.Server.Features.Import;

/// <summary>The columns of one kind's CSV file: those the header must have, then the others, in export order.</summary>
public sealed record ColumnSet(IReadOnlyList<string> Required, IReadOnlyList<string> Optional)
{
    public IReadOnlyList<string> All { get; } = [.. Required, .. Optional];
}

/// <summary>
/// The Workdesk CSV format of each kind. Export writes exactly these columns in this order, and
/// import reads them, so an exported file imports back unchanged. docs/import.md describes them.
/// </summary>
public static class CsvColumns
{
    /// <summary>The length of the ExternalId columns in the database.</summary>
    public const int MaxExternalIdLength = 200;

    public static readonly ColumnSet Locations = new(
        ["external_id", "name"],
        ["parent_external_id", "kind", "code", "address", "latitude", "longitude", "time_zone"]);

    public static readonly ColumnSet Assets = new(
        ["external_id", "tag", "name"],
        ["category", "asset_type", "location_external_id", "parent_external_id", "status", "criticality", "make", "model", "serial_number",
         "install_date", "warranty_start", "warranty_end", "purchase_cost", "currency", "expected_life_years"]);

    public static readonly ColumnSet Requests = new(
        ["external_id", "title"],
        ["description", "status", "source", "category", "location_external_id", "asset_external_id", "work_order_external_id",
         "contact_name", "contact_email", "contact_phone", "latitude", "longitude", "decline_reason", "created_at", "decided_at"]);

    public static readonly ColumnSet WorkOrders = new(
        ["external_id", "title"],
        ["description", "type", "category", "priority", "status", "status_reason", "location_external_id", "asset_external_id",
         "request_external_id", "latitude", "longitude", "due_at", "created_at", "started_at", "completed_at", "closed_at"]);

    public static ColumnSet For(DataKind kind) => kind switch
    {
        DataKind.Locations => Locations,
        DataKind.Assets => Assets,
        DataKind.Requests => Requests,
        DataKind.WorkOrders => WorkOrders,
    };

    /// <summary>
    /// Returns the key export writes for a record: its external id, or "workdesk:&lt;kind&gt;:&lt;id&gt;"
    /// for a record created in Workdesk, which has none.
    /// </summary>
    public static string? Key(string entity, string? externalId, long? id) =>
        externalId ?? (id is { } value ? $"workdesk:{entity}:{value.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : null);
}
