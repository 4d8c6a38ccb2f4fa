using System.Net;
using Workdesk.Domain.People;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.Admin;
using Workdesk.Server.Features.WorkOrders;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests;

public abstract class ViewsAndBulkTests(WorkdeskApp app)
{
    [Fact]
    public async Task SavedViews_BelongToTheirOwner()
    {
        var alice = await app.CreateUserAsync(Role.Dispatcher);
        var bob = await app.CreateUserAsync(Role.Dispatcher);

        var created = await alice.Client.PostJsonAsync("/api/v1/me/views", new { name = "Urgent open", query = "?status=open&priority=urgent" });
        var duplicate = await alice.Client.PostJsonAsync("/api/v1/me/views", new { name = "Urgent open", query = "status=open" });
        var view = await created.ReadAsync<SavedViewResponse>();
        var bobDeletes = await bob.Client.DeleteAsync($"/api/v1/me/views/{view.Id}");
        var aliceViews = await (await alice.Client.GetAsync("/api/v1/me/views")).ReadAsync<List<SavedViewResponse>>();
        var bobViews = await (await bob.Client.GetAsync("/api/v1/me/views")).ReadAsync<List<SavedViewResponse>>();

        await created.ShouldBeAsync(HttpStatusCode.Created);
        Assert.Equal("status=open&priority=urgent", view.Query);
        await duplicate.ShouldBeAsync(HttpStatusCode.Conflict);
        await bobDeletes.ShouldBeAsync(HttpStatusCode.NotFound);
        Assert.Equal([view.Id], aliceViews.Select(v => v.Id));
        Assert.Empty(bobViews);
    }

    [Fact]
    public async Task Bulk_AssignsAndStartsEach_ReportingFailures()
    {
        var admin = await app.CreateAdminAsync();
        var technician = await app.CreateUserAsync(Role.Technician);
        var first = await admin.WorkOrderAsync(new { title = "Bulk one" });
        var second = await admin.WorkOrderAsync(new { title = "Bulk two" });
        var done = await admin.WorkOrderAsync(new { title = "Bulk cancelled" });
        await admin.Client.PostJsonAsync($"/api/v1/work-orders/{done.Id}/status", new { status = "cancelled", reason = "Duplicate" }, ifMatch: Infrastructure.ETags.For(done.Id, done.Version));

        var response = await admin.Client.PostJsonAsync("/api/v1/work-orders/bulk", new
        {
            ids = new[] { first.Id, second.Id, done.Id, 99_999_999L },
            assigneeUserIds = new[] { technician.Id },
            status = "in_progress",
        });
        var body = await response.ReadAsync<BulkChangeResponse>();
        var firstNow = await (await admin.Client.GetAsync($"/api/v1/work-orders/{first.Id}")).ReadAsync<WorkOrderResponse>();
        var doneNow = await (await admin.Client.GetAsync($"/api/v1/work-orders/{done.Id}")).ReadAsync<WorkOrderResponse>();

        await response.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal([true, true, false, false], body.Results.Select(r => r.Ok));
        Assert.Equal(WorkOrderStatus.InProgress, firstNow.Status);
        Assert.Equal([technician.Id], firstNow.AssigneeUserIds);
        Assert.Equal(WorkOrderStatus.Cancelled, doneNow.Status);
        Assert.Empty(doneNow.AssigneeUserIds);
    }

    [Fact]
    public async Task Bulk_TechnicianIsForbidden()
    {
        var technician = await app.CreateUserAsync(Role.Technician);

        var response = await technician.Client.PostJsonAsync("/api/v1/work-orders/bulk", new { ids = new[] { 1 }, status = "in_progress" });

        await response.ShouldBeAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task System_ShowsWhereDataLives()
    {
        var admin = await app.CreateAdminAsync();
        var dispatcher = await app.CreateUserAsync(Role.Dispatcher);

        var system = await (await admin.Client.GetAsync("/api/v1/system")).ReadAsync<SystemResponse>();
        var forbidden = await dispatcher.Client.GetAsync("/api/v1/system");

        Assert.Equal(app.Provider, system.Provider);
        Assert.Equal(app.DataDirectory, system.DataDirectory);
        Assert.DoesNotContain("Password=", system.Database, StringComparison.OrdinalIgnoreCase);
        await forbidden.ShouldBeAsync(HttpStatusCode.Forbidden);
    }
}

public sealed class ViewsAndBulkSqliteTests(SqliteApp app) : ViewsAndBulkTests(app), IClassFixture<SqliteApp>;

public sealed class ViewsAndBulkPostgresTests(PostgresApp app) : ViewsAndBulkTests(app), IClassFixture<PostgresApp>;
