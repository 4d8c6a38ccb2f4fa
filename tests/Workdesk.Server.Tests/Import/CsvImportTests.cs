using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workdesk.Domain.Requests;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.Import;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests.Import;

/// <summary>Imports of each kind in the Workdesk format through POST /api/v1/import/{kind}.</summary>
public abstract class CsvImportTests(WorkdeskApp app)
{
    [Fact]
    public async Task Locations_BuildTreeFromParentExternalIds()
    {
        var admin = await app.CreateAdminAsync();
        var t = ImportClient.NewTag();
        var csv = $"""
            external_id,name,parent_external_id,kind,code,address,latitude,longitude,time_zone
            {t}-campus,North Campus,,campus,NC,1 Main St,42.36,-71.06,America/New_York
            {t}-b1,Building 1,{t}-campus,building,B1,,,,
            {t}-f2,Floor 2,{t}-b1,floor,,,,,
            """;

        var report = await admin.ImportAsync("locations", csv);

        Assert.Equal(3, report.Imported);
        Assert.Equal(0, report.Rejected);
        var locations = await app.QueryAsync(db => db.Locations.Where(l => EF.Functions.Like(l.ExternalId!, t + "%")).ToDictionaryAsync(l => l.ExternalId!));
        var campus = locations[$"{t}-campus"];
        var floor = locations[$"{t}-f2"];
        Assert.Equal($"{campus.Path}{locations[$"{t}-b1"].Id}/{floor.Id}/", floor.Path);
        Assert.Equal(locations[$"{t}-b1"].Id, floor.ParentId);
        Assert.Equal("America/New_York", campus.TimeZone);
        Assert.Equal("floor", floor.Kind);
        Assert.Equal(42.36, campus.Latitude);
    }

