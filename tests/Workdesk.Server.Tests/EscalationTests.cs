using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Workdesk.Data;
using Workdesk.Domain.People;
using Workdesk.Domain.ServiceLevels;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.Notifications;
using Workdesk.Server.Features.People;
using Workdesk.Server.Features.ServiceLevels;
using Workdesk.Server.Features.WorkOrders;
using Workdesk.Server.Infrastructure;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests;

public abstract class EscalationTests(WorkdeskApp app)
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static readonly Dictionary<string, string[]> OfficeHours = new()
    {
        ["Monday"] = ["08:00-18:00"], ["Tuesday"] = ["08:00-18:00"], ["Wednesday"] = ["08:00-18:00"],
        ["Thursday"] = ["08:00-18:00"], ["Friday"] = ["08:00-18:00"],
    };

    private sealed record Setup(TestUser Admin, TestUser Technician, SlaPolicyDto Policy, BusinessCalendar Engine, string Category);

    /// <summary>Creates an office-hours calendar in New York and a policy (resolution in 4 business hours, first response in 1) for a category of its own.</summary>
    private async Task<Setup> CreatePolicyAsync()
    {
        var admin = await app.CreateAdminAsync();
        var technician = await app.CreateUserAsync(Role.Technician);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var calendarResponse = await admin.Client.PostJsonAsync("/api/v1/calendars", new { name = "Office " + tag, timeZone = "America/New_York", hours = OfficeHours });
        await calendarResponse.ShouldBeAsync(HttpStatusCode.Created);
        var calendar = await calendarResponse.ReadAsync<CalendarDto>();
        var policyResponse = await admin.Client.PostJsonAsync("/api/v1/sla-policies", new
        {
            name = "Escalated " + tag, rank = 1, category = tag, resolutionMinutes = 240, responseMinutes = 60, atRiskMinutes = 0, calendarId = calendar.Id,
        });
        await policyResponse.ShouldBeAsync(HttpStatusCode.Created);
        var engine = new BusinessCalendar(
            NewYork,
            OfficeHours.ToDictionary(d => Enum.Parse<DayOfWeek>(d.Key), d => (IReadOnlyList<WorkingPeriod>)[.. d.Value.Select(p => WorkingPeriod.Parse(p).Value)]));
        return new Setup(admin, technician, await policyResponse.ReadAsync<SlaPolicyDto>(), engine, tag);
    }

    private static async Task<EscalationRuleDto> CreateRuleAsync(TestUser admin, object body)
    {
        var response = await admin.Client.PostJsonAsync("/api/v1/escalation-rules", body);
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return await response.ReadAsync<EscalationRuleDto>();
    }

    private Task<int> RunJobAsync(DateTimeOffset now) =>
        new EscalationJob(app.Services.GetRequiredService<IServiceScopeFactory>(), new FixedClock(now), NullLogger<EscalationJob>.Instance)
            .EscalateAsync(CancellationToken.None);

    private async Task SetDueTimesAsync(long workOrderId, DateTimeOffset createdAt, DateTimeOffset? resolutionDueAt, DateTimeOffset? responseDueAt = null)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();
        await db.WorkOrders.Where(w => w.Id == workOrderId).ExecuteUpdateAsync(s => s
            .SetProperty(w => w.CreatedAt, createdAt.ToUniversalTime())
            .SetProperty(w => w.ResolutionDueAt, resolutionDueAt?.ToUniversalTime())
            .SetProperty(w => w.ResponseDueAt, responseDueAt?.ToUniversalTime()));
    }

    private async Task<int> CountFiringsAsync(long ruleId, long workOrderId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();
        return await db.EscalationFirings.CountAsync(f => f.RuleId == ruleId && f.WorkOrderId == workOrderId);
    }

    private static async Task<List<NotificationDto>> NotificationsOfAsync(TestUser user, long workOrderId)
    {
        var page = await (await user.Client.GetAsync("/api/v1/notifications?pageSize=200")).ReadAsync<ListPage<NotificationDto>>();
        return [.. page.Items.Where(n => n.WorkOrderId == workOrderId)];
    }

    private static DateTimeOffset Local(int year, int month, int day, int hour, int minute = 0)
    {
        var local = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, NewYork.GetUtcOffset(local));
    }

    [Fact]
    public async Task Warning_FiresOneBusinessHourBefore()
    {
        var setup = await CreatePolicyAsync();
        var rule = await CreateRuleAsync(setup.Admin, new
        {
            name = "Warn " + setup.Category, target = "resolution", minutesBefore = 60, policyId = setup.Policy.Id, notifyUserIds = new[] { setup.Technician.Id },
        });
        var workOrder = await setup.Admin.WorkOrderAsync(new { title = "Chiller alarm", category = setup.Category });
        var createdMonday = Local(2030, 3, 4, 17);
        var due = setup.Engine.Add(createdMonday, TimeSpan.FromHours(4));
        await SetDueTimesAsync(workOrder.Id, createdMonday, due);

        await RunJobAsync(Local(2030, 3, 5, 0));
        var firingsAtMidnight = await CountFiringsAsync(rule.Id, workOrder.Id);
        await RunJobAsync(Local(2030, 3, 5, 9, 59));
        var firingsAt0959 = await CountFiringsAsync(rule.Id, workOrder.Id);
        await RunJobAsync(Local(2030, 3, 5, 10));
        var firingsAt1000 = await CountFiringsAsync(rule.Id, workOrder.Id);
        await RunJobAsync(Local(2030, 3, 5, 10, 30));
        var firingsAt1030 = await CountFiringsAsync(rule.Id, workOrder.Id);
        var notifications = await NotificationsOfAsync(setup.Technician, workOrder.Id);

        Assert.Equal(Local(2030, 3, 5, 11), due);
        Assert.Equal(0, firingsAtMidnight);
        Assert.Equal(0, firingsAt0959);
        Assert.Equal(1, firingsAt1000);
        Assert.Equal(1, firingsAt1030);
        var notification = Assert.Single(notifications);
        Assert.Equal(NotificationEvents.SlaAtRisk, notification.EventType);
        Assert.Null(notification.ReadAt);
    }

    [Fact]
    public async Task Warning_QueuesAtRiskWebhook()
    {
        var setup = await CreatePolicyAsync();
        var subscribed = await setup.Admin.Client.PostJsonAsync("/api/v1/webhooks", new
        {
            name = "Risk " + setup.Category, url = "http://127.0.0.1:9/hook", eventTypes = new[] { "sla.at_risk" },
        });
        await subscribed.ShouldBeAsync(HttpStatusCode.Created);
        var subscriptionId = (long)(await subscribed.ReadObjectAsync())["id"]!;
        await CreateRuleAsync(setup.Admin, new { name = "Hook " + setup.Category, minutesBefore = 30, policyId = setup.Policy.Id, notifyAssignees = true });
        var workOrder = await setup.Admin.WorkOrderAsync(new { title = "Door jammed", category = setup.Category });
        await SetDueTimesAsync(workOrder.Id, Local(2030, 3, 4, 9), Local(2030, 3, 4, 13));

        await RunJobAsync(Local(2030, 3, 4, 12, 45));
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();
        var deliveries = (await db.WebhookDeliveries.Where(d => d.SubscriptionId == subscriptionId).ToListAsync())
            .Where(d => d.Payload.Contains($"\"workOrderId\":{workOrder.Id},", StringComparison.Ordinal))
            .ToList();

        var delivery = Assert.Single(deliveries);
        Assert.Equal("sla.at_risk", delivery.EventType);
        Assert.Contains("\"target\":\"resolution\"", delivery.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Breach_ReassignsAndRaisesPriority()
    {
        var setup = await CreatePolicyAsync();
        var teamResponse = await setup.Admin.Client.PostJsonAsync("/api/v1/teams", new { name = "Night shift " + setup.Category, memberUserIds = new[] { setup.Technician.Id } });
        await teamResponse.ShouldBeAsync(HttpStatusCode.Created);
        var team = await teamResponse.ReadAsync<TeamResponse>();
        await CreateRuleAsync(setup.Admin, new
        {
            name = "Breach " + setup.Category, minutesBefore = 0, policyId = setup.Policy.Id, reassignTeamId = team.Id, raisePriorityTo = "urgent", notifyAssignees = true,
        });
        var workOrder = await setup.Admin.WorkOrderAsync(new { title = "Leaking valve", priority = "medium", category = setup.Category });
        var now = DateTimeOffset.UtcNow;
        await SetDueTimesAsync(workOrder.Id, now.AddDays(-2), now.AddHours(-1));

        await RunJobAsync(now);
        var escalated = await (await setup.Admin.Client.GetAsync($"/api/v1/work-orders/{workOrder.Id}")).ReadAsync<WorkOrderResponse>();
        var history = await (await setup.Admin.Client.GetAsync($"/api/v1/work-orders/{workOrder.Id}/history")).ReadAsync<List<ActivityResponse>>();
        var notifications = await NotificationsOfAsync(setup.Technician, workOrder.Id);

        Assert.Equal(Priority.Urgent, escalated.Priority);
        Assert.Equal([team.Id], escalated.AssigneeTeamIds);
        Assert.Equal(WorkOrderStatus.Assigned, escalated.Status);
        Assert.Single(history, h => h.Action == "escalated" && h.NewValue == "Breach " + setup.Category);
        Assert.Contains(history, h => h.Field == "priority" && h.NewValue == "urgent");
        Assert.Equal(NotificationEvents.SlaBreached, Assert.Single(notifications).EventType);
    }

    [Fact]
    public async Task ConcurrentRuns_FireOnce()
    {
        var setup = await CreatePolicyAsync();
        var rule = await CreateRuleAsync(setup.Admin, new { name = "Race " + setup.Category, minutesBefore = 0, policyId = setup.Policy.Id, notifyUserIds = new[] { setup.Technician.Id } });
        var workOrders = new List<WorkOrderResponse>();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 5; i++)
        {
            var workOrder = await setup.Admin.WorkOrderAsync(new { title = $"Overdue {i}", category = setup.Category });
            await SetDueTimesAsync(workOrder.Id, now.AddDays(-2), now.AddMinutes(-5 - i));
            workOrders.Add(workOrder);
        }

        await Task.WhenAll(RunJobAsync(now), RunJobAsync(now), RunJobAsync(now));
        var firings = new List<int>();
        var notifications = new List<int>();
        foreach (var workOrder in workOrders)
        {
            firings.Add(await CountFiringsAsync(rule.Id, workOrder.Id));
            notifications.Add((await NotificationsOfAsync(setup.Technician, workOrder.Id)).Count);
        }

        Assert.All(firings, count => Assert.Equal(1, count));
        Assert.All(notifications, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task Firing_SecondInsert_IsRejected()
    {
        var setup = await CreatePolicyAsync();
        var rule = await CreateRuleAsync(setup.Admin, new { name = "Unique " + setup.Category, policyId = setup.Policy.Id, notifyAssignees = true });
        var workOrder = await setup.Admin.WorkOrderAsync(new { title = "Claimed", category = setup.Category });
        var now = DateTimeOffset.UtcNow;
        using var first = app.Services.CreateScope();
        using var second = app.Services.CreateScope();
        var firstDb = first.ServiceProvider.GetRequiredService<WorkdeskDbContext>();
        var secondDb = second.ServiceProvider.GetRequiredService<WorkdeskDbContext>();

        firstDb.EscalationFirings.Add(new EscalationFiring { RuleId = rule.Id, WorkOrderId = workOrder.Id, DueAt = now, FiredAt = now });
        await firstDb.SaveChangesAsync();
        secondDb.EscalationFirings.Add(new EscalationFiring { RuleId = rule.Id, WorkOrderId = workOrder.Id, DueAt = now, FiredAt = now });

        await Assert.ThrowsAsync<DbUpdateException>(() => secondDb.SaveChangesAsync());
        Assert.Equal(1, await CountFiringsAsync(rule.Id, workOrder.Id));
    }

    [Fact]
    public async Task Paused_DoesNotFire()
    {
        var setup = await CreatePolicyAsync();
        var rule = await CreateRuleAsync(setup.Admin, new { name = "Paused " + setup.Category, minutesBefore = 0, policyId = setup.Policy.Id, notifyUserIds = new[] { setup.Technician.Id } });
        var workOrder = await setup.Admin.WorkOrderAsync(new { title = "Waiting for parts", category = setup.Category });
        var started = await setup.Admin.Client.PostJsonAsync($"/api/v1/work-orders/{workOrder.Id}/status", new { status = "in_progress" }, ifMatch: ETags.For(workOrder.Id, workOrder.Version));
        var held = await setup.Admin.Client.PostJsonAsync($"/api/v1/work-orders/{workOrder.Id}/status", new { status = "on_hold", reason = "Parts ordered" }, ifMatch: started.ETag());
        await held.ShouldBeAsync(HttpStatusCode.OK);
        var now = DateTimeOffset.UtcNow;
        await SetDueTimesAsync(workOrder.Id, now.AddDays(-2), now.AddHours(-1));

        await RunJobAsync(now);

        Assert.Equal(0, await CountFiringsAsync(rule.Id, workOrder.Id));
    }

    [Fact]
    public async Task FirstResponse_StopsOnceAnswered()
    {
        var setup = await CreatePolicyAsync();
        var rule = await CreateRuleAsync(setup.Admin, new
        {
            name = "Respond " + setup.Category, target = "first_response", minutesBefore = 0, policyId = setup.Policy.Id, notifyUserIds = new[] { setup.Technician.Id },
        });
        var waiting = await setup.Admin.WorkOrderAsync(new { title = "No answer yet", category = setup.Category });
        var answered = await setup.Admin.WorkOrderAsync(new { title = "Answered", category = setup.Category });
        var started = await setup.Admin.Client.PostJsonAsync($"/api/v1/work-orders/{answered.Id}/status", new { status = "in_progress" }, ifMatch: ETags.For(answered.Id, answered.Version));
        await started.ShouldBeAsync(HttpStatusCode.OK);
        var now = DateTimeOffset.UtcNow;
        await SetDueTimesAsync(waiting.Id, now.AddDays(-2), now.AddDays(1), now.AddHours(-1));
        await SetDueTimesAsync(answered.Id, now.AddDays(-2), now.AddDays(1), now.AddHours(-1));

        await RunJobAsync(now);

        Assert.Equal(1, await CountFiringsAsync(rule.Id, waiting.Id));
        Assert.Equal(0, await CountFiringsAsync(rule.Id, answered.Id));
    }

    [Fact]
    public async Task SlaState_AtRiskInsideWarningWindow()
    {
        var admin = await app.CreateAdminAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var allWeek = Enum.GetNames<DayOfWeek>().ToDictionary(d => d, _ => new[] { "00:00-24:00" });
        var calendar = await (await admin.Client.PostJsonAsync("/api/v1/calendars", new { name = "Always " + tag, timeZone = "UTC", hours = allWeek })).ReadAsync<CalendarDto>();
        var warned = await (await admin.Client.PostJsonAsync("/api/v1/sla-policies", new
        {
            name = "Warned " + tag, rank = 1, category = tag + "w", resolutionMinutes = 600, atRiskMinutes = 0, calendarId = calendar.Id,
        })).ReadAsync<SlaPolicyDto>();
        await admin.Client.PostJsonAsync("/api/v1/sla-policies", new
        {
            name = "Quiet " + tag, rank = 1, category = tag + "q", resolutionMinutes = 600, atRiskMinutes = 0, calendarId = calendar.Id,
        });
        await CreateRuleAsync(admin, new { name = "Window " + tag, minutesBefore = 660, policyId = warned.Id, notifyAssignees = true });

        var inWindow = await admin.WorkOrderAsync(new { title = "Warned", category = tag + "w" });
        var outside = await admin.WorkOrderAsync(new { title = "Quiet", category = tag + "q" });

        Assert.Equal(SlaState.AtRisk, inWindow.Sla!.State);
        Assert.Equal(SlaState.OnTrack, outside.Sla!.State);
    }

    [Theory]
    [InlineData("""{"name":"No action","minutesBefore":60}""", "actions")]
    [InlineData("""{"name":"Negative","minutesBefore":-5,"notifyAssignees":true}""", "minutesBefore")]
    [InlineData("""{"name":"Too far","minutesBefore":600000,"notifyAssignees":true}""", "minutesBefore")]
    [InlineData("""{"name":"Both","reassignUserId":1,"reassignTeamId":1}""", "reassignTeamId")]
    [InlineData("""{"name":"Requesters","notifyRole":"requester"}""", "notifyRole")]
    [InlineData("""{"name":"Ghost team","notifyTeamId":987654}""", "notifyTeamId")]
    [InlineData("""{"name":"Ghost user","notifyUserIds":[987654]}""", "notifyUserIds")]
    [InlineData("""{"name":"Ghost policy","policyId":987654,"notifyAssignees":true}""", "policyId")]
    [InlineData("""{"name":"  ","notifyAssignees":true}""", "name")]
    public async Task Rule_Invalid_NamesFieldAndSavesNothing(string body, string field)
    {
        var admin = await app.CreateAdminAsync();
        var before = await (await admin.Client.GetAsync("/api/v1/escalation-rules")).ReadAsync<List<EscalationRuleDto>>();

        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        var response = await admin.Client.PostAsync("/api/v1/escalation-rules", content);
        var after = await (await admin.Client.GetAsync("/api/v1/escalation-rules")).ReadAsync<List<EscalationRuleDto>>();

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.True((await response.ReadObjectAsync())["errors"]!.AsObject().ContainsKey(field), $"The problem does not name {field}.");
        Assert.Equal(before.Count, after.Count);
    }

    [Fact]
    public async Task Rule_DuplicateName_Conflicts()
    {
        var admin = await app.CreateAdminAsync();
        var name = "Twice " + Guid.NewGuid().ToString("N")[..8];
        var first = await CreateRuleAsync(admin, new { name, notifyAssignees = true });

        var second = await admin.Client.PostJsonAsync("/api/v1/escalation-rules", new { name, notifyAssignees = true });

        await second.ShouldBeAsync(HttpStatusCode.Conflict);

        // A rule without a policy watches every work order, so it must not outlive this test.
        await (await admin.Client.DeleteAsync($"/api/v1/escalation-rules/{first.Id}")).ShouldBeAsync(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Rule_Technician_IsForbidden()
    {
        var technician = await app.CreateUserAsync(Role.Technician);

        var response = await technician.Client.PostJsonAsync("/api/v1/escalation-rules", new { name = "Mine", notifyAssignees = true });

        await response.ShouldBeAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Rule_ReplaceAndDelete()
    {
        var admin = await app.CreateAdminAsync();
        var name = "Edit " + Guid.NewGuid().ToString("N")[..8];
        var rule = await CreateRuleAsync(admin, new { name, minutesBefore = 30, notifyAssignees = true });

        var replaced = await admin.Client.PutAsJsonAsync($"/api/v1/escalation-rules/{rule.Id}", new { name, minutesBefore = 90, raisePriorityTo = "high" }, HttpExtensions.Json);
        var replacedBody = await replaced.ReadAsync<EscalationRuleDto>();
        var deleted = await admin.Client.DeleteAsync($"/api/v1/escalation-rules/{rule.Id}");
        var deletedAgain = await admin.Client.DeleteAsync($"/api/v1/escalation-rules/{rule.Id}");

        await replaced.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(90, replacedBody.MinutesBefore);
        Assert.Equal(Priority.High, replacedBody.RaisePriorityTo);
        Assert.False(replacedBody.NotifyAssignees);
        await deleted.ShouldBeAsync(HttpStatusCode.NoContent);
        await deletedAgain.ShouldBeAsync(HttpStatusCode.NotFound);
    }
}

public sealed class EscalationSqliteTests(SqliteApp app) : EscalationTests(app), IClassFixture<SqliteApp>;

public sealed class EscalationPostgresTests(PostgresApp app) : EscalationTests(app), IClassFixture<PostgresApp>;
