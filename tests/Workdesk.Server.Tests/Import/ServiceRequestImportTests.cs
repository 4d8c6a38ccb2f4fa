using System.Net;
using Microsoft.EntityFrameworkCore;
using Workdesk.Domain.Requests;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.WorkOrders;
using Workdesk.Server.Infrastructure;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests.Import;

/// <summary>The real Boston and New York City 311 files, imported as requests with work orders.</summary>
public abstract class ServiceRequestImportTests(WorkdeskApp app)
{
    private const string BostonFile = "boston311-100.csv";
    private const string NycFile = "nyc311-2022-05-01-night.csv";

    private static async Task<ReportBody> ImportFileAsync(TestUser admin, string fileName, string format)
    {
        var response = await admin.PostCsvAsync("requests", await File.ReadAllBytesAsync(SharedData.PathOf(fileName)), $"format={format}");
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return await response.ReadAsync<ReportBody>();
    }

    [Fact]
    public async Task Boston_EveryRowIsImported()
    {
        var admin = await app.CreateAdminAsync();

        var report = await ImportFileAsync(admin, BostonFile, "boston311");

        Assert.Equal(100, report.RowsRead);
        Assert.Empty(report.Rejections);
        Assert.Equal(100, await app.QueryAsync(db => db.WorkOrders.CountAsync(w => EF.Functions.Like(w.ExternalId!, "boston311:%"))));
        Assert.Equal(100, await app.QueryAsync(db => db.WorkRequests.CountAsync(r => EF.Functions.Like(r.ExternalId!, "boston311:%"))));
        Assert.Equal(85, await app.QueryAsync(db => db.WorkOrders.CountAsync(w => EF.Functions.Like(w.ExternalId!, "boston311:%") && w.Status == WorkOrderStatus.Closed)));
    }

    [Fact]
    public async Task Boston_ClosedCaseIsMapped()
    {
        var admin = await app.CreateAdminAsync();
        await ImportFileAsync(admin, BostonFile, "boston311");

        var workOrder = await app.QueryAsync(db => db.WorkOrders.SingleAsync(w => w.ExternalId == "boston311:101004130437"));
        var request = await app.QueryAsync(db => db.WorkRequests.SingleAsync(r => r.ExternalId == "boston311:101004130437"));
        var places = await PlaceNamesAsync(workOrder.LocationId);
        var history = await HistoryAsync(workOrder.Id);

        Assert.Equal("Needle Pickup", workOrder.Category);
        Assert.Equal("Needle Pickup", workOrder.Title);
        Assert.Equal(WorkOrderTypes.ServiceRequest, workOrder.Type);
        Assert.Equal(WorkOrderStatus.Closed, workOrder.Status);
        Assert.Equal(new DateTimeOffset(2022, 1, 19, 16, 18, 0, TimeSpan.Zero), workOrder.CreatedAt);
        Assert.Equal(new DateTimeOffset(2022, 1, 19, 16, 42, 16, TimeSpan.Zero), workOrder.ClosedAt);
        Assert.Equal(42.3634, workOrder.Latitude);
        Assert.Equal(-71.0566, workOrder.Longitude);
        Assert.Equal(["Boston", "Boston", "Cross St"], places);
        Assert.Equal(request.Id, workOrder.RequestId);
        Assert.Equal(workOrder.Id, request.WorkOrderId);
        Assert.Equal(WorkRequestStatus.Approved, request.Status);
        Assert.Equal(workOrder.CreatedAt, request.CreatedAt);
        Assert.Equal(["created", "status_changed"], history.Select(h => h.Action));
        Assert.Equal(workOrder.CreatedAt, history[0].At);
        Assert.Equal(workOrder.ClosedAt, history[1].At);
        Assert.Equal("closed", history[1].NewValue);
        // The test that imported the file first is the creator. An import through the API always sets one.
        Assert.NotNull(workOrder.CreatedById);
        Assert.All(history, h => Assert.Equal(workOrder.CreatedById, h.ActorId));
        Assert.Equal(workOrder.CreatedById, request.DecidedById);
    }

    [Fact]
    public async Task Boston_CaseWithoutAddress_FiledUnderCity()
    {
        var admin = await app.CreateAdminAsync();
        await ImportFileAsync(admin, BostonFile, "boston311");

        var workOrder = await app.QueryAsync(db => db.WorkOrders.SingleAsync(w => w.ExternalId == "boston311:101004143000"));
        var city = await app.QueryAsync(db => db.Locations.SingleAsync(l => l.ExternalId == "boston311:city:Boston"));

        Assert.Equal(WorkOrderStatus.Open, workOrder.Status);
        Assert.Null(workOrder.ClosedAt);
        Assert.Equal(city.Id, workOrder.LocationId);
        Assert.Equal("America/New_York", city.TimeZone);
    }

