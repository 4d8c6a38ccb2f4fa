using System.Net;
using System.Net.Http.Json;
using Workdesk.Domain.Approvals;
using Workdesk.Domain.People;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.Approvals;
using Workdesk.Server.Features.Notifications;
using Workdesk.Server.Features.Places;
using Workdesk.Server.Features.WorkOrders;
using Workdesk.Server.Infrastructure;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests;

/// <summary>
/// Approval rules and gates. Approval rules apply to every work order in the database, so each test
/// scopes its rules to a site of its own.
/// </summary>
public abstract class ApprovalTests(WorkdeskApp app)
{
    private sealed record Site(TestUser Admin, TestUser Manager, TestUser Technician, LocationResponse Campus, LocationResponse Room, string Tag);

    private async Task<Site> CreateSiteAsync()
    {
        var admin = await app.CreateAdminAsync();
        var manager = await app.CreateUserAsync(Role.Dispatcher);
        var technician = await app.CreateUserAsync(Role.Technician);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var response = await admin.Client.PostJsonAsync("/api/v1/locations", new { name = "Campus " + tag, managerId = manager.Id });
        await response.ShouldBeAsync(HttpStatusCode.Created);
        var campus = await response.ReadAsync<LocationResponse>();
        var building = await admin.LocationAsync("Building A", campus.Id);
        var room = await admin.LocationAsync("Room 12", building.Id);
        return new Site(admin, manager, technician, campus, room, tag);
    }

    private static async Task<ApprovalRuleResponse> RuleAsync(TestUser admin, object body)
    {
        var response = await admin.Client.PostJsonAsync("/api/v1/approval-rules", body);
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return await response.ReadAsync<ApprovalRuleResponse>();
    }

    private static async Task<HttpResponseMessage> MoveAsync(TestUser user, long id, object body)
    {
        var current = await user.Client.GetAsync($"/api/v1/work-orders/{id}");
        return await user.Client.PostJsonAsync($"/api/v1/work-orders/{id}/status", body, ifMatch: current.ETag());
    }

    private static async Task<List<WorkOrderApprovalResponse>> ApprovalsAsync(TestUser user, long id) =>
        await (await user.Client.GetAsync($"/api/v1/work-orders/{id}/approvals")).ReadAsync<List<WorkOrderApprovalResponse>>();

    private static Task<HttpResponseMessage> DecideAsync(TestUser user, long workOrderId, long approvalId, object body) =>
        user.Client.PostJsonAsync($"/api/v1/work-orders/{workOrderId}/approvals/{approvalId}/decision", body);

    private static async Task<List<MyApprovalResponse>> MineAsync(TestUser user) =>
        await (await user.Client.GetAsync("/api/v1/approvals/mine")).ReadAsync<List<MyApprovalResponse>>();

    private static async Task<List<NotificationDto>> ApprovalNoticesAsync(TestUser user, long workOrderId) =>
        [.. (await (await user.Client.GetAsync("/api/v1/notifications?pageSize=100")).ReadAsync<ListPage<NotificationDto>>()).Items
            .Where(n => n.EventType == NotificationEvents.ApprovalRequested && n.WorkOrderId == workOrderId)];

