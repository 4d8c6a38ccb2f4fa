using System.Net;
using Workdesk.Domain.People;
using Workdesk.Domain.Requests;
using Workdesk.Server.Features.Requests;
using Workdesk.Server.Features.WorkOrders;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests;

public abstract class RequestApiTests(WorkdeskApp app)
{
    private async Task<(TestUser Admin, TestUser Requester, WorkRequestResponse Request)> SubmitAsync(string title = "Water on the floor")
    {
        var admin = await app.CreateAdminAsync();
        var requester = await app.CreateUserAsync(Role.Requester);
        var response = await requester.Client.PostJsonAsync("/api/v1/requests", new { title, description = "Near the lifts", contactEmail = "pat@example.test" });
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return (admin, requester, await response.ReadAsync<WorkRequestResponse>());
    }

    [Fact]
    public async Task Approve_CreatesWorkOrderLinkedToRequest()
    {
        var (admin, requester, request) = await SubmitAsync();
        var technician = await app.CreateUserAsync(Role.Technician);

        var response = await admin.Client.PostJsonAsync($"/api/v1/requests/{request.Id}/approve", new
        {
            type = "corrective", priority = "urgent", assigneeUserIds = new[] { technician.Id }, dueAt = "2027-03-01T10:00:00Z",
        });

        await response.ShouldBeAsync(HttpStatusCode.OK);
        var body = await response.ReadAsync<ApproveResponse>();
        var workOrder = body.WorkOrders.Single();
        Assert.Equal(WorkRequestStatus.Approved, body.Request.Status);
        Assert.Equal(workOrder.Id, body.Request.WorkOrderId);
        Assert.Equal(request.Id, workOrder.RequestId);
        Assert.Equal(requester.Id, workOrder.RequesterId);
        Assert.Equal("Near the lifts", workOrder.Description);
        Assert.Equal(Domain.WorkOrders.WorkOrderStatus.Assigned, workOrder.Status);
        Assert.Equal([technician.Id], workOrder.AssigneeUserIds);
    }

    [Fact]
    public async Task Approve_IntoSeveralWorkOrders()
    {
        var (admin, _, request) = await SubmitAsync("Flooded basement");

        var response = await admin.Client.PostJsonAsync($"/api/v1/requests/{request.Id}/approve", new
        {
            workOrders = new object[] { new { title = "Pump out water" }, new { title = "Dry and inspect walls", type = "inspection" } },
        });

        await response.ShouldBeAsync(HttpStatusCode.OK);
        var body = await response.ReadAsync<ApproveResponse>();
        Assert.Equal(["Pump out water", "Dry and inspect walls"], body.WorkOrders.Select(w => w.Title));
    }

    [Fact]
    public async Task Approve_InvalidSecondWorkOrder_CreatesNone()
    {
        var (admin, _, request) = await SubmitAsync("Broken window");
        var tag = SearchTag.New('r');

        var response = await admin.Client.PostJsonAsync($"/api/v1/requests/{request.Id}/approve", new
        {
            workOrders = new object[] { new { title = "Board up " + tag }, new { title = "Glaze", assigneeUserIds = new[] { 9_999_999 } } },
        });
        var found = await (await admin.Client.GetAsync($"/api/v1/work-orders?q={tag}")).ReadAsync<Infrastructure.ListPage<WorkOrderResponse>>();
        var after = await (await admin.Client.GetAsync($"/api/v1/requests/{request.Id}")).ReadAsync<WorkRequestResponse>();

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.Equal(0, found.TotalCount);
        Assert.Equal(WorkRequestStatus.New, after.Status);
    }

    [Fact]
    public async Task Merge_LinksRequestToOpenWorkOrder()
    {
        var (admin, _, request) = await SubmitAsync("Lift stuck again");
        var existing = await admin.WorkOrderAsync(new { title = "Lift repair" });

        var response = await admin.Client.PostJsonAsync($"/api/v1/requests/{request.Id}/merge", new { workOrderId = existing.Id });
        var history = await (await admin.Client.GetAsync($"/api/v1/work-orders/{existing.Id}/history")).ReadAsync<List<ActivityResponse>>();

        await response.ShouldBeAsync(HttpStatusCode.OK);
        var merged = await response.ReadAsync<WorkRequestResponse>();
        Assert.Equal(WorkRequestStatus.Merged, merged.Status);
        Assert.Equal(existing.Id, merged.WorkOrderId);
        Assert.Contains(history, h => h.Action == "request_merged" && h.NewValue == request.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Decline_ShowsReasonToRequester()
    {
        var (admin, requester, request) = await SubmitAsync("Make the office warmer");

        var response = await admin.Client.PostJsonAsync($"/api/v1/requests/{request.Id}/decline", new { reason = "Heating is set centrally." });
        var seen = await (await requester.Client.GetAsync($"/api/v1/requests/{request.Id}")).ReadAsync<WorkRequestResponse>();

        await response.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(WorkRequestStatus.Declined, seen.Status);
        Assert.Equal("Heating is set centrally.", seen.DeclineReason);
    }

    [Fact]
    public async Task Decline_WithoutReason_IsRejected()
    {
        var (admin, _, request) = await SubmitAsync();

        var response = await admin.Client.PostJsonAsync($"/api/v1/requests/{request.Id}/decline", new { reason = "" });

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task DecidedRequest_CannotBeDecidedAgain()
    {
        var (admin, _, request) = await SubmitAsync();
        await admin.Client.PostJsonAsync($"/api/v1/requests/{request.Id}/decline", new { reason = "Duplicate" });

        var response = await admin.Client.PostJsonAsync($"/api/v1/requests/{request.Id}/approve", new { });

        await response.ShouldBeAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Submit_InvalidEmail_NamesField()
    {
        var requester = await app.CreateUserAsync(Role.Requester);

        var response = await requester.Client.PostJsonAsync("/api/v1/requests", new { title = "Draught", contactEmail = "not-an-email" });

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.True((await response.ReadObjectAsync())["errors"]!.AsObject().ContainsKey("contactEmail"));
    }

    [Fact]
    public async Task History_RecordsDecision()
    {
        var (admin, _, request) = await SubmitAsync();
        await admin.Client.PostJsonAsync($"/api/v1/requests/{request.Id}/decline", new { reason = "Out of scope" });

        var history = await (await admin.Client.GetAsync($"/api/v1/requests/{request.Id}/history")).ReadAsync<List<ActivityResponse>>();

        Assert.Equal(["created", "status_changed", "declined"], history.Select(h => h.Action));
        Assert.Equal("declined", history[1].NewValue);
        Assert.Equal(admin.Id, history[1].ActorId);
    }
}

public sealed class RequestApiSqliteTests(SqliteApp app) : RequestApiTests(app), IClassFixture<SqliteApp>;

public sealed class RequestApiPostgresTests(PostgresApp app) : RequestApiTests(app), IClassFixture<PostgresApp>;
