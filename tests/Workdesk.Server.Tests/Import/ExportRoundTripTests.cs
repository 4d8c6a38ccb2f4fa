using System.Net;
using Microsoft.EntityFrameworkCore;
using Workdesk.Domain.People;
using Workdesk.Server.Features.Import;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests.Import;

/// <summary>GET /api/v1/export/{kind}: the format import reads, and the same visibility as the lists.</summary>
/// <param name="createApp">Creates a second, empty server of the same provider to import the export into.</param>
public abstract class ExportRoundTripTests(WorkdeskApp app, Func<WorkdeskApp> createApp)
{
    private static readonly string[] Kinds = ["locations", "assets", "requests", "work-orders"];

    /// <summary>Imports one record set of every kind with links between them, tagged so that tests do not collide.</summary>
    private static async Task SeedAsync(TestUser admin, string t)
    {
        await admin.ImportAsync("locations", $""""
            external_id,name,parent_external_id,kind,code,address,latitude,longitude,time_zone
            {t}-site,"Depot, ""North""",,site,D1,2 Harbour Rd,-33.8688,151.2093,Australia/Sydney
            {t}-hall,Hall,{t}-site,building,,,,,
            """");
        await admin.ImportAsync("assets", $""""
            external_id,tag,name,category,location_external_id,parent_external_id,status,criticality,make,model,serial_number,install_date,warranty_end,purchase_cost,currency,expected_life_years
            {t}-boiler,B-{t},Boiler,Heating,{t}-hall,,standby,4,Viessmann,V200,123,2019-10-01,2029-09-30,12000.25,EUR,25
            {t}-pump,P-{t},Circulation pump,Heating,{t}-hall,{t}-boiler,,,,,,,,,,
            """");
        await admin.ImportAsync("requests", $""""
            external_id,title,description,status,source,location_external_id,asset_external_id,contact_email,latitude,created_at,decided_at
            {t}-r1,No heat,"Radiators cold since ""Monday""
            =HYPERLINK(""x"")",approved,portal,{t}-hall,{t}-boiler,ops@example.org,-33.87,2024-06-01T07:15:30.25Z,2024-06-01T08:00:00Z
            """");
        await admin.ImportAsync("work-orders", $""""
            external_id,title,description,type,category,priority,status,status_reason,location_external_id,asset_external_id,request_external_id,due_at,created_at,started_at
            {t}-w1,-5 degrees in office,@ops please check,corrective,Heating,high,on_hold,Waiting for parts,{t}-hall,{t}-boiler,{t}-r1,2024-06-03T00:00:00Z,2024-06-01T08:00:00Z,2024-06-01T09:00:00Z
            """");
    }

    [Fact]
    public async Task ExportThenImport_ChangesNothing()
    {
        var admin = await app.CreateAdminAsync();
        await SeedAsync(admin, ImportClient.NewTag());
        var exports = new Dictionary<string, string>();
        foreach (var kind in Kinds)
        {
            exports[kind] = await admin.ExportAsync(kind);
        }

        foreach (var kind in Kinds)
        {
            var report = await admin.ImportAsync(kind, exports[kind]);
            Assert.True(report.Imported == 0, $"{kind}: {report.Imported} rows imported");
            Assert.True(report.Updated == 0, $"{kind}: {report.Updated} rows updated");
            Assert.True(report.Rejected == 0, $"{kind}: rejected {string.Join("; ", report.Rejections.Select(r => r.Message))}");
        }

        foreach (var kind in Kinds)
        {
            Assert.Equal(exports[kind], await admin.ExportAsync(kind));
        }
    }

    [Fact]
    public async Task ExportIntoAnotherDatabase_ReproducesTheRecords()
    {
        var admin = await app.CreateAdminAsync();
        var t = ImportClient.NewTag();
        await SeedAsync(admin, t);
        var exports = new Dictionary<string, string>();
        foreach (var kind in Kinds)
        {
            exports[kind] = await admin.ExportAsync(kind);
        }

        await using var other = createApp();
        await other.InitializeAsync();
        var otherAdmin = await other.CreateAdminAsync();
        foreach (var kind in Kinds)
        {
            var report = await otherAdmin.ImportAsync(kind, exports[kind]);
            Assert.Equal(0, report.Rejected);
        }

        foreach (var kind in Kinds)
        {
            Assert.Equal(SortedLines(exports[kind]), SortedLines(await otherAdmin.ExportAsync(kind)));
        }
    }

    [Fact]
    public async Task Export_GuardsFormulasAndWritesHeader()
    {
        var admin = await app.CreateAdminAsync();
        var t = ImportClient.NewTag();
        await SeedAsync(admin, t);

        var workOrders = await admin.ExportAsync("work-orders");

        var lines = workOrders.Split("\r\n");
        Assert.Equal(string.Join(",", CsvColumns.WorkOrders.All), lines[0]);
        var row = lines.Single(l => l.StartsWith($"{t}-w1,", StringComparison.Ordinal));
        Assert.Contains("\"'-5 degrees in office\"", row, StringComparison.Ordinal);
        Assert.Contains("\"'@ops please check\"", row, StringComparison.Ordinal);
        Assert.Contains(",high,on_hold,Waiting for parts,", row, StringComparison.Ordinal);
        Assert.Contains(",2024-06-01T08:00:00Z,2024-06-01T09:00:00Z,,", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_ShowsDispatcherOnlyTheirSites()
    {
        var admin = await app.CreateAdminAsync();
        var t = ImportClient.NewTag();
        await admin.ImportAsync("locations", $"external_id,name\n{t}-north,North\n{t}-south,South\n");
        await admin.ImportAsync("work-orders", $"external_id,title,location_external_id\n{t}-n,North job,{t}-north\n{t}-s,South job,{t}-south\n");
        var north = await app.QueryAsync(db => db.Locations.Where(l => l.ExternalId == $"{t}-north").Select(l => l.Id).SingleAsync());
        var dispatcher = await app.CreateUserAsync(Role.Dispatcher, sites: [north]);

        var export = await dispatcher.ExportAsync("work-orders");

        Assert.Contains($"{t}-n,North job", export, StringComparison.Ordinal);
        Assert.DoesNotContain($"{t}-s,", export, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_RejectsTechniciansAndUnknownKinds()
    {
        var admin = await app.CreateAdminAsync();
        var technician = await app.CreateUserAsync(Role.Technician);

        var forbidden = await technician.Client.GetAsync("/api/v1/export/work-orders");
        var unknown = await admin.Client.GetAsync("/api/v1/export/widgets");

        await forbidden.ShouldBeAsync(HttpStatusCode.Forbidden);
        await unknown.ShouldBeAsync(HttpStatusCode.BadRequest);
    }

    private static List<string> SortedLines(string csv) =>
        [.. csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];
}

public sealed class ExportRoundTripSqliteTests(SqliteApp app) : ExportRoundTripTests(app, () => new SqliteApp()), IClassFixture<SqliteApp>;

public sealed class ExportRoundTripPostgresTests(PostgresApp app) : ExportRoundTripTests(app, () => new PostgresApp()), IClassFixture<PostgresApp>;
