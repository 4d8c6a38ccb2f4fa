using System.CommandLine;
using System.Globalization;
using System.Text;
using Workdesk.Bench.Generate;

namespace Workdesk.Bench.Import;

/// <summary>
/// `workdesk-bench csv311`: writes a CSV file in the column layout of the City of Boston's 311
/// service request export, which `workdesk import work-orders FILE --format boston311` reads.
/// The values are synthetic and depend only on the seed and the row count.
/// </summary>
internal static class Csv311Command
{
    public const string Header =
        "case_enquiry_id,open_dt,target_dt,closed_dt,ontime,case_status,closure_reason,case_title,subject,reason,type,queue,department," +
        "submittedphoto,closedphoto,location,fire_district,pwd_district,city_council_district,police_district,neighborhood," +
        "neighborhood_services_district,ward,precinct,location_street_name,location_zipcode,latitude,longitude,source";

    /// <summary>Case type, reason, department and queue, as the city routes them.</summary>
    private static readonly (string Type, string Reason, string Department, string Queue)[] CaseTypes =
    [
        ("Request for Pothole Repair", "Highway Maintenance", "PWDx", "PWDx_District 1C: North End"),
        ("Street Light Outages", "Street Lights", "PWDx", "PWDx_Street Light Outages"),
        ("Missed Trash/Recycling/Yard Waste/Bulk Item", "Sanitation", "PWDx", "PWDx_Missed Trash"),
        ("Parking Enforcement", "Enforcement & Abandoned Vehicles", "BTDT", "BTDT_Parking Enforcement"),
        ("Needle Pickup", "Needle Program", "GEN_", "GEN_Needle_Pickup"),
        ("Unsanitary Conditions - Establishment", "Environmental Services", "ISD", "ISD_Environmental Health"),
        ("Sidewalk Repair (Make Safe)", "Highway Maintenance", "PWDx", "PWDx_Contractor Complaints"),
        ("Graffiti Removal", "Graffiti", "PROP", "PROP_GRAF_GraffitiRemoval"),
        ("Tree Maintenance Requests", "Trees", "PARK", "PARK_Tree Maintenance"),
        ("Heat - Excessive  Insufficient", "Housing", "ISD", "ISD_Housing"),
    ];

    private static readonly string[] Neighborhoods =
        ["Dorchester", "Roxbury", "South Boston", "Jamaica Plain", "Allston / Brighton", "Back Bay", "Charlestown", "East Boston", "Hyde Park", "Mattapan"];

    private static readonly string[] Streets =
        ["Washington St", "Blue Hill Ave", "Dorchester Ave", "Tremont St", "Massachusetts Ave", "Centre St", "Boylston St", "Hyde Park Ave", "Commonwealth Ave", "Harrison Ave"];

    private static readonly string[] Sources = ["Constituent Call", "Citizens Connect App", "Self Service", "City Worker App", "Employee Generated"];

    private static readonly Option<string> Output = new("--output", "-o") { Description = "CSV file to write; an existing file is replaced.", Required = true };

    private static readonly Option<int> Rows = new("--rows")
    {
        Description = "Number of service requests (rows after the header), 1 to 10,000,000.",
        DefaultValueFactory = _ => 1_000_000,
    };

    private static readonly Option<long> Seed = new("--seed")
    {
        Description = "Seed of the random choices; the same seed and row count give the same file.",
        DefaultValueFactory = _ => 42,
    };