    [Fact]
    public async Task Locations_ParentAfterChild_IsRejected()
    {
        var admin = await app.CreateAdminAsync();
        var t = ImportClient.NewTag();
        var csv = $"""
            external_id,name,parent_external_id
            {t}-room,Room 5,{t}-wing
            {t}-wing,East Wing,
            """;

        var report = await admin.ImportAsync("locations", csv);

        Assert.Equal(1, report.Imported);
        var rejection = Assert.Single(report.Rejections);
        Assert.Equal(2, rejection.Line);
        Assert.Contains($"parent_external_id '{t}-wing' matches no location", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assets_ReferenceLocationAndParentAsset()
    {
        var admin = await app.CreateAdminAsync();
        var t = ImportClient.NewTag();
        await admin.ImportAsync("locations", $"external_id,name\n{t}-plant,Plant room\n");
        var csv = $"""
            external_id,tag,name,category,location_external_id,parent_external_id,make,model,serial_number
            {t}-ahu,AHU-{t},Air handler 1,HVAC,{t}-plant,,Trane,M-100,SN1
            {t}-fan,FAN-{t},Supply fan,HVAC,{t}-plant,{t}-ahu,,,
            """;

        var report = await admin.ImportAsync("assets", csv);

        Assert.Equal(2, report.Imported);
        var assets = await app.QueryAsync(db => db.Assets.Where(a => EF.Functions.Like(a.ExternalId!, t + "%")).ToDictionaryAsync(a => a.ExternalId!));
        var plantId = await app.QueryAsync(db => db.Locations.Where(l => l.ExternalId == $"{t}-plant").Select(l => l.Id).SingleAsync());
        var handler = assets[$"{t}-ahu"];
        var fan = assets[$"{t}-fan"];
        Assert.Equal(handler.Id, fan.ParentId);
        Assert.Equal(plantId, fan.LocationId);
        Assert.Equal("Trane", handler.Make);
        Assert.Equal($"/{handler.Id}/", handler.Path);
        Assert.Equal($"/{handler.Id}/{fan.Id}/", fan.Path);
    }

    [Fact]
    public async Task Assets_KeepLifecycleFields()
    {
        var admin = await app.CreateAdminAsync();
        var t = ImportClient.NewTag();
        var type = await admin.Client.PostJsonAsync("/api/v1/asset-types", new { name = $"Chiller {t}" });
        await type.ShouldBeAsync(HttpStatusCode.Created);
        var csv = $"""
            external_id,tag,name,asset_type,status,criticality,install_date,warranty_start,warranty_end,purchase_cost,currency,expected_life_years
            {t}-ch,CH-{t},Chiller,Chiller {t},down,5,2020-04-01,2020-04-01,2025-03-31,48500.50,EUR,20
            {t}-bad,BAD-{t},Bad,,broken,9,2020-13-01,,,-1,eur,
            """;

        var report = await admin.ImportAsync("assets", csv);

        Assert.Equal(1, report.Imported);
        var rejection = Assert.Single(report.Rejections).Message;
        Assert.Contains("status 'broken' is unknown", rejection, StringComparison.Ordinal);
        Assert.Contains("criticality '9' is not a whole number from 1 to 5", rejection, StringComparison.Ordinal);
        Assert.Contains("install_date '2020-13-01' is not a date", rejection, StringComparison.Ordinal);
        Assert.Contains("purchase_cost '-1' is not an amount", rejection, StringComparison.Ordinal);
        var chiller = await app.QueryAsync(db => db.Assets.SingleAsync(a => a.ExternalId == $"{t}-ch"));
        Assert.Equal(Domain.Assets.AssetStatus.Down, chiller.Status);
        Assert.Equal(5, chiller.Criticality);
        Assert.Equal(new DateOnly(2025, 3, 31), chiller.WarrantyEnd);
        Assert.Equal(48500.50m, chiller.PurchaseCost);
        Assert.Equal("EUR", chiller.Currency);
        Assert.NotNull(chiller.AssetTypeId);
        Assert.True(await app.QueryAsync(db => db.AssetDowntimes.AnyAsync(d => d.AssetId == chiller.Id && d.EndedAt == null)));
    }

    [Fact]
    public async Task Assets_NewParentMovesAssetAndPath()
    {
        var admin = await app.CreateAdminAsync();
        var t = ImportClient.NewTag();
        await admin.ImportAsync("assets", $"external_id,tag,name,parent_external_id\n{t}-a,A-{t},Rack A,\n{t}-b,B-{t},Rack B,\n{t}-s,S-{t},Server,{t}-a\n");

        var report = await admin.ImportAsync("assets", $"external_id,tag,name,parent_external_id\n{t}-s,S-{t},Server,{t}-b\n{t}-b,B-{t},Rack B,{t}-s\n");

        Assert.Equal(1, report.Updated);
        Assert.Contains("inside this asset", Assert.Single(report.Rejections).Message, StringComparison.Ordinal);
        var assets = await app.QueryAsync(db => db.Assets.Where(a => EF.Functions.Like(a.ExternalId!, t + "%")).ToDictionaryAsync(a => a.ExternalId!));
        Assert.Equal($"/{assets[$"{t}-b"].Id}/{assets[$"{t}-s"].Id}/", assets[$"{t}-s"].Path);
        Assert.Null(assets[$"{t}-b"].ParentId);
    }

    [Fact]
    public async Task Assets_TagOfAnotherAsset_IsRejected()
    {
        var admin = await app.CreateAdminAsync();
        var t = ImportClient.NewTag();
        var csv = $"""
            external_id,tag,name
            {t}-1,PUMP-{t},Pump one
            {t}-2,PUMP-{t},Pump two
            """;

        var report = await admin.ImportAsync("assets", csv);

        Assert.Equal(1, report.Imported);
        Assert.Contains("tags are unique", Assert.Single(report.Rejections).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_KeepStatusContactAndHistory()
    {
        var admin = await app.CreateAdminAsync();
        var t = ImportClient.NewTag();
        var csv = $"""
            external_id,title,description,status,source,category,contact_name,contact_email,decline_reason,created_at,decided_at
            {t}-1,Broken window,"Glass cracked
            in two places",new,email,Glazing,Ana,ana@example.org,,2024-03-01T09:00:00Z,
            {t}-2,Paint hallway,,declined,phone,,,,Not our building,2024-03-02T10:00:00+01:00,2024-03-03
            """;

        var report = await admin.ImportAsync("requests", csv);

        Assert.Equal(2, report.Imported);
        var requests = await app.QueryAsync(db => db.WorkRequests.Where(r => EF.Functions.Like(r.ExternalId!, t + "%")).ToDictionaryAsync(r => r.ExternalId!));
        Assert.Equal("Glass cracked\nin two places", requests[$"{t}-1"].Description);
        Assert.Equal(RequestSource.Email, requests[$"{t}-1"].Source);
        Assert.Equal(WorkRequestStatus.Declined, requests[$"{t}-2"].Status);
        Assert.Equal(new DateTimeOffset(2024, 3, 2, 9, 0, 0, TimeSpan.Zero), requests[$"{t}-2"].CreatedAt);
        var history = await app.QueryAsync(db => db.Activities
            .Where(a => a.EntityType == Activity.WorkRequestEntity && a.EntityId == requests[$"{t}-2"].Id)
            .OrderBy(a => a.Id).Select(a => a.Action + ":" + a.NewValue).ToListAsync());
        Assert.Equal(["created:new", "status_changed:declined"], history);
    }

    [Fact]
    public async Task WorkOrders_KeepStatusPriorityDatesAndReferences()
    {
        var admin = await app.CreateAdminAsync();
        var t = ImportClient.NewTag();
        await admin.ImportAsync("locations", $"external_id,name\n{t}-site,Depot\n");
        await admin.ImportAsync("requests", $"external_id,title\n{t}-req,Leak\n");
        var csv = $"""
            external_id,title,type,priority,status,location_external_id,request_external_id,due_at,created_at,closed_at
            {t}-wo1,Fix leak,corrective,urgent,closed,{t}-site,{t}-req,2024-05-02T00:00:00Z,2024-05-01T08:00:00Z,2024-05-01T12:30:00Z
            {t}-wo2,Inspect roof,inspection,low,open,,,,,
            """;

        var report = await admin.ImportAsync("work-orders", csv);

        Assert.Equal(2, report.Imported);
        var workOrder = await app.QueryAsync(db => db.WorkOrders.SingleAsync(w => w.ExternalId == $"{t}-wo1"));
        Assert.Equal(WorkOrderStatus.Closed, workOrder.Status);
        Assert.Equal(Priority.Urgent, workOrder.Priority);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 12, 30, 0, TimeSpan.Zero), workOrder.ClosedAt);
        Assert.Equal(admin.Id, workOrder.CreatedById);
        var request = await app.QueryAsync(db => db.WorkRequests.SingleAsync(r => r.ExternalId == $"{t}-req"));
        Assert.Equal(request.Id, workOrder.RequestId);
        Assert.Equal(workOrder.Id, request.WorkOrderId);
        var history = await app.QueryAsync(db => db.Activities
            .Where(a => a.EntityType == Activity.WorkOrderEntity && a.EntityId == workOrder.Id)
            .OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(["created", "status_changed"], history.Select(h => h.Action));
        Assert.Equal(workOrder.CreatedAt, history[0].At);
        Assert.Equal(workOrder.ClosedAt, history[1].At);
    }

    [Fact]
    public async Task BadRow_IsRejected_GoodRowsLand()
    {
        var admin = await app.CreateAdminAsync();
        var t = ImportClient.NewTag();
        var csv = $"""
            external_id,title,status,priority,latitude
            {t}-a,First,open,high,40.5
            {t}-b,Second,finished,hgih,400
            {t}-c,Third,in_progress,low,
            """;

        var report = await admin.ImportAsync("work-orders", csv);

        Assert.Equal(2, report.Imported);
        Assert.Equal(1, report.Rejected);
        var rejection = Assert.Single(report.Rejections);
        Assert.Equal(3, rejection.Line);
        Assert.Contains("status 'finished' is unknown", rejection.Message, StringComparison.Ordinal);
        Assert.Contains("priority 'hgih' is unknown", rejection.Message, StringComparison.Ordinal);
        Assert.Contains("latitude must be between -90 and 90", rejection.Message, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.WorkOrders.AnyAsync(w => w.ExternalId == $"{t}-b")));
    }

    [Fact]
    public async Task RejectedRow_KeepsRowsOfOtherBatches()
    {
        app.SkipIfUnavailable();
        var t = ImportClient.NewTag();
        var csv = $"external_id,name\n{t}-1,One\n{t}-2,Two\n{t}-3,\n{t}-4,Four\n{t}-5,Five\n";
        var options = ImportOptions.Parse("locations", null, null, null, actorId: null).Value! with { BatchSize = 2 };
        using var scope = app.Services.CreateScope();
        await using var input = new MemoryStream(Encoding.UTF8.GetBytes(csv));

        var report = (await scope.ServiceProvider.GetRequiredService<CsvImporter>().ImportAsync(input, options, CancellationToken.None)).Value!;

        Assert.Equal(4, report.Imported);
        Assert.Equal(4, Assert.Single(report.Rejections).Line);
        Assert.Equal("name is required", report.Rejections[0].Message);
        var names = await app.QueryAsync(db => db.Locations.Where(l => EF.Functions.Like(l.ExternalId!, t + "%")).OrderBy(l => l.ExternalId).Select(l => l.Name).ToListAsync());
        Assert.Equal(["One", "Two", "Four", "Five"], names);
    }

    [Fact]
    public async Task MalformedRows_AreRejected()
    {
        var admin = await app.CreateAdminAsync();
        var t = ImportClient.NewTag();
        var csv = $"external_id,name\n{t}-1,Hall\n{t}-2,Lobby,extra\n{t}-3,\"Shop\"s\n{t}-4,Yard\n";

        var report = await admin.ImportAsync("locations", csv);

        Assert.Equal(2, report.Imported);
        Assert.Equal([3L, 4L], report.Rejections.Select(r => r.Line));
        Assert.Contains("the row has 3 fields but the header has 2", report.Rejections[0].Message, StringComparison.Ordinal);
        Assert.Contains("closing quote", report.Rejections[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameFileTwice_CreatesNoDuplicates()
    {
        var admin = await app.CreateAdminAsync();
        var t = ImportClient.NewTag();
        var csv = $"""
            external_id,title,status,created_at
            {t}-1,Replace filter,open,2024-01-01T00:00:00Z
            {t}-2,Oil pump,completed,2024-01-02T00:00:00Z
            """;
        await admin.ImportAsync("work-orders", csv);
        var before = await app.CountAllAsync();

        var second = await admin.ImportAsync("work-orders", csv);

        Assert.Equal(0, second.Imported);
        Assert.Equal(2, second.Skipped);
        Assert.Equal(before, await app.CountAllAsync());
    }

    [Fact]
    public async Task ChangedRow_UpdatesRecordAndHistory()
    {
        var admin = await app.CreateAdminAsync();
        var t = ImportClient.NewTag();
        await admin.ImportAsync("work-orders", $"external_id,title,status,priority\n{t}-1,Fix gate,open,low\n");

        var report = await admin.ImportAsync("work-orders", $"external_id,title,status\n{t}-1,Fix gate,in_progress\n");

        Assert.Equal(1, report.Updated);
        var workOrder = await app.QueryAsync(db => db.WorkOrders.SingleAsync(w => w.ExternalId == $"{t}-1"));
        Assert.Equal(WorkOrderStatus.InProgress, workOrder.Status);
        Assert.Equal(Priority.Low, workOrder.Priority);
        var move = await app.QueryAsync(db => db.Activities.SingleAsync(a => a.EntityType == Activity.WorkOrderEntity && a.EntityId == workOrder.Id && a.Action == "status_changed"));
        Assert.Equal("open", move.OldValue);
        Assert.Equal("in_progress", move.NewValue);
        Assert.Equal(admin.Id, move.ActorId);
    }

    [Fact]
    public async Task Utf8ByteOrderMark_IsRemovedFromHeader()
    {
        var admin = await app.CreateAdminAsync();
        var t = ImportClient.NewTag();
        byte[] content = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes($"external_id,name\n{t}-1,Café Ümlaut\n")];

        var response = await admin.PostCsvAsync("locations", content);

        await response.ShouldBeAsync(HttpStatusCode.OK);
        var report = await response.ReadAsync<ReportBody>();
        Assert.Equal("utf-8", report.Encoding);
        Assert.Equal(1, report.Imported);
        Assert.Equal("Café Ümlaut", await app.QueryAsync(db => db.Locations.Where(l => l.ExternalId == $"{t}-1").Select(l => l.Name).SingleAsync()));
    }

    [Fact]
    public async Task Windows1252_IsDetectedAndNoted()
    {
        var admin = await app.CreateAdminAsync();
        var t = ImportClient.NewTag();
        byte[] content = [.. Encoding.ASCII.GetBytes($"external_id,name\n{t}-1,Caf"), 0xE9, .. Encoding.ASCII.GetBytes(" du Nord\n")];

        var response = await admin.PostCsvAsync("locations", content);

        await response.ShouldBeAsync(HttpStatusCode.OK);
        var report = await response.ReadAsync<ReportBody>();
        Assert.Equal("windows-1252", report.Encoding);
        Assert.Contains(report.Notes, n => n.Contains("not valid UTF-8", StringComparison.Ordinal));
        Assert.Equal("Café du Nord", await app.QueryAsync(db => db.Locations.Where(l => l.ExternalId == $"{t}-1").Select(l => l.Name).SingleAsync()));
    }

    [Fact]
    public async Task NamedUtf8WithInvalidBytes_IsRejected()
    {
        var admin = await app.CreateAdminAsync();
        byte[] content = [.. Encoding.ASCII.GetBytes("external_id,name\nx-1,Caf"), 0xE9, (byte)'\n'];
        var before = await app.CountAllAsync();

        var response = await admin.PostCsvAsync("locations", content, "encoding=utf-8");

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.Contains("windows-1252", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await app.CountAllAsync());
    }

    [Fact]
    public async Task SemicolonDelimiter_IsDetectedWithDecimalCommas()
    {
        var admin = await app.CreateAdminAsync();
        var t = ImportClient.NewTag();
        var csv = $"external_id;name;latitude;longitude\n{t}-1;Lager, Halle 2;52,52;13,405\n";

        var report = await admin.ImportAsync("locations", csv);

        Assert.Equal(";", report.Delimiter);
        Assert.Equal(1, report.Imported);
        var location = await app.QueryAsync(db => db.Locations.SingleAsync(l => l.ExternalId == $"{t}-1"));
        Assert.Equal("Lager, Halle 2", location.Name);
        Assert.Equal(52.52, location.Latitude);
        Assert.Equal(13.405, location.Longitude);
    }

    [Fact]
    public async Task NamedEncodingAndTabDelimiter_AreUsed()
    {
        var admin = await app.CreateAdminAsync();
        var t = ImportClient.NewTag();
        byte[] content = [.. Encoding.ASCII.GetBytes($"external_id\tname\n{t}-1\tNa"), 0xEF, 0x76, 0x65, (byte)'\n'];

        var response = await admin.PostCsvAsync("locations", content, "encoding=windows-1252&delimiter=tab");

        await response.ShouldBeAsync(HttpStatusCode.OK);
        var report = await response.ReadAsync<ReportBody>();
        Assert.Equal("tab", report.Delimiter);
        Assert.Empty(report.Notes);
        Assert.Equal("Naïve", await app.QueryAsync(db => db.Locations.Where(l => l.ExternalId == $"{t}-1").Select(l => l.Name).SingleAsync()));
    }

    [Fact]
    public async Task MultipartUpload_IsImported()
    {
        var admin = await app.CreateAdminAsync();
        var t = ImportClient.NewTag();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes($"external_id,name\n{t}-1,Annex\n"));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "locations.csv");

        var response = await admin.Client.PostAsync("/api/v1/import/locations", form);

        await response.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(1, (await response.ReadAsync<ReportBody>()).Imported);
    }

    public static TheoryData<string, byte[], string> NotCsvFiles => new()
    {
        { "png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52], "PNG image" },
        { "zip", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00], "ZIP archive" },
        { "random", RandomBytes(4096), "binary data" },
        { "empty", [], "empty" },
        { "blank lines", Encoding.ASCII.GetBytes("\n\n  \n"), "blank lines" },
        { "foreign header", Encoding.ASCII.GetBytes("colour,size\nred,2\n"), "none of the expected columns" },
        { "missing name", Encoding.ASCII.GetBytes("external_id,code\nx,1\n"), "lacks the required column name" },
    };

    [Theory]
    [MemberData(nameof(NotCsvFiles))]
    public async Task NotALocationsFile_IsRejectedAndWritesNothing(string label, byte[] content, string expected)
    {
        var admin = await app.CreateAdminAsync();
        var before = await app.CountAllAsync();

        var response = await admin.PostCsvAsync("locations", content);

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.True(problem.Contains(expected, StringComparison.Ordinal), $"{label}: {problem}");
        Assert.Contains("external_id", problem, StringComparison.Ordinal);
        Assert.Equal(before, await app.CountAllAsync());
    }

    [Fact]
    public async Task UnknownKindOrFormat_IsRejected()
    {
        var admin = await app.CreateAdminAsync();

        var kind = await admin.PostCsvAsync("widgets", "external_id,name\n");
        var format = await admin.PostCsvAsync("locations", "external_id,name\n", "format=boston311");

        await kind.ShouldBeAsync(HttpStatusCode.BadRequest);
        await format.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.Contains("work-orders", await kind.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_RequiresAdministrator()
    {
        var dispatcher = await app.CreateUserAsync(Domain.People.Role.Dispatcher);

        var response = await dispatcher.PostCsvAsync("locations", "external_id,name\nx,y\n");

        await response.ShouldBeAsync(HttpStatusCode.Forbidden);
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(20240501).NextBytes(bytes);
        return bytes;
    }
}

public sealed class CsvImportSqliteTests(SqliteApp app) : CsvImportTests(app), IClassFixture<SqliteApp>;

public sealed class CsvImportPostgresTests(PostgresApp app) : CsvImportTests(app), IClassFixture<PostgresApp>;
