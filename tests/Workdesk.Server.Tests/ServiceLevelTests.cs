using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Workdesk.Data;
using Workdesk.Domain.ServiceLevels;
using Workdesk.Server.Features.ServiceLevels;
using Workdesk.Server.Features.WorkOrders;
using Workdesk.Server.Infrastructure;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests;

public abstract class ServiceLevelTests(WorkdeskApp app)
{
    private static readonly Dictionary<string, string[]> OfficeHours = new()
    {
        ["Monday"] = ["08:00-18:00"], ["Tuesday"] = ["08:00-18:00"], ["Wednesday"] = ["08:00-18:00"],
        ["Thursday"] = ["08:00-18:00"], ["Friday"] = ["08:00-18:00"],
    };

    private sealed record Setup(TestUser Admin, CalendarDto Calendar, BusinessCalendar Engine, string Category);

    private async Task<Setup> CreatePoliciesAsync()
    {
        var admin = await app.CreateAdminAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var calendarResponse = await admin.Client.PostJsonAsync("/api/v1/calendars", new
        {
            name = "Office " + tag, timeZone = "America/New_York", hours = OfficeHours,
            holidays = new[] { new { date = "2026-12-25", yearly = true } },
        });
        await calendarResponse.ShouldBeAsync(HttpStatusCode.Created);
        var calendar = await calendarResponse.ReadAsync<CalendarDto>();
        foreach (var (priority, minutes, rank) in new[] { ("urgent", 240, 1), ("high", 480, 2) })
        {
            var policy = await admin.Client.PostJsonAsync("/api/v1/sla-policies", new
            {
                name = $"{priority} {tag}", rank, priority, category = tag, resolutionMinutes = minutes, responseMinutes = 60,
                calendarId = calendar.Id, pausedStatuses = new[] { "on_hold" },
            });
            await policy.ShouldBeAsync(HttpStatusCode.Created);
        }

        var engine = new BusinessCalendar(
            TimeZoneInfo.FindSystemTimeZoneById("America/New_York"),
            OfficeHours.ToDictionary(d => Enum.Parse<DayOfWeek>(d.Key), d => (IReadOnlyList<WorkingPeriod>)[.. d.Value.Select(p => WorkingPeriod.Parse(p).Value)]),
            [new Holiday(new DateOnly(2026, 12, 25), Yearly: true)]);
        return new Setup(admin, calendar, engine, tag);
    }

