using System.Net;
using Workdesk.Server.Features.Alerts;
using Workdesk.Server.Infrastructure;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests;

public abstract class AlertTests(WorkdeskApp app)
{
    [Fact]
    public async Task RepeatedAlarm_UpdatesOneOpenWorkOrder()
    {
        var gateway = await app.CreateUserAsync(Domain.People.Role.Technician);
        var key = "ATM-" + Guid.NewGuid().ToString("N")[..6] + ":offline";

        var first = await gateway.Client.PostJsonAsync("/api/v1/alerts", new { source = "monitoring", key, title = "ATM offline" });
        var second = await gateway.Client.PostJsonAsync("/api/v1/alerts", new { source = "monitoring", key, title = "ATM offline" });
        var firstBody = await first.ReadAsync<AlertResponse>();
        var secondBody = await second.ReadAsync<AlertResponse>();

        await first.ShouldBeAsync(HttpStatusCode.Created);
        await second.ShouldBeAsync(HttpStatusCode.OK);
        Assert.True(firstBody.Created);
        Assert.False(secondBody.Created);
        Assert.Equal(firstBody.WorkOrder.Id, secondBody.WorkOrder.Id);
        Assert.Equal(2, secondBody.AlertCount);
        Assert.Equal("incident", firstBody.WorkOrder.Type);
    }

    [Fact]
    public async Task AlarmAfterClose_OpensNewWorkOrder()
    {
        var admin = await app.CreateAdminAsync();
        var key = "AHU-" + Guid.NewGuid().ToString("N")[..6] + ":high-temp";
        var first = await (await admin.Client.PostJsonAsync("/api/v1/alerts", new { source = "bms", key, title = "Supply air too warm" })).ReadAsync<AlertResponse>();
        await admin.Client.PostJsonAsync($"/api/v1/work-orders/{first.WorkOrder.Id}/status", new { status = "cancelled", reason = "Sensor fault" }, ifMatch: ETags.For(first.WorkOrder.Id, first.WorkOrder.Version));

        var again = await (await admin.Client.PostJsonAsync("/api/v1/alerts", new { source = "bms", key, title = "Supply air too warm" })).ReadAsync<AlertResponse>();

        Assert.True(again.Created);
        Assert.NotEqual(first.WorkOrder.Id, again.WorkOrder.Id);
    }

    [Fact]
    public async Task Alarm_WithoutKey_IsRejected()
    {
        var admin = await app.CreateAdminAsync();
        var requester = await app.CreateUserAsync(Domain.People.Role.Requester);

        var noKey = await admin.Client.PostJsonAsync("/api/v1/alerts", new { source = "bms", key = "", title = "Something" });
        var forbidden = await requester.Client.PostJsonAsync("/api/v1/alerts", new { source = "bms", key = "x", title = "Something" });

        await noKey.ShouldBeAsync(HttpStatusCode.BadRequest);
        await forbidden.ShouldBeAsync(HttpStatusCode.Forbidden);
    }
}

public sealed class AlertSqliteTests(SqliteApp app) : AlertTests(app), IClassFixture<SqliteApp>;

public sealed class AlertPostgresTests(PostgresApp app) : AlertTests(app), IClassFixture<PostgresApp>;