    public static Command Create()
    {
        var command = new Command("csv311", "Writes a synthetic CSV file in the Boston 311 export layout, for timing `workdesk import`.");
        command.Options.Add(Output);
        command.Options.Add(Rows);
        command.Options.Add(Seed);
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        var rows = parse.GetValue(Rows);
        if (rows is < 1 or > 10_000_000)
        {
            await Console.Error.WriteLineAsync($"error: --rows must be between 1 and 10,000,000; got {rows}.");
            return 2;
        }

        var path = Path.GetFullPath(parse.GetValue(Output)!);
        await using (var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16))
        {
            await Write(writer, rows, parse.GetValue(Seed), ct);
        }

        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{path}: {rows:N0} rows, {new FileInfo(path).Length:N0} bytes"));
        return 0;
    }

    /// <summary>Writes the header and <paramref name="rows"/> rows: requests opened over 2022, about 85 % of them closed.</summary>
    public static async Task Write(TextWriter writer, int rows, long seed, CancellationToken ct)
    {
        var random = DeterministicRandom.ForStream(seed, "csv311");
        var start = new DateTime(2022, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var secondsPerRow = 365.0 * 24 * 3600 / rows;
        await writer.WriteAsync(Header);
        await writer.WriteAsync('\n');
        var line = new StringBuilder(512);
        for (var i = 0; i < rows; i++)
        {
            ct.ThrowIfCancellationRequested();
            var kind = CaseTypes[random.Next(CaseTypes.Length)];
            var opened = start.AddSeconds(Math.Floor(i * secondsPerRow));
            var target = opened.AddDays(1 + random.Next(14));
            var closed = random.Chance(0.85);
            var closedAt = opened.AddMinutes(10 + random.Next(20 * 24 * 60));
            var neighborhood = Neighborhoods[random.Next(Neighborhoods.Length)];
            var number = 1 + random.Next(400);
            var street = Streets[random.Next(Streets.Length)];
            var zip = "021" + (random.Next(40) + 10).ToString("D2", CultureInfo.InvariantCulture);
            var hasAddress = random.Chance(0.9);

            line.Clear();
            line.Append(101_004_000_000L + i).Append(',')
                .Append(Timestamp(opened)).Append(',')
                .Append(random.Chance(0.9) ? Timestamp(target) : "").Append(',')
                .Append(closed ? Timestamp(closedAt) : "").Append(',')
                .Append(closed && closedAt > target ? "OVERDUE" : "ONTIME").Append(',')
                .Append(closed ? "Closed" : "Open").Append(',')
                .Append(closed ? Quote($"Case Closed. Case Resolved. {kind.Type} handled by {kind.Department}.") : " ").Append(',')
                .Append(Quote(kind.Type)).Append(',')
                .Append("Public Works Department").Append(',')
                .Append(Quote(kind.Reason)).Append(',')
                .Append(Quote(kind.Type)).Append(',')
                .Append(Quote(kind.Queue)).Append(',')
                .Append(kind.Department).Append(",,,")
                .Append(hasAddress ? Quote($"{number} {street}  {neighborhood}  MA  {zip}") : " ").Append(',')
                .Append(1 + random.Next(12)).Append(',')
                .Append('1').Append((char)('A' + random.Next(4))).Append(',')
                .Append(1 + random.Next(9)).Append(',')
                .Append((char)('A' + random.Next(5))).Append(1 + random.Next(9)).Append(',')
                .Append(Quote(neighborhood)).Append(',')
                .Append(1 + random.Next(15)).Append(',')
                .Append(1 + random.Next(22)).Append(',')
                .Append((1 + random.Next(22)).ToString("D2", CultureInfo.InvariantCulture)).Append((1 + random.Next(20)).ToString("D2", CultureInfo.InvariantCulture)).Append(',')
                .Append(hasAddress ? $"{number} {street}" : "").Append(',')
                .Append(hasAddress ? zip : "").Append(',')
                .Append((42.23 + (random.Next(2000) / 10000.0)).ToString("F4", CultureInfo.InvariantCulture)).Append(',')
                .Append((-71.19 + (random.Next(2000) / 10000.0)).ToString("F4", CultureInfo.InvariantCulture)).Append(',')
                .Append(Sources[random.Next(Sources.Length)])
                .Append('\n');
            await writer.WriteAsync(line, ct);
        }
    }

    private static string Timestamp(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Quote(string value) =>
        value.Contains(',', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal)
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
}