    [Fact]
    public async Task Create_GetsDueTimeInBusinessHours()
    {
        var setup = await CreatePoliciesAsync();

        var workOrder = await setup.Admin.WorkOrderAsync(new { title = "Server room too warm", priority = "urgent", category = setup.Category });

        Assert.NotNull(workOrder.Sla);
        Assert.Equal(setup.Engine.Add(workOrder.CreatedAt, TimeSpan.FromHours(4)), workOrder.Sla!.ResolutionDueAt);
        Assert.Equal(setup.Engine.Add(workOrder.CreatedAt, TimeSpan.FromHours(1)), workOrder.Sla.ResponseDueAt);
        Assert.StartsWith("urgent", workOrder.Sla.PolicyName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoMatchingPolicy_HasNoServiceLevel()
    {
        var setup = await CreatePoliciesAsync();

        var workOrder = await setup.Admin.WorkOrderAsync(new { title = "Tidy store", priority = "low", category = setup.Category });

        Assert.Null(workOrder.Sla);
    }

    [Fact]
    public async Task PriorityChange_Retargets()
    {
        var setup = await CreatePoliciesAsync();
        var workOrder = await setup.Admin.WorkOrderAsync(new { title = "Broken lock", priority = "high", category = setup.Category });

        var patched = await setup.Admin.Client.PatchJsonAsync($"/api/v1/work-orders/{workOrder.Id}", """{"priority":"urgent"}""", ETags.For(workOrder.Id, workOrder.Version));
        var body = await patched.ReadAsync<WorkOrderResponse>();

        await patched.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(setup.Engine.Add(workOrder.CreatedAt, TimeSpan.FromHours(8)), workOrder.Sla!.ResolutionDueAt);
        Assert.Equal(setup.Engine.Add(workOrder.CreatedAt, TimeSpan.FromHours(4)), body.Sla!.ResolutionDueAt);
    }

    [Fact]
    public async Task OnHold_PausesClock()
    {
        var setup = await CreatePoliciesAsync();
        var workOrder = await setup.Admin.WorkOrderAsync(new { title = "Lift fault", priority = "urgent", category = setup.Category });
        var started = await setup.Admin.Client.PostJsonAsync($"/api/v1/work-orders/{workOrder.Id}/status", new { status = "in_progress" }, ifMatch: ETags.For(workOrder.Id, workOrder.Version));

        var held = await setup.Admin.Client.PostJsonAsync($"/api/v1/work-orders/{workOrder.Id}/status", new { status = "on_hold", reason = "Waiting for parts" }, ifMatch: started.ETag());
        var heldBody = await held.ReadAsync<WorkOrderResponse>();
        var resumed = await setup.Admin.Client.PostJsonAsync($"/api/v1/work-orders/{workOrder.Id}/status", new { status = "in_progress" }, ifMatch: held.ETag());
        var resumedBody = await resumed.ReadAsync<WorkOrderResponse>();

        Assert.Equal(SlaState.Paused, heldBody.Sla!.State);
        Assert.NotEqual(SlaState.Paused, resumedBody.Sla!.State);
        Assert.True(resumedBody.Sla.ResolutionDueAt >= workOrder.Sla!.ResolutionDueAt);
    }

    [Fact]
    public async Task BreachJob_RecordsEachBreachOnce()
    {
        var setup = await CreatePoliciesAsync();
        var workOrder = await setup.Admin.WorkOrderAsync(new { title = "Flood", priority = "urgent", category = setup.Category });
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();
        var past = DateTimeOffset.UtcNow.AddHours(-1);
        await db.WorkOrders.Where(w => w.Id == workOrder.Id).ExecuteUpdateAsync(s => s.SetProperty(w => w.ResolutionDueAt, past));

        var job = new SlaBreachJob(db, TimeProvider.System, scope.ServiceProvider.GetRequiredService<Features.Webhooks.WebhookEvents>(), NullLogger<SlaBreachJob>.Instance);
        await job.RecordBreachesAsync(CancellationToken.None);
        await job.RecordBreachesAsync(CancellationToken.None);
        var history = await (await setup.Admin.Client.GetAsync($"/api/v1/work-orders/{workOrder.Id}/history")).ReadAsync<List<ActivityResponse>>();

        Assert.Single(history, h => h.Action == "sla_breached");
    }

    [Fact]
    public async Task Policy_Replace_KeepsNameRules()
    {
        var setup = await CreatePoliciesAsync();
        var policies = await (await setup.Admin.Client.GetAsync("/api/v1/sla-policies")).ReadAsync<List<SlaPolicyDto>>();
        var urgent = policies.Single(p => p.Name == "urgent " + setup.Category);

        var replaced = await setup.Admin.Client.PutAsJsonAsync($"/api/v1/sla-policies/{urgent.Id}", new
        {
            name = urgent.Name, rank = 1, priority = "urgent", category = setup.Category, resolutionMinutes = 120, calendarId = setup.Calendar.Id,
        }, HttpExtensions.Json);
        var taken = await setup.Admin.Client.PutAsJsonAsync($"/api/v1/sla-policies/{urgent.Id}", new
        {
            name = "high " + setup.Category, resolutionMinutes = 120,
        }, HttpExtensions.Json);
        var invalid = await setup.Admin.Client.PutAsJsonAsync($"/api/v1/sla-policies/{urgent.Id}", new { name = urgent.Name, resolutionMinutes = 0 }, HttpExtensions.Json);
        var missing = await setup.Admin.Client.PutAsJsonAsync("/api/v1/sla-policies/987654", new { name = "Nobody", resolutionMinutes = 60 }, HttpExtensions.Json);
        var after = (await (await setup.Admin.Client.GetAsync("/api/v1/sla-policies")).ReadAsync<List<SlaPolicyDto>>()).Single(p => p.Id == urgent.Id);

        await replaced.ShouldBeAsync(HttpStatusCode.OK);
        await taken.ShouldBeAsync(HttpStatusCode.Conflict);
        await invalid.ShouldBeAsync(HttpStatusCode.BadRequest);
        await missing.ShouldBeAsync(HttpStatusCode.NotFound);
        Assert.Equal(120, after.ResolutionMinutes);
        Assert.Null(after.ResponseMinutes);
        Assert.Equal(urgent.Name, after.Name);
    }

    [Fact]
    public async Task Policy_Replace_RecalculatesOpenWorkOrders()
    {
        var setup = await CreatePoliciesAsync();
        var urgent = (await (await setup.Admin.Client.GetAsync("/api/v1/sla-policies")).ReadAsync<List<SlaPolicyDto>>()).Single(p => p.Name == "urgent " + setup.Category);
        var open = await setup.Admin.WorkOrderAsync(new { title = "Boiler out", priority = "urgent", category = setup.Category });
        var done = await setup.Admin.WorkOrderAsync(new { title = "Bulb out", priority = "urgent", category = setup.Category });
        var started = await setup.Admin.Client.PostJsonAsync($"/api/v1/work-orders/{done.Id}/status", new { status = "in_progress" }, ifMatch: ETags.For(done.Id, done.Version));
        await (await setup.Admin.Client.PostJsonAsync($"/api/v1/work-orders/{done.Id}/status", new
        {
            status = "completed", customFields = new { failure_problem = "not_working", failure_cause = "wear", failure_remedy = "replaced" },
        }, ifMatch: started.ETag())).ShouldBeAsync(HttpStatusCode.OK);

        var replaced = await setup.Admin.Client.PutAsJsonAsync($"/api/v1/sla-policies/{urgent.Id}", new
        {
            name = urgent.Name, rank = 1, priority = "urgent", category = setup.Category, resolutionMinutes = 120, calendarId = setup.Calendar.Id,
        }, HttpExtensions.Json);
        var openAfter = await (await setup.Admin.Client.GetAsync($"/api/v1/work-orders/{open.Id}")).ReadAsync<WorkOrderResponse>();
        var doneAfter = await (await setup.Admin.Client.GetAsync($"/api/v1/work-orders/{done.Id}")).ReadAsync<WorkOrderResponse>();

        await replaced.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(setup.Engine.Add(open.CreatedAt, TimeSpan.FromHours(2)), openAfter.Sla!.ResolutionDueAt);
        Assert.Null(openAfter.Sla.ResponseDueAt);
        Assert.Equal(setup.Engine.Between(DateTimeOffset.UtcNow, openAfter.Sla.ResolutionDueAt!.Value).TotalMinutes, openAfter.Sla.RemainingMinutes, 1.0);
        Assert.Equal(done.Sla!.ResolutionDueAt, doneAfter.Sla!.ResolutionDueAt);
    }

    [Fact]
    public async Task Calendar_Replace_RecalculatesOpenWorkOrders()
    {
        var setup = await CreatePoliciesAsync();
        var workOrder = await setup.Admin.WorkOrderAsync(new { title = "Door stuck", priority = "urgent", category = setup.Category });
        var allWeek = Enum.GetNames<DayOfWeek>().ToDictionary(day => day, _ => new[] { "00:00-24:00" });

        var replaced = await setup.Admin.Client.PutAsJsonAsync($"/api/v1/calendars/{setup.Calendar.Id}", new
        {
            name = setup.Calendar.Name, timeZone = "America/New_York", hours = allWeek,
        }, HttpExtensions.Json);
        var after = await (await setup.Admin.Client.GetAsync($"/api/v1/work-orders/{workOrder.Id}")).ReadAsync<WorkOrderResponse>();

        await replaced.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(workOrder.CreatedAt.AddHours(4), after.Sla!.ResolutionDueAt);
    }

    [Theory]
    [InlineData("Mars/Olympus", "08:00-18:00", "timeZone")]
    [InlineData("Europe/Paris", "18:00-08:00", "hours")]
    [InlineData("Europe/Paris", "08:00-12:00,11:00-13:00", "hours")]
    public async Task Calendar_Invalid_NamesField(string timeZone, string monday, string field)
    {
        var admin = await app.CreateAdminAsync();

        var response = await admin.Client.PostJsonAsync("/api/v1/calendars", new
        {
            name = "Bad " + Guid.NewGuid().ToString("N")[..6], timeZone, hours = new Dictionary<string, string[]> { ["Monday"] = monday.Split(',') },
        });

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.True((await response.ReadObjectAsync())["errors"]!.AsObject().ContainsKey(field));
    }
}

public sealed class ServiceLevelSqliteTests(SqliteApp app) : ServiceLevelTests(app), IClassFixture<SqliteApp>;

public sealed class ServiceLevelPostgresTests(PostgresApp app) : ServiceLevelTests(app), IClassFixture<PostgresApp>;
