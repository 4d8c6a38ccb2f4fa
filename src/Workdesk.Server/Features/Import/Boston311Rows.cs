using System.Text.RegularExpressions;
using Workdesk.Domain.WorkOrders;
using static Workdesk.Server.Features.Import.ServiceRequestValues;

namespace Workdesk.Server.Features.Import;

/// <summary>
/// Imports the City of Boston's 311 service request export (Analyze Boston). docs/import.md lists
/// how each column maps.
/// </summary>
internal sealed partial class Boston311Rows : IBatchRowImporter<ServiceRequest>
{
    public const string Prefix = "boston311";

    private static readonly string[] DateFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm"];
    private const string DateExample = "2022-01-31 11:46:00 (Boston local time)";

    public IReadOnlyList<string> RequiredColumns { get; } = ["case_enquiry_id", "open_dt", "case_status", "type"];

    public IReadOnlyList<string> OptionalColumns { get; } =
    [
        "closed_dt", "target_dt", "case_title", "closure_reason", "subject", "reason", "queue", "department",
        "location", "neighborhood", "location_street_name", "latitude", "longitude", "source",
    ];

    public async Task<RowOutcome> ImportAsync(ImportRow row, ImportContext context, CancellationToken ct) =>
        Read(row) is { } request ? (await WriteAsync([request], context, ct))[0] : row.Reject();

    public Task<IReadOnlyList<RowOutcome>> WriteAsync(IReadOnlyList<ServiceRequest> records, ImportContext context, CancellationToken ct) =>
        ServiceRequestWriter.WriteAsync(records, context, ct);

    public ServiceRequest? Read(ImportRow row)
    {
        var caseId = row.Required("case_enquiry_id", 100);
        var type = row.Required("type", 200);
        var openedAt = LocalDate(row, "open_dt", DateFormats, DateExample, NewYorkTime);
        var closedAt = LocalDate(row, "closed_dt", DateFormats, DateExample, NewYorkTime);
        var dueAt = LocalDate(row, "target_dt", DateFormats, DateExample, NewYorkTime);
        var status = ReadStatus(row, closedAt);
        if (openedAt is null && row.Value("open_dt") is null)
        {
            row.AddError("open_dt is required");
        }

        if (closedAt < openedAt)
        {
            row.AddError($"closed_dt '{row.Value("closed_dt")}' is before open_dt '{row.Value("open_dt")}'");
        }

        var latitude = row.Number("latitude", -90, 90).Value;
        var longitude = row.Number("longitude", -180, 180).Value;
        var places = ReadPlaces(row);
        if (!row.IsValid)
        {
            return null;
        }

        var description = Describe(
            ("Case title", row.Value("case_title")),
            ("Subject", row.Value("subject")),
            ("Reason", row.Value("reason")),
            ("Department", row.Value("department")),
            ("Queue", row.Value("queue")),
            ("Address", row.Value("location")),
            ("Reported through", row.Value("source")),
            ("Closure", row.Value("closure_reason")));
        return new ServiceRequest(
            $"{Prefix}:{caseId}", type, type, description, openedAt!.Value, null,
            status == WorkOrderStatus.Closed ? closedAt : null, dueAt, status!.Value, null, places, latitude, longitude);
    }

    /// <summary>Maps case_status: Open stays open, Closed is closed at closed_dt.</summary>
    private static WorkOrderStatus? ReadStatus(ImportRow row, DateTimeOffset? closedAt)
    {
        var text = row.Value("case_status");
        switch (text?.ToLowerInvariant())
        {
            case "open":
                return WorkOrderStatus.Open;
            case "closed" when closedAt is null && row.Value("closed_dt") is null:
                row.AddError("case_status is Closed but closed_dt is empty");
                return WorkOrderStatus.Closed;
            case "closed":
                return WorkOrderStatus.Closed;
            case null:
                row.AddError("case_status is required");
                return null;
            default:
                row.AddError($"case_status {CsvValues.Quote(text)} is unknown (expected Open or Closed)");
                return null;
        }
    }

    /// <summary>Files the case under Boston, then its neighborhood and street when the row names them.</summary>
    private static List<Place> ReadPlaces(ImportRow row)
    {
        var places = new List<Place> { new($"{Prefix}:city:Boston", "Boston", NewYorkTimeZoneId) };
        var neighborhood = CleanName(row.Value("neighborhood"));
        if (neighborhood is not null && CheckPlace(row, "neighborhood", $"{Prefix}:neighborhood:{neighborhood}", neighborhood) is { } area)
        {
            places.Add(area);
        }

        var street = StreetOf(row.Value("location_street_name"));
        if (street is not null)
        {
            var key = neighborhood is null ? $"{Prefix}:street:{street}" : $"{Prefix}:street:{neighborhood}:{street}";
            if (CheckPlace(row, "location_street_name", key, street) is { } place)
            {
                places.Add(place);
            }
        }

        return places;
    }

    /// <summary>
    /// Returns the street of an address such as "42 Cross St" or "202-204 Bremen St" without the
    /// house number, and the two streets of "INTERSECTION Gallivan Blvd &amp; Washington St".
    /// </summary>
    internal static string? StreetOf(string? address)
    {
        var text = CleanName(address);
        if (text is null)
        {
            return null;
        }

        text = Intersection().Replace(text, "");
        text = HouseNumber().Replace(text, "");
        return text.Length == 0 ? null : text;
    }

    [GeneratedRegex(@"^INTERSECTION\s+", RegexOptions.IgnoreCase)]
    private static partial Regex Intersection();

    [GeneratedRegex(@"^\d+[A-Za-z]?(-\d+[A-Za-z]?)?\s+")]
    private static partial Regex HouseNumber();
}