    [Fact]
    public async Task ApprovalRequested_NotifiesEachStepsApprovers()
    {
        var site = await CreateSiteAsync();
        var finance = await app.CreateUserAsync(Role.Dispatcher);
        var rule = await RuleAsync(site.Admin, new
        {
            name = "Two steps " + site.Tag, minEstimatedCost = 1000, currency = "EUR", locationId = site.Campus.Id,
            steps = new object[] { new { locationManager = true }, new { userId = finance.Id } },
        });
        var expensive = await site.Admin.WorkOrderAsync(new { title = "Replace roof", locationId = site.Room.Id, estimatedCost = 25000, estimatedCostCurrency = "EUR" });

        var managerNotices = await ApprovalNoticesAsync(site.Manager, expensive.Id);
        var financeBefore = await ApprovalNoticesAsync(finance, expensive.Id);
        var technicianNotices = await ApprovalNoticesAsync(site.Technician, expensive.Id);
        var financeMineBefore = await MineAsync(finance);
        var pending = Assert.Single(await ApprovalsAsync(site.Admin, expensive.Id));
        await (await DecideAsync(site.Manager, expensive.Id, pending.Id, new { approve = true })).ShouldBeAsync(HttpStatusCode.OK);
        var financeAfter = await ApprovalNoticesAsync(finance, expensive.Id);
        var managerAfter = await ApprovalNoticesAsync(site.Manager, expensive.Id);
        var financeMine = await MineAsync(finance);

        var notice = Assert.Single(managerNotices);
        Assert.Contains("Replace roof", notice.Title, StringComparison.Ordinal);
        Assert.Contains(rule.Name, notice.Body, StringComparison.Ordinal);
        Assert.Contains("step 1 of 2", notice.Body, StringComparison.Ordinal);
        Assert.Contains("25000 EUR", notice.Body, StringComparison.Ordinal);
        Assert.Empty(financeBefore);
        Assert.Empty(technicianNotices);
        Assert.DoesNotContain(financeMineBefore, a => a.Id == pending.Id);
        var second = Assert.Single(financeAfter);
        Assert.Contains("step 2 of 2", second.Body, StringComparison.Ordinal);
        Assert.Single(managerAfter);
        var listed = Assert.Single(financeMine, a => a.Id == pending.Id);
        Assert.Equal(1, listed.CurrentStep);
        Assert.Equal(finance.Id, listed.Step.UserId);
    }

    [Fact]
    public async Task ApprovalRequested_RespectsChannelOff()
    {
        var site = await CreateSiteAsync();
        var silenced = await site.Manager.Client.PutAsJsonAsync("/api/v1/notification-preferences",
            new { channels = new Dictionary<string, string> { [NotificationEvents.ApprovalRequested] = "off" } }, HttpExtensions.Json);
        await RuleAsync(site.Admin, new
        {
            name = "Silenced " + site.Tag, minEstimatedCost = 1000, currency = "EUR", locationId = site.Campus.Id,
            steps = new object[] { new { locationManager = true } },
        });
        var expensive = await site.Admin.WorkOrderAsync(new { title = "Replace lift", locationId = site.Room.Id, estimatedCost = 5000, estimatedCostCurrency = "EUR" });

        await silenced.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Empty(await ApprovalNoticesAsync(site.Manager, expensive.Id));
        Assert.Contains(await MineAsync(site.Manager), a => a.WorkOrderId == expensive.Id);
    }

