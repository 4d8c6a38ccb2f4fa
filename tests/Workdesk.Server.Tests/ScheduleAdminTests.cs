using System.Net;
using Workdesk.Domain.People;
using Workdesk.Server.Features.People;
using Workdesk.Server.Features.Places;
using Workdesk.Server.Features.Schedules;
using Workdesk.Server.Features.WorkOrders;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests;

/// <summary>Bulk changes of schedules and the approval of deviations from the manufacturer's interval.</summary>
public abstract class ScheduleAdminTests(WorkdeskApp app)
{
    private static string NewTag() => Guid.NewGuid().ToString("N")[..10];

    private static async Task<AssetResponse> AssetAsync(TestUser admin)
    {
        var tag = "BK-" + NewTag();
        var response = await admin.Client.PostJsonAsync("/api/v1/assets", new { tag, name = "Boiler " + tag });
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return await response.ReadAsync<AssetResponse>();
    }

    private static async Task<ScheduleResponse> ScheduleAsync(TestUser admin, object body)
    {
        var response = await admin.Client.PostJsonAsync("/api/v1/schedules", body);
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return await response.ReadAsync<ScheduleResponse>();
    }

    private async Task<(TestUser Admin, string Prefix, List<ScheduleResponse> Schedules)> MonthlySchedulesAsync(int count)
    {
        var admin = await app.CreateAdminAsync();
        var prefix = "Boiler service " + NewTag();
        var asset = await AssetAsync(admin);
        var schedules = new List<ScheduleResponse>();
        for (var i = 0; i < count; i++)
        {
            schedules.Add(await ScheduleAsync(admin, new
            {
                name = $"{prefix} {i}", trigger = "calendar", assetIds = new[] { asset.Id }, startsAt = "2026-01-01T08:00:00",
                timeZone = "UTC", rule = "FREQ=MONTHLY", leadTimeDays = 3,
            }));
        }

        return (admin, prefix, schedules);
    }

    private static async Task<ScheduleResponse> GetAsync(TestUser user, long id) =>
        await (await user.Client.GetAsync($"/api/v1/schedules/{id}")).ReadAsync<ScheduleResponse>();

    [Fact]
    public async Task Bulk_PreviewChangesNothing()
    {
        var (admin, prefix, schedules) = await MonthlySchedulesAsync(3);

        var response = await admin.Client.PostJsonAsync("/api/v1/schedules/bulk", new
        {
            selection = new { q = prefix }, set = new { rule = "FREQ=MONTHLY;INTERVAL=2", leadTimeDays = 7 }, preview = true,
        });

        await response.ShouldBeAsync(HttpStatusCode.OK);
        var preview = await response.ReadAsync<BulkScheduleResponse>();
        Assert.False(preview.Applied);
        Assert.Equal(3, preview.ScheduleCount);
        Assert.Equal(6, preview.Changes.Count);
        foreach (var schedule in schedules)
        {
            Assert.Equal("FREQ=MONTHLY", (await GetAsync(admin, schedule.Id)).Rule);
        }
    }

    [Fact]
    public async Task Bulk_PreviewStartsAt_Iso8601()
    {
        var (admin, prefix, _) = await MonthlySchedulesAsync(1);

        var response = await admin.Client.PostJsonAsync("/api/v1/schedules/bulk", new
        {
            selection = new { q = prefix }, set = new { startsAt = "2026-03-11T09:00:00" }, preview = true,
        });

        await response.ShouldBeAsync(HttpStatusCode.OK);
        var change = Assert.Single((await response.ReadAsync<BulkScheduleResponse>()).Changes);
        Assert.Equal("2026-01-01T08:00:00", change.From);
        Assert.Equal("2026-03-11T09:00:00", change.To);
    }