    [Fact]
    public async Task Boston_SecondImportChangesNothing()
    {
        var admin = await app.CreateAdminAsync();
        await ImportFileAsync(admin, BostonFile, "boston311");
        var before = await app.CountAllAsync();

        var second = await ImportFileAsync(admin, BostonFile, "boston311");

        Assert.Equal(100, second.Skipped);
        Assert.Equal(0, second.Imported);
        Assert.Equal(before, await app.CountAllAsync());
    }

    [Fact]
    public async Task Nyc_EveryRowIsImported()
    {
        var admin = await app.CreateAdminAsync();

        var report = await ImportFileAsync(admin, NycFile, "nyc311");

        Assert.Equal(924, report.RowsRead);
        Assert.Empty(report.Rejections);
        var statuses = await app.QueryAsync(db => db.WorkOrders
            .Where(w => EF.Functions.Like(w.ExternalId!, "nyc311:%"))
            .GroupBy(w => w.Status)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count));
        Assert.Equal(480, statuses[WorkOrderStatus.Closed]);
        Assert.Equal(440, statuses[WorkOrderStatus.InProgress]);
        Assert.Equal(4, statuses[WorkOrderStatus.Open]);
    }

    [Fact]
    public async Task Nyc_ClosedComplaintIsMapped()
    {
        var admin = await app.CreateAdminAsync();
        await ImportFileAsync(admin, NycFile, "nyc311");

        var workOrder = await app.QueryAsync(db => db.WorkOrders.SingleAsync(w => w.ExternalId == "nyc311:54046813"));
        var places = await PlaceNamesAsync(workOrder.LocationId);

        Assert.Equal("Noise - Street/Sidewalk: Loud Music/Party", workOrder.Title);
        Assert.Equal("Noise - Street/Sidewalk", workOrder.Category);
        Assert.Equal(WorkOrderStatus.Closed, workOrder.Status);
        Assert.Equal(new DateTimeOffset(2022, 5, 1, 4, 0, 9, TimeSpan.Zero), workOrder.CreatedAt);
        Assert.Equal(new DateTimeOffset(2022, 5, 1, 4, 7, 46, TimeSpan.Zero), workOrder.ClosedAt);
        Assert.Equal(["New York City", "Manhattan", "West 127 Street"], places);
        Assert.Contains("Resolution: The Police Department responded", workOrder.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nyc_InProgressAndStreetlessRowsAreMapped()
    {
        var admin = await app.CreateAdminAsync();
        await ImportFileAsync(admin, NycFile, "nyc311");

        var inProgress = await app.QueryAsync(db => db.WorkOrders.SingleAsync(w => w.ExternalId == "nyc311:54049402"));
        var bridge = await app.QueryAsync(db => db.WorkOrders.SingleAsync(w => w.ExternalId == "nyc311:54049277"));

        Assert.Equal(WorkOrderStatus.InProgress, inProgress.Status);
        Assert.Equal(inProgress.CreatedAt, inProgress.StartedAt);
        Assert.Equal(["New York City", "Bronx", "Gerard Avenue"], await PlaceNamesAsync(inProgress.LocationId));
        Assert.Equal(["New York City", "Manhattan"], await PlaceNamesAsync(bridge.LocationId));
        Assert.Null(bridge.Latitude);
    }

    [Fact]
    public async Task OpenBacklog_IsListedByTheApi()
    {
        var admin = await app.CreateAdminAsync();
        await ImportFileAsync(admin, BostonFile, "boston311");

        var response = await admin.Client.GetAsync("/api/v1/work-orders?status=open&q=General%20Comments&pageSize=200");

        await response.ShouldBeAsync(HttpStatusCode.OK);
        var page = await response.ReadAsync<ListPage<WorkOrderResponse>>();
        Assert.Contains(page.Items, w => w.ExternalId == "boston311:101004143000");
        Assert.All(page.Items, w => Assert.Equal(WorkOrderStatus.Open, w.Status));
    }

    /// <summary>Returns the names from the top of the tree down to the location.</summary>
    private async Task<List<string>> PlaceNamesAsync(long? locationId)
    {
        var path = await app.QueryAsync(db => db.Locations.Where(l => l.Id == locationId).Select(l => l.Path).SingleAsync());
        var ids = path.Trim('/').Split('/').Select(id => long.Parse(id, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var names = await app.QueryAsync(db => db.Locations.Where(l => ids.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Name));
        return [.. ids.Select(id => names[id])];
    }

    private Task<List<Activity>> HistoryAsync(long workOrderId) =>
        app.QueryAsync(db => db.Activities
            .Where(a => a.EntityType == Activity.WorkOrderEntity && a.EntityId == workOrderId)
            .OrderBy(a => a.Id)
            .ToListAsync());
}

public sealed class ServiceRequestImportSqliteTests(SqliteApp app) : ServiceRequestImportTests(app), IClassFixture<SqliteApp>;

public sealed class ServiceRequestImportPostgresTests(PostgresApp app) : ServiceRequestImportTests(app), IClassFixture<PostgresApp>;