    [Fact]
    public async Task CostOverLimit_NeedsSiteManager()
    {
        var site = await CreateSiteAsync();
        var rule = await RuleAsync(site.Admin, new
        {
            name = "Over 1000 " + site.Tag, minEstimatedCost = 1000, currency = "EUR", locationId = site.Campus.Id,
            steps = new object[] { new { locationManager = true } },
        });
        var expensive = await site.Admin.WorkOrderAsync(new { title = "Replace chiller", locationId = site.Room.Id, estimatedCost = 1500.50m, estimatedCostCurrency = "EUR" });

        var blocked = await MoveAsync(site.Technician, expensive.Id, new { status = "in_progress" });
        var pending = Assert.Single(await ApprovalsAsync(site.Technician, expensive.Id));
        var byTechnician = await DecideAsync(site.Technician, expensive.Id, pending.Id, new { approve = true });
        var mine = await MineAsync(site.Manager);
        var approved = await DecideAsync(site.Manager, expensive.Id, pending.Id, new { approve = true, reason = "Budget line 7" });
        var again = await DecideAsync(site.Manager, expensive.Id, pending.Id, new { approve = true });
        var started = await MoveAsync(site.Technician, expensive.Id, new { status = "in_progress" });

        Assert.Equal(1500.50m, expensive.EstimatedCost);
        await blocked.ShouldBeAsync(HttpStatusCode.Conflict);
        Assert.Contains(rule.Name, (await blocked.ReadObjectAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(ApprovalState.Pending, pending.State);
        Assert.Equal(rule.Id, pending.RuleId);
        await byTechnician.ShouldBeAsync(HttpStatusCode.Forbidden);
        var listed = Assert.Single(mine, a => a.Id == pending.Id);
        Assert.Equal(expensive.Id, listed.WorkOrderId);
        Assert.Equal("Replace chiller", listed.WorkOrderTitle);
        Assert.Equal(1500.50m, listed.EstimatedCost);
        Assert.Equal("EUR", listed.EstimatedCostCurrency);
        Assert.Equal(rule.Name, listed.RuleName);
        Assert.Equal(0, listed.CurrentStep);
        Assert.Equal(1, listed.StepCount);
        Assert.True(listed.Step.LocationManager);
        await approved.ShouldBeAsync(HttpStatusCode.OK);
        var decided = await approved.ReadAsync<WorkOrderApprovalResponse>();
        Assert.Equal(ApprovalState.Approved, decided.State);
        var decision = Assert.Single(decided.Decisions);
        Assert.Equal(site.Manager.Id, decision.DecidedById);
        Assert.Equal("Budget line 7", decision.Reason);
        await again.ShouldBeAsync(HttpStatusCode.Conflict);
        await started.ShouldBeAsync(HttpStatusCode.OK);
        var history = await (await site.Admin.Client.GetAsync($"/api/v1/work-orders/{expensive.Id}/history")).ReadAsync<List<ActivityResponse>>();
        Assert.Contains(history, h => h.Action == "approval_requested" && h.NewValue == rule.Name);
        Assert.Contains(history, h => h.Action == "approval_granted" && h.NewValue == "Budget line 7");
    }

    [Fact]
    public async Task CostUnderLimitOrElsewhere_IsNotGated()
    {
        var site = await CreateSiteAsync();
        var other = await site.Admin.LocationAsync("Elsewhere " + site.Tag);
        await RuleAsync(site.Admin, new
        {
            name = "Over 1000 " + site.Tag, minEstimatedCost = 1000, currency = "EUR", locationId = site.Campus.Id,
            steps = new object[] { new { locationManager = true } },
        });
        var cheap = await site.Admin.WorkOrderAsync(new { title = "Replace fuse", locationId = site.Room.Id, estimatedCost = 20, estimatedCostCurrency = "EUR" });
        var outside = await site.Admin.WorkOrderAsync(new { title = "Replace boiler", locationId = other.Id, estimatedCost = 9000, estimatedCostCurrency = "EUR" });

        var cheapStart = await MoveAsync(site.Technician, cheap.Id, new { status = "in_progress" });
        var outsideStart = await MoveAsync(site.Technician, outside.Id, new { status = "in_progress" });

        await cheapStart.ShouldBeAsync(HttpStatusCode.OK);
        await outsideStart.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Empty(await ApprovalsAsync(site.Admin, cheap.Id));
    }

    [Fact]
    public async Task Patch_RaisingCostOpensApproval()
    {
        var site = await CreateSiteAsync();
        await RuleAsync(site.Admin, new
        {
            name = "Over 500 " + site.Tag, minEstimatedCost = 500, currency = "USD", locationId = site.Campus.Id,
            steps = new object[] { new { role = "dispatcher" } },
        });
        var created = await site.Admin.Client.PostJsonAsync("/api/v1/work-orders", new { title = "Repaint hall", locationId = site.Room.Id });
        var id = (await created.ReadAsync<WorkOrderResponse>()).Id;

        var badCurrency = await site.Admin.Client.PatchJsonAsync($"/api/v1/work-orders/{id}", """{"estimatedCost":800,"estimatedCostCurrency":"usd"}""", created.ETag());
        var patched = await site.Admin.Client.PatchJsonAsync($"/api/v1/work-orders/{id}", """{"estimatedCost":800,"estimatedCostCurrency":"USD"}""", created.ETag());

        await badCurrency.ShouldBeAsync(HttpStatusCode.BadRequest);
        await patched.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(800m, (await patched.ReadAsync<WorkOrderResponse>()).EstimatedCost);
        Assert.Equal(ApprovalState.Pending, Assert.Single(await ApprovalsAsync(site.Admin, id)).State);
    }

    [Fact]
    public async Task SafetyIncident_TwoStepsAndRejection()
    {
        var site = await CreateSiteAsync();
        var safetyOfficer = await app.CreateUserAsync(Role.Technician);
        await RuleAsync(site.Admin, new
        {
            name = "Safety incidents " + site.Tag, workOrderType = "incident", locationId = site.Campus.Id, gateStatus = "completed",
            steps = new object[] { new { role = "dispatcher" }, new { userId = safetyOfficer.Id } },
        });
        var incident = await site.Admin.WorkOrderAsync(new { title = "Slip on wet floor", type = "incident", locationId = site.Room.Id });
        await (await MoveAsync(site.Technician, incident.Id, new { status = "in_progress" })).ShouldBeAsync(HttpStatusCode.OK);
        var approvalId = Assert.Single(await ApprovalsAsync(site.Admin, incident.Id)).Id;

        var officerTooEarly = await DecideAsync(safetyOfficer, incident.Id, approvalId, new { approve = true });
        var first = await DecideAsync(site.Manager, incident.Id, approvalId, new { approve = true });
        var stillBlocked = await MoveAsync(site.Technician, incident.Id, new { status = "completed" });
        var noReason = await DecideAsync(safetyOfficer, incident.Id, approvalId, new { approve = false });
        var rejected = await DecideAsync(safetyOfficer, incident.Id, approvalId, new { approve = false, reason = "Root cause not recorded" });
        var afterRejection = await MoveAsync(site.Technician, incident.Id, new { status = "completed" });
        var cancel = await MoveAsync(site.Manager, incident.Id, new { status = "cancelled", reason = "Logged twice" });

        await officerTooEarly.ShouldBeAsync(HttpStatusCode.Forbidden);
        await first.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(1, (await first.ReadAsync<WorkOrderApprovalResponse>()).CurrentStep);
        await stillBlocked.ShouldBeAsync(HttpStatusCode.Conflict);
        Assert.Contains("step 2 of 2", (await stillBlocked.ReadObjectAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await noReason.ShouldBeAsync(HttpStatusCode.BadRequest);
        await rejected.ShouldBeAsync(HttpStatusCode.OK);
        var final = await rejected.ReadAsync<WorkOrderApprovalResponse>();
        Assert.Equal(ApprovalState.Rejected, final.State);
        Assert.Equal("Root cause not recorded", final.Decisions[^1].Reason);
        await afterRejection.ShouldBeAsync(HttpStatusCode.Conflict);
        Assert.Contains("was rejected", (await afterRejection.ReadObjectAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await cancel.ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Rule_BadInputIsRejected()
    {
        var site = await CreateSiteAsync();
        object[] bodies =
        [
            new { name = "No steps " + site.Tag, steps = Array.Empty<object>() },
            new { name = "Two approvers " + site.Tag, steps = new object[] { new { role = "dispatcher", userId = site.Manager.Id } } },
            new { name = "No approver " + site.Tag, steps = new object[] { new { } } },
            new { name = "Cost no currency " + site.Tag, minEstimatedCost = 10, steps = new object[] { new { role = "dispatcher" } } },
            new { name = "Gate open " + site.Tag, gateStatus = "open", steps = new object[] { new { role = "dispatcher" } } },
            new { name = "Ghost user " + site.Tag, steps = new object[] { new { userId = 99_999_999 } } },
            new { name = "Ghost type " + site.Tag, workOrderType = "nope", steps = new object[] { new { role = "dispatcher" } } },
            new { name = " ", steps = new object[] { new { role = "dispatcher" } } },
        ];

        foreach (var body in bodies)
        {
            var response = await site.Admin.Client.PostJsonAsync("/api/v1/approval-rules", body);
            await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        }

        var byDispatcher = await site.Manager.Client.PostJsonAsync("/api/v1/approval-rules", new { name = "Mine " + site.Tag, steps = new object[] { new { role = "dispatcher" } } });
        await byDispatcher.ShouldBeAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task WorkOrder_CostWithoutCurrencyIsRejected()
    {
        var admin = await app.CreateAdminAsync();

        var response = await admin.Client.PostJsonAsync("/api/v1/work-orders", new { title = "Quote needed", estimatedCost = 100 });
        var negative = await admin.Client.PostJsonAsync("/api/v1/work-orders", new { title = "Quote needed", estimatedCost = -1, estimatedCostCurrency = "EUR" });

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.True((await response.ReadObjectAsync())["errors"]!.AsObject().ContainsKey("estimatedCostCurrency"));
        await negative.ShouldBeAsync(HttpStatusCode.BadRequest);
    }
}

public sealed class ApprovalSqliteTests(SqliteApp app) : ApprovalTests(app), IClassFixture<SqliteApp>;

public sealed class ApprovalPostgresTests(PostgresApp app) : ApprovalTests(app), IClassFixture<PostgresApp>;