    [Fact]
    public async Task Bulk_UntilBeforeStart_ChangesNothing()
    {
        var (admin, prefix, schedules) = await MonthlySchedulesAsync(2);

        var response = await admin.Client.PostJsonAsync("/api/v1/schedules/bulk", new
        {
            selection = new { q = prefix }, set = new { rule = "FREQ=MONTHLY;UNTIL=20251231" }, preview = false,
        });

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.Contains("never fall due", (await response.ReadObjectAsync())["errors"]!["set.rule"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        foreach (var schedule in schedules)
        {
            Assert.Equal("FREQ=MONTHLY", (await GetAsync(admin, schedule.Id)).Rule);
        }
    }

    [Fact]
    public async Task Bulk_ApplyChangesAndRecordsHistory()
    {
        var (admin, prefix, schedules) = await MonthlySchedulesAsync(3);
        var team = await (await admin.Client.PostJsonAsync("/api/v1/teams", new { name = "Boilers " + NewTag() })).ReadAsync<TeamResponse>();

        var response = await admin.Client.PostJsonAsync("/api/v1/schedules/bulk", new
        {
            selection = new { q = prefix, trigger = "calendar" },
            set = new { rule = "FREQ=MONTHLY;INTERVAL=2", teamId = team.Id, startsAt = "2026-02-01T07:00:00", instructions = "Check the flue." },
            preview = false,
        });

        await response.ShouldBeAsync(HttpStatusCode.OK);
        Assert.True((await response.ReadAsync<BulkScheduleResponse>()).Applied);
        foreach (var schedule in schedules)
        {
            var stored = await GetAsync(admin, schedule.Id);
            Assert.Equal("FREQ=MONTHLY;INTERVAL=2", stored.Rule);
            Assert.Equal(team.Id, stored.TeamId);
            Assert.Equal(new DateTime(2026, 2, 1, 7, 0, 0), stored.StartsAt);
            Assert.Equal("Check the flue.", stored.Instructions);
            var history = await (await admin.Client.GetAsync($"/api/v1/schedules/{schedule.Id}/history")).ReadAsync<List<ActivityResponse>>();
            Assert.Contains(history, h => h.Action == "bulk_changed" && h.Field == "rule" && h.NewValue == "FREQ=MONTHLY;INTERVAL=2");
        }
    }

    [Theory]
    [InlineData("{\"selection\":{},\"set\":{\"leadTimeDays\":2}}", "selection")]
    [InlineData("{\"selection\":{\"q\":\"PREFIX\"},\"set\":{}}", "set")]
    [InlineData("{\"selection\":{\"q\":\"PREFIX\"},\"set\":{\"rule\":\"FREQ=SOMETIMES\"}}", "set.rule")]
    [InlineData("{\"selection\":{\"q\":\"PREFIX\"},\"set\":{\"intervalCount\":3,\"intervalUnit\":\"months\"}}", "set.intervalCount")]
    [InlineData("{\"selection\":{\"q\":\"PREFIX\"},\"set\":{\"leadTimeDays\":-1}}", "set.leadTimeDays")]
    [InlineData("{\"selection\":{\"q\":\"PREFIX\"},\"set\":{\"teamId\":987654321}}", "set.teamId")]
    public async Task Bulk_Invalid_ChangesNothing(string json, string field)
    {
        var (admin, prefix, schedules) = await MonthlySchedulesAsync(2);
        var body = json.Replace("PREFIX", prefix, StringComparison.Ordinal);

        var response = await admin.Client.PostAsync("/api/v1/schedules/bulk", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.True((await response.ReadObjectAsync())["errors"]!.AsObject().ContainsKey(field));
        foreach (var schedule in schedules)
        {
            Assert.Equal(schedule.Version, (await GetAsync(admin, schedule.Id)).Version);
        }
    }

    [Fact]
    public async Task Bulk_Technician_Forbidden()
    {
        var (_, prefix, _) = await MonthlySchedulesAsync(1);
        var technician = await app.CreateUserAsync(Role.Technician);

        var response = await technician.Client.PostJsonAsync("/api/v1/schedules/bulk", new { selection = new { q = prefix }, set = new { leadTimeDays = 1 }, preview = false });

        await response.ShouldBeAsync(HttpStatusCode.Forbidden);
    }

    private static object Deviating(long assetId, string name, string? justification) => new
    {
        name, trigger = "calendar", assetIds = new[] { assetId }, startsAt = "2026-01-01T08:00:00", timeZone = "UTC",
        rule = "FREQ=MONTHLY;INTERVAL=6", manufacturerInterval = "FREQ=MONTHLY;INTERVAL=3", deviationJustification = justification,
    };

    [Fact]
    public async Task Deviation_FlaggedUntilApproved()
    {
        var admin = await app.CreateAdminAsync();
        var asset = await AssetAsync(admin);
        var schedule = await ScheduleAsync(admin, Deviating(asset.Id, "Infusion pump AEM " + NewTag(), "Failure history shows no wear within 6 months."));

        var before = await (await admin.Client.GetAsync("/api/v1/schedules/deviations")).ReadAsync<List<DeviationReportEntry>>();
        var approve = await admin.Client.PostAsync($"/api/v1/schedules/{schedule.Id}/deviation/approve", null);
        var after = await (await admin.Client.GetAsync("/api/v1/schedules/deviations")).ReadAsync<List<DeviationReportEntry>>();

        Assert.Equal("unapproved", schedule.DeviationStatus);
        Assert.Equal("unapproved", before.Single(e => e.ScheduleId == schedule.Id).Status);
        await approve.ShouldBeAsync(HttpStatusCode.OK);
        var entry = after.Single(e => e.ScheduleId == schedule.Id);
        Assert.Equal("approved", entry.Status);
        Assert.Equal(admin.Id, entry.ApprovedById);
        Assert.NotNull(entry.ApprovedAt);
        Assert.Equal("Failure history shows no wear within 6 months.", entry.Justification);
        Assert.Equal("FREQ=MONTHLY;INTERVAL=3", entry.ManufacturerInterval);
    }

    [Fact]
    public async Task Deviation_IntervalChangeDropsApproval()
    {
        var admin = await app.CreateAdminAsync();
        var asset = await AssetAsync(admin);
        var name = "Defibrillator AEM " + NewTag();
        var schedule = await ScheduleAsync(admin, Deviating(asset.Id, name, "Low use."));
        await (await admin.Client.PostAsync($"/api/v1/schedules/{schedule.Id}/deviation/approve", null)).ShouldBeAsync(HttpStatusCode.OK);

        var bulk = await admin.Client.PostJsonAsync("/api/v1/schedules/bulk", new { selection = new { ids = new[] { schedule.Id } }, set = new { rule = "FREQ=MONTHLY;INTERVAL=12" }, preview = false });

        await bulk.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("unapproved", (await GetAsync(admin, schedule.Id)).DeviationStatus);
    }

    [Fact]
    public async Task Deviation_ApproveWithoutDeviation_Conflict()
    {
        var (admin, _, schedules) = await MonthlySchedulesAsync(1);
        var technician = await app.CreateUserAsync(Role.Technician);

        var response = await admin.Client.PostAsync($"/api/v1/schedules/{schedules[0].Id}/deviation/approve", null);
        var byTechnician = await technician.Client.PostAsync($"/api/v1/schedules/{schedules[0].Id}/deviation/approve", null);

        await response.ShouldBeAsync(HttpStatusCode.Conflict);
        await byTechnician.ShouldBeAsync(HttpStatusCode.Forbidden);
    }
}

public sealed class ScheduleAdminSqliteTests(SqliteApp app) : ScheduleAdminTests(app), IClassFixture<SqliteApp>;

public sealed class ScheduleAdminPostgresTests(PostgresApp app) : ScheduleAdminTests(app), IClassFixture<PostgresApp>;
