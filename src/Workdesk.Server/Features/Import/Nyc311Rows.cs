using Workdesk.Domain.WorkOrders;
using static Workdesk.Server.Features.Import.ServiceRequestValues;

namespace Workdesk.Server.Features.Import;

/// <summary>
/// Imports New York City's "311 Service Requests from 2010 to Present" export (NYC Open Data).
/// docs/import.md lists how each column maps.
/// </summary>
internal sealed class Nyc311Rows : IBatchRowImporter<ServiceRequest>
{
    public const string Prefix = "nyc311";

    private static readonly string[] DateFormats = ["MM/dd/yyyy hh:mm:ss tt", "M/d/yyyy h:mm:ss tt", "MM/dd/yyyy HH:mm:ss", "M/d/yyyy H:mm"];
    private const string DateExample = "05/01/2022 12:00:03 AM (New York local time)";

    public IReadOnlyList<string> RequiredColumns { get; } = ["unique_key", "created_date", "status", "complaint_type"];

    public IReadOnlyList<string> OptionalColumns { get; } =
    [
        "closed_date", "due_date", "descriptor", "agency", "agency_name", "location_type", "incident_zip", "incident_address",
        "street_name", "intersection_street_1", "intersection_street_2", "city", "borough", "resolution_description",
        "resolution_action_updated_date", "open_data_channel_type", "latitude", "longitude",
    ];

    public async Task<RowOutcome> ImportAsync(ImportRow row, ImportContext context, CancellationToken ct) =>
        Read(row) is { } request ? (await WriteAsync([request], context, ct))[0] : row.Reject();

    public Task<IReadOnlyList<RowOutcome>> WriteAsync(IReadOnlyList<ServiceRequest> records, ImportContext context, CancellationToken ct) =>
        ServiceRequestWriter.WriteAsync(records, context, ct);

    public ServiceRequest? Read(ImportRow row)
    {
        var key = row.Required("unique_key", 100);
        var complaint = row.Required("complaint_type", 200);
        var descriptor = row.Value("descriptor");
        var title = descriptor is null or "N/A" ? complaint : $"{complaint}: {descriptor}";
        if (title.Length > 300)
        {
            row.AddError($"complaint_type and descriptor make a title of {title.Length} characters, more than the maximum of 300");
        }

        var openedAt = LocalDate(row, "created_date", DateFormats, DateExample, NewYorkTime);
        if (openedAt is null && row.Value("created_date") is null)
        {
            row.AddError("created_date is required");
        }

        var closedAt = LocalDate(row, "closed_date", DateFormats, DateExample, NewYorkTime);
        var dueAt = LocalDate(row, "due_date", DateFormats, DateExample, NewYorkTime);
        var updatedAt = LocalDate(row, "resolution_action_updated_date", DateFormats, DateExample, NewYorkTime);
        var (status, reason) = ReadStatus(row, closedAt);
        if (status == WorkOrderStatus.Closed && closedAt < openedAt)
        {
            row.AddError($"closed_date '{row.Value("closed_date")}' is before created_date '{row.Value("created_date")}'");
        }

        var latitude = row.Number("latitude", -90, 90).Value;
        var longitude = row.Number("longitude", -180, 180).Value;
        var places = ReadPlaces(row);
        if (!row.IsValid)
        {
            return null;
        }

        var agency = row.Value("agency_name") is { } agencyName && row.Value("agency") is { } code ? $"{agencyName} ({code})" : row.Value("agency_name") ?? row.Value("agency");
        var address = string.Join(", ", new[] { row.Value("incident_address"), row.Value("city"), row.Value("incident_zip") }.Where(part => part is not null));
        var description = Describe(
            ("Agency", agency),
            ("Location type", row.Value("location_type")),
            ("Address", address),
            ("Reported through", row.Value("open_data_channel_type")),
            ("Resolution", row.Value("resolution_description")));
        var startedAt = status is WorkOrderStatus.InProgress ? updatedAt ?? openedAt : null;
        return new ServiceRequest(
            $"{Prefix}:{key}", title, complaint, description, openedAt!.Value, startedAt,
            status == WorkOrderStatus.Closed ? closedAt : null, dueAt, status!.Value, reason, places, latitude, longitude);
    }

    /// <summary>
    /// Maps Status: Open and Assigned (to a city agency) are open, Started and In Progress are
    /// in progress, Pending is on hold, and Closed is closed at Closed Date.
    /// </summary>
    private static (WorkOrderStatus? Status, string? Reason) ReadStatus(ImportRow row, DateTimeOffset? closedAt)
    {
        var text = row.Value("status");
        switch (text?.ToLowerInvariant())
        {
            case "open" or "assigned":
                return (WorkOrderStatus.Open, null);
            case "in progress" or "started":
                return (WorkOrderStatus.InProgress, null);
            case "pending":
                return (WorkOrderStatus.OnHold, "Pending in NYC 311");
            case "closed":
                if (closedAt is null && row.Value("closed_date") is null)
                {
                    row.AddError("status is Closed but closed_date is empty");
                }

                return (WorkOrderStatus.Closed, null);
            case null:
                row.AddError("status is required");
                return (null, null);
            default:
                row.AddError($"status '{text}' is unknown (expected Open, Assigned, Started, In Progress, Pending or Closed)");
                return (null, null);
        }
    }

    /// <summary>Files the request under New York City, then its borough and street when the row names them.</summary>
    private static List<Place> ReadPlaces(ImportRow row)
    {
        var places = new List<Place> { new($"{Prefix}:city:New York City", "New York City", NewYorkTimeZoneId) };
        var borough = CleanName(row.Value("borough")) is { } name && !string.Equals(name, "Unspecified", StringComparison.OrdinalIgnoreCase)
            ? TitleCase(name)
            : null;
        if (borough is not null && CheckPlace(row, "borough", $"{Prefix}:borough:{borough}", borough) is { } area)
        {
            places.Add(area);
        }

        var street = StreetOf(row);
        if (street is not null)
        {
            var key = borough is null ? $"{Prefix}:street:{street}" : $"{Prefix}:street:{borough}:{street}";
            if (CheckPlace(row, "street_name", key, street) is { } place)
            {
                places.Add(place);
            }
        }

        return places;
    }

    /// <summary>Returns Street Name, or for a row without one the two intersection streets joined by "&amp;".</summary>
    private static string? StreetOf(ImportRow row)
    {
        var street = CleanName(row.Value("street_name"));
        if (street is null)
        {
            var streets = new[] { row.Value("intersection_street_1"), row.Value("intersection_street_2") }
                .Select(CleanName)
                .OfType<string>()
                .ToList();
            street = streets.Count == 0 ? null : string.Join(" & ", streets);
        }

        return street is null ? null : TitleCase(street);
    }
}
