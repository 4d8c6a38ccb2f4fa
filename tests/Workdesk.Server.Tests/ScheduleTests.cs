using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Workdesk.Server.Features.Meters;
using Workdesk.Server.Features.People;
using Workdesk.Server.Features.Places;
using Workdesk.Server.Features.Schedules;
using Workdesk.Server.Features.WorkOrders;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests;

public abstract class ScheduleTests(WorkdeskApp app)
{
    private static string NewTag() => "PM-" + Guid.NewGuid().ToString("N")[..10];

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<AssetResponse> AssetAsync(TestUser admin, long? locationId = null, long? assetTypeId = null)
    {
        var tag = NewTag();
        var response = await admin.Client.PostJsonAsync("/api/v1/assets", new { tag, name = "Pump " + tag, locationId, assetTypeId });
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return await response.ReadAsync<AssetResponse>();
    }

    private static async Task<ScheduleResponse> ScheduleAsync(TestUser admin, object body)
    {
        var response = await admin.Client.PostJsonAsync("/api/v1/schedules", body);
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return await response.ReadAsync<ScheduleResponse>();
    }

    private async Task<GenerationResult> GenerateAsync(DateTimeOffset now, params long[] scheduleIds)
    {
        using var scope = app.Services.CreateScope();
        var generator = scope.ServiceProvider.GetRequiredService<ScheduleGenerator>();
        return await generator.GenerateAsync(now, scheduleIds, CancellationToken.None);
    }

    private static async Task<List<OccurrenceResponse>> OccurrencesAsync(TestUser user, long scheduleId) =>
        [.. (await (await user.Client.GetAsync($"/api/v1/schedules/{scheduleId}/occurrences")).ReadAsync<List<OccurrenceResponse>>()).OrderBy(o => o.DueAt)];

    private static async Task<WorkOrderResponse> WorkOrderAsync(TestUser user, long id) =>
        await (await user.Client.GetAsync($"/api/v1/work-orders/{id}")).ReadAsync<WorkOrderResponse>();

    private static async Task CompleteAsync(TestUser user, long workOrderId)
    {
        foreach (var status in new[] { "in_progress", "completed" })
        {
            var etag = (await user.Client.GetAsync($"/api/v1/work-orders/{workOrderId}")).ETag();
            await (await user.Client.PostJsonAsync($"/api/v1/work-orders/{workOrderId}/status", new { status }, ifMatch: etag)).ShouldBeAsync(HttpStatusCode.OK);
        }
    }

    private static object Weekly(long assetId, string startsAt, string catchUp = "all", bool waitForPrevious = false, long? teamId = null) => new
    {
        name = "Weekly check " + NewTag(), trigger = "calendar", assetIds = new[] { assetId }, startsAt, timeZone = "Europe/Paris",
        rule = "FREQ=WEEKLY", catchUp, waitForPrevious, teamId, estimatedHours = 1.5,
    };

    [Fact]
    public async Task Calendar_SpringDst_StaysAtLocalTime()
    {
        var admin = await app.CreateAdminAsync();
        var asset = await AssetAsync(admin);
        var schedule = await ScheduleAsync(admin, Weekly(asset.Id, "2022-03-21T15:00:00"));

        var result = await GenerateAsync(Utc("2022-03-28T13:30:00Z"), schedule.Id);
        var occurrences = await OccurrencesAsync(admin, schedule.Id);

        Assert.Equal(2, result.Created);
        Assert.Equal([Utc("2022-03-21T14:00:00Z"), Utc("2022-03-28T13:00:00Z")], occurrences.Select(o => o.DueAt));
        var workOrder = await WorkOrderAsync(admin, occurrences[1].WorkOrderId!.Value);
        Assert.Equal(Utc("2022-03-28T13:00:00Z"), workOrder.DueAt);
        Assert.Equal("preventive", workOrder.Type);
        Assert.Equal(asset.Id, workOrder.AssetId);
    }

    [Fact]
    public async Task Calendar_AutumnDst_StaysAtLocalTime()
    {
        var admin = await app.CreateAdminAsync();
        var asset = await AssetAsync(admin);
        var schedule = await ScheduleAsync(admin, Weekly(asset.Id, "2022-10-24T15:00:00"));

        await GenerateAsync(Utc("2022-10-31T14:30:00Z"), schedule.Id);
        var occurrences = await OccurrencesAsync(admin, schedule.Id);

        Assert.Equal([Utc("2022-10-24T13:00:00Z"), Utc("2022-10-31T14:00:00Z")], occurrences.Select(o => o.DueAt));
    }

    [Fact]
    public async Task Calendar_LocationTimeZone_Applies()
    {
        var admin = await app.CreateAdminAsync();
        var site = await admin.Client.PostJsonAsync("/api/v1/locations", new { name = "Site " + NewTag(), timeZone = "America/New_York" });
        var building = await admin.LocationAsync("Building " + NewTag(), (await site.ReadAsync<LocationResponse>()).Id);
        var asset = await AssetAsync(admin, building.Id);

        var preview = await admin.Client.PostJsonAsync("/api/v1/schedules/preview?count=3&from=2026-01-01T00:00:00Z", new
        {
            name = "Quarterly", trigger = "calendar", assetIds = new[] { asset.Id }, startsAt = "2026-01-01T08:00:00",
            rule = "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1;BYHOUR=8",
        });

        await preview.ShouldBeAsync(HttpStatusCode.OK);
        var due = (await preview.ReadAsync<SchedulePreviewResponse>()).Occurrences;
        Assert.Equal([Utc("2026-01-01T13:00:00Z"), Utc("2026-04-01T12:00:00Z"), Utc("2026-07-01T12:00:00Z")], due.Select(d => d.DueAt));
        Assert.All(due, d => Assert.Equal(8, d.Local.Hour));
        Assert.All(due, d => Assert.Equal("America/New_York", d.TimeZone));
    }

    [Fact]
    public async Task Generate_LocationZone_KeepsLocalHour()
    {
        var admin = await app.CreateAdminAsync();
        var site = await admin.Client.PostJsonAsync("/api/v1/locations", new { name = "Plant " + NewTag(), timeZone = "America/New_York" });
        var asset = await AssetAsync(admin, (await site.ReadAsync<LocationResponse>()).Id);
        var schedule = await ScheduleAsync(admin, new
        {
            name = "Boiler log " + NewTag(), trigger = "calendar", assetIds = new[] { asset.Id }, startsAt = "2026-03-07T08:00:00", rule = "FREQ=DAILY",
        });

        await GenerateAsync(Utc("2026-03-09T12:30:00Z"), schedule.Id);
        var occurrences = await OccurrencesAsync(admin, schedule.Id);

        Assert.Equal([Utc("2026-03-07T13:00:00Z"), Utc("2026-03-08T12:00:00Z"), Utc("2026-03-09T12:00:00Z")], occurrences.Select(o => o.DueAt));
    }

    [Theory]
    [InlineData("FREQ=MONTHLY;BYDAY=2TU", "2026-01-13T09:00:00Z,2026-02-10T09:00:00Z,2026-03-10T09:00:00Z")]
    [InlineData("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "2026-01-13T09:00:00Z,2026-01-27T09:00:00Z,2026-02-10T09:00:00Z")]
    [InlineData("FREQ=MONTHLY;BYMONTH=4,5,9;BYMONTHDAY=1", "2026-04-01T09:00:00Z,2026-05-01T09:00:00Z,2026-09-01T09:00:00Z")]
    public async Task Preview_RuleShapes(string rule, string expected)
    {
        var admin = await app.CreateAdminAsync();
        var asset = await AssetAsync(admin);

        var preview = await admin.Client.PostJsonAsync("/api/v1/schedules/preview?count=3&from=2026-01-01T00:00:00Z", new
        {
            name = "Shape", trigger = "calendar", assetIds = new[] { asset.Id }, startsAt = "2026-01-01T09:00:00", timeZone = "UTC", rule,
        });

        await preview.ShouldBeAsync(HttpStatusCode.OK);
        var due = (await preview.ReadAsync<SchedulePreviewResponse>()).Occurrences.Select(d => d.DueAt);
        Assert.Equal(expected.Split(',').Select(Utc), due);
    }

    [Fact]
    public async Task Generate_Rerun_CreatesNothingTwice()
    {
        var admin = await app.CreateAdminAsync();
        var asset = await AssetAsync(admin);
        var schedule = await ScheduleAsync(admin, Weekly(asset.Id, "2022-03-07T15:00:00"));

        var first = await GenerateAsync(Utc("2022-03-28T14:00:00Z"), schedule.Id);
        var second = await GenerateAsync(Utc("2022-03-28T14:00:00Z"), schedule.Id);

        Assert.Equal(4, first.Created);
        Assert.Equal(0, second.Created);
        Assert.Equal(4, (await OccurrencesAsync(admin, schedule.Id)).Count);
    }

    [Fact]
    public async Task Generate_Concurrent_NoDuplicates()
    {
        var admin = await app.CreateAdminAsync();
        var assets = new List<AssetResponse>();
        for (var i = 0; i < 3; i++)
        {
            assets.Add(await AssetAsync(admin));
        }

        var schedule = await ScheduleAsync(admin, new
        {
            name = "Daily round " + NewTag(), trigger = "calendar", assetIds = assets.Select(a => a.Id).ToArray(),
            startsAt = "2024-05-01T07:00:00", timeZone = "Europe/Berlin", rule = "FREQ=DAILY",
        });
        var now = Utc("2024-05-10T12:00:00Z");

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => GenerateAsync(now, schedule.Id))));
        var occurrences = await OccurrencesAsync(admin, schedule.Id);

        Assert.Equal(30, runs.Sum(r => r.Created));
        Assert.Equal(30, occurrences.Count);
        Assert.Equal(30, occurrences.Select(o => (o.AssetId, o.Key)).Distinct().Count());
        Assert.Equal(30, occurrences.Select(o => o.WorkOrderId).Distinct().Count());
    }

    [Theory]
    [InlineData("all", 6, 0)]
    [InlineData("latest_only", 1, 5)]
    [InlineData("skip", 0, 6)]
    public async Task CatchUp_AfterDowntime(string policy, int created, int skipped)
    {
        var admin = await app.CreateAdminAsync();
        var asset = await AssetAsync(admin);
        var schedule = await ScheduleAsync(admin, Weekly(asset.Id, "2022-02-21T15:00:00", catchUp: policy));

        var result = await GenerateAsync(Utc("2022-03-31T12:00:00Z"), schedule.Id);
        var next = await GenerateAsync(Utc("2022-04-04T13:00:00Z"), schedule.Id);
        var occurrences = await OccurrencesAsync(admin, schedule.Id);

        Assert.Equal(created, result.Created);
        Assert.Equal(skipped, result.Skipped);
        Assert.Equal(1, next.Created);
        Assert.Equal(Utc("2022-04-04T13:00:00Z"), occurrences[^1].DueAt);
        if (policy == "latest_only")
        {
            Assert.Equal(Utc("2022-03-28T13:00:00Z"), occurrences.Single(o => o.State == Domain.Maintenance.OccurrenceState.Created && o.DueAt < Utc("2022-04-01T00:00:00Z")).DueAt);
        }
    }

    [Fact]
    public async Task WaitForPrevious_HoldsUntilClosed()
    {
        var admin = await app.CreateAdminAsync();
        var asset = await AssetAsync(admin);
        var schedule = await ScheduleAsync(admin, Weekly(asset.Id, "2022-03-21T15:00:00", waitForPrevious: true));

        var first = await GenerateAsync(Utc("2022-03-21T14:30:00Z"), schedule.Id);
        var whileOpen = await GenerateAsync(Utc("2022-03-28T13:30:00Z"), schedule.Id);
        var firstWorkOrder = (await OccurrencesAsync(admin, schedule.Id)).Single().WorkOrderId!.Value;
        await CompleteAsync(admin, firstWorkOrder);
        var afterClose = await GenerateAsync(Utc("2022-03-28T13:30:00Z"), schedule.Id);

        Assert.Equal(1, first.Created);
        Assert.Equal(0, whileOpen.Created);
        Assert.Equal(1, afterClose.Created);
    }

    [Fact]
    public async Task Floating_CountsFromCompletion()
    {
        var admin = await app.CreateAdminAsync();
        var asset = await AssetAsync(admin);
        var schedule = await ScheduleAsync(admin, new
        {
            name = "Filter change " + NewTag(), trigger = "floating", assetIds = new[] { asset.Id },
            startsAt = "2026-01-05T09:00:00", timeZone = "Europe/Paris", intervalCount = 30, intervalUnit = "days",
        });

        var first = await GenerateAsync(Utc("2026-01-05T08:30:00Z"), schedule.Id);
        var beforeCompletion = await GenerateAsync(Utc("2027-06-01T00:00:00Z"), schedule.Id);
        var firstWorkOrder = (await OccurrencesAsync(admin, schedule.Id)).Single().WorkOrderId!.Value;
        await CompleteAsync(admin, firstWorkOrder);
        var completedAt = (await WorkOrderAsync(admin, firstWorkOrder)).CompletedAt!.Value;
        var expected = Recurrence.ToUtc(DateOnly.FromDateTime(Recurrence.ToLocal(completedAt, "Europe/Paris")).AddDays(30).ToDateTime(new TimeOnly(9, 0)), "Europe/Paris");
        var tooEarly = await GenerateAsync(expected.AddHours(-1), schedule.Id);
        var due = await GenerateAsync(expected, schedule.Id);

        Assert.Equal(1, first.Created);
        Assert.Equal(0, beforeCompletion.Created);
        Assert.Equal(0, tooEarly.Created);
        Assert.Equal(1, due.Created);
        Assert.Equal(expected, (await OccurrencesAsync(admin, schedule.Id))[^1].DueAt);
    }

    private static async Task<MeterResponse> MeterAsync(TestUser admin, long assetId, string name, string kind, bool cumulative)
    {
        var response = await admin.Client.PostJsonAsync($"/api/v1/assets/{assetId}/meters", new { name, kind, unit = "u", isCumulative = cumulative });
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return await response.ReadAsync<MeterResponse>();
    }

    private static async Task ReadAsync(TestUser admin, long meterId, double value) =>
        await (await admin.Client.PostJsonAsync($"/api/v1/meters/{meterId}/readings", new { value })).ShouldBeAsync(HttpStatusCode.Created);

    [Fact]
    public async Task Meter_EveryNUnitsFromLastService()
    {
        var admin = await app.CreateAdminAsync();
        var asset = await AssetAsync(admin);
        var hours = await MeterAsync(admin, asset.Id, "hours", "running_hours", cumulative: true);
        var schedule = await ScheduleAsync(admin, new
        {
            name = "500 h service " + NewTag(), trigger = "meter", assetIds = new[] { asset.Id }, meterName = "hours", meterInterval = 500,
        });

        await ReadAsync(admin, hours.Id, 300);
        var below = await GenerateAsync(DateTimeOffset.UtcNow, schedule.Id);
        await ReadAsync(admin, hours.Id, 520);
        var reached = await GenerateAsync(DateTimeOffset.UtcNow, schedule.Id);
        await CompleteAsync(admin, (await OccurrencesAsync(admin, schedule.Id)).Single().WorkOrderId!.Value);
        await ReadAsync(admin, hours.Id, 1000);
        var beforeNext = await GenerateAsync(DateTimeOffset.UtcNow, schedule.Id);
        await ReadAsync(admin, hours.Id, 1030);
        var next = await GenerateAsync(DateTimeOffset.UtcNow, schedule.Id);

        Assert.Equal(0, below.Created);
        Assert.Equal(1, reached.Created);
        Assert.Equal(0, beforeNext.Created);
        Assert.Equal(1, next.Created);
        Assert.Equal([500.0, 1020.0], (await OccurrencesAsync(admin, schedule.Id)).Select(o => o.MeterTarget!.Value).Order());
    }

    [Fact]
    public async Task Condition_HoveringOpensOneWorkOrder()
    {
        var admin = await app.CreateAdminAsync();
        var asset = await AssetAsync(admin);
        var vibration = await MeterAsync(admin, asset.Id, "vibration", "vibration", cumulative: false);
        var schedule = await ScheduleAsync(admin, new
        {
            name = "Vibration alarm " + NewTag(), trigger = "condition", type = "inspection", assetIds = new[] { asset.Id },
            meterName = "vibration", threshold = 7, direction = "above", resetBand = 1,
        });

        foreach (var value in new[] { 6.5, 7.2, 6.9, 7.3, 7.1, 7.4 })
        {
            await ReadAsync(admin, vibration.Id, value);
            await GenerateAsync(DateTimeOffset.UtcNow, schedule.Id);
        }

        var hovering = await OccurrencesAsync(admin, schedule.Id);
        await CompleteAsync(admin, hovering.Single().WorkOrderId!.Value);
        await ReadAsync(admin, vibration.Id, 7.5);
        var stillHigh = await GenerateAsync(DateTimeOffset.UtcNow, schedule.Id);
        await ReadAsync(admin, vibration.Id, 5.5);
        await ReadAsync(admin, vibration.Id, 7.6);
        var crossedAgain = await GenerateAsync(DateTimeOffset.UtcNow, schedule.Id);

        Assert.Single(hovering);
        Assert.Equal("inspection", (await WorkOrderAsync(admin, hovering[0].WorkOrderId!.Value)).Type);
        Assert.Equal(0, stillHigh.Created);
        Assert.Equal(1, crossedAgain.Created);
    }

    [Fact]
    public async Task Selection_EvaluatedAtGeneration()
    {
        var admin = await app.CreateAdminAsync();
        var type = await admin.Client.PostJsonAsync("/api/v1/asset-types", new { name = "Fire extinguisher " + NewTag() });
        await type.ShouldBeAsync(HttpStatusCode.Created);
        var typeId = (await type.ReadObjectAsync())["id"]!.GetValue<long>();
        var campus = await admin.LocationAsync("Campus " + NewTag());
        var hall = await admin.LocationAsync("Hall", campus.Id);
        var elsewhere = await admin.LocationAsync("Depot " + NewTag());
        var inHall = await AssetAsync(admin, hall.Id, typeId);
        await AssetAsync(admin, elsewhere.Id, typeId);
        await AssetAsync(admin, hall.Id);
        var team = await (await admin.Client.PostJsonAsync("/api/v1/teams", new { name = "Safety " + NewTag() })).ReadAsync<TeamResponse>();
        var schedule = await ScheduleAsync(admin, new
        {
            name = "Extinguisher check " + NewTag(), trigger = "calendar", selectionAssetTypeId = typeId, selectionLocationId = campus.Id,
            startsAt = "2024-01-01T08:00:00", timeZone = "UTC", rule = "FREQ=MONTHLY;BYMONTHDAY=1", teamId = team.Id,
        });

        await GenerateAsync(Utc("2024-01-01T08:30:00Z"), schedule.Id);
        var added = await AssetAsync(admin, hall.Id, typeId);
        await GenerateAsync(Utc("2024-02-01T08:30:00Z"), schedule.Id);
        var occurrences = await OccurrencesAsync(admin, schedule.Id);

        Assert.Equal([inHall.Id, inHall.Id, added.Id], occurrences.Select(o => o.AssetId).Order());
        Assert.Equal([team.Id], (await WorkOrderAsync(admin, occurrences[0].WorkOrderId!.Value)).AssigneeTeamIds);
    }

    [Theory]
    [InlineData("{\"name\":\"x\",\"trigger\":\"calendar\",\"startsAt\":\"2026-01-01T08:00:00\",\"rule\":\"FREQ=FORTNIGHTLY\"}", "rule")]
    [InlineData("{\"name\":\"x\",\"trigger\":\"calendar\",\"startsAt\":\"2026-01-01T08:00:00\",\"rule\":\"FREQ=MINUTELY\"}", "rule")]
    [InlineData("{\"name\":\"x\",\"trigger\":\"calendar\",\"startsAt\":\"2026-01-01T08:00:00Z\",\"rule\":\"FREQ=DAILY\"}", "startsAt")]
    [InlineData("{\"name\":\"x\",\"trigger\":\"calendar\",\"startsAt\":\"2026-01-01T08:00:00\",\"rule\":\"FREQ=DAILY\",\"timeZone\":\"Mars/Olympus\"}", "timeZone")]
    [InlineData("{\"name\":\"x\",\"trigger\":\"floating\",\"startsAt\":\"2026-01-01T08:00:00\",\"intervalUnit\":\"days\"}", "intervalCount")]
    [InlineData("{\"name\":\"x\",\"trigger\":\"meter\",\"meterInterval\":500}", "meterName")]
    [InlineData("{\"name\":\"x\",\"trigger\":\"condition\",\"meterName\":\"v\",\"direction\":\"above\"}", "threshold")]
    [InlineData("{\"name\":\"x\",\"trigger\":\"calendar\",\"startsAt\":\"2026-01-01T08:00:00\",\"rule\":\"FREQ=MONTHLY;INTERVAL=6\",\"manufacturerInterval\":\"FREQ=MONTHLY;INTERVAL=3\"}", "deviationJustification")]
    [InlineData("{\"name\":\"x\",\"trigger\":\"calendar\",\"startsAt\":\"2026-01-01T08:00:00\",\"rule\":\"FREQ=DAILY\",\"leadTimeDays\":400}", "leadTimeDays")]
    [InlineData("{\"name\":\"x\",\"trigger\":\"calendar\",\"startsAt\":\"2026-01-01T08:00:00\",\"rule\":\"FREQ=MONTHLY\",\"manufacturerInterval\":\"every month\",\"deviationJustification\":\"x\"}", "manufacturerInterval")]
    [InlineData("{\"name\":\"x\",\"trigger\":\"floating\",\"startsAt\":\"2026-01-01T08:00:00\",\"intervalCount\":30,\"intervalUnit\":\"days\",\"manufacturerInterval\":\"monthly\"}", "manufacturerInterval")]
    public async Task Create_Invalid_NamesFieldAndStoresNothing(string json, string field)
    {
        var admin = await app.CreateAdminAsync();
        var asset = await AssetAsync(admin);
        var name = "Invalid " + NewTag();
        var body = json.Replace("\"name\":\"x\"", $"\"name\":\"{name}\",\"assetIds\":[{asset.Id}]", StringComparison.Ordinal);

        var response = await admin.Client.PostAsync("/api/v1/schedules", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.True((await response.ReadObjectAsync())["errors"]!.AsObject().ContainsKey(field));
        var stored = await (await admin.Client.GetAsync($"/api/v1/schedules?q={Uri.EscapeDataString(name)}")).ReadAsync<List<ScheduleResponse>>();
        Assert.Empty(stored);
    }

    [Theory]
    [InlineData("FREQ=DAILY;UNTIL=2027-02-01T00:00:00Z", "UNTIL=2027-02-01T00:00:00Z")]
    [InlineData("FREQ=DAILY;COUNT=abc", "COUNT=abc")]
    [InlineData("FREQ=DAILY;INTERVAL=x", "INTERVAL=x")]
    [InlineData("FREQ=DAILY;BYDAY=XX", "BYDAY=XX")]
    [InlineData("FREQ=DAILY;COLOUR=1", "COLOUR")]
    [InlineData("FREQ=DAILY;FREQ=WEEKLY", "FREQ is given twice")]
    [InlineData("INTERVAL=2", "FREQ")]
    [InlineData("FREQ=DAILY;UNTIL=20251231", "never fall due")]
    public async Task Create_BadRulePart_NamesPart(string rule, string expected)
    {
        var admin = await app.CreateAdminAsync();
        var asset = await AssetAsync(admin);

        var response = await admin.Client.PostJsonAsync("/api/v1/schedules", new
        {
            name = "Rule " + NewTag(), trigger = "calendar", assetIds = new[] { asset.Id }, startsAt = "2026-01-01T08:00:00", rule,
        });

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        var message = (await response.ReadObjectAsync())["errors"]!["rule"]![0]!.GetValue<string>();
        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_BasicUntil_EndsRule()
    {
        var admin = await app.CreateAdminAsync();

        var preview = await admin.Client.PostJsonAsync("/api/v1/schedules/preview?count=10&from=2026-01-01T00:00:00Z", new
        {
            name = "Until", trigger = "calendar", assetIds = new[] { (await AssetAsync(admin)).Id }, startsAt = "2026-01-01T08:00:00",
            timeZone = "UTC", rule = "FREQ=DAILY;UNTIL=20260103T235959Z",
        });

        await preview.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(3, (await preview.ReadAsync<SchedulePreviewResponse>()).Occurrences.Count);
    }

    [Fact]
    public async Task Preview_CategorySelection_UsesLocationZone()
    {
        var admin = await app.CreateAdminAsync();
        var site = await admin.Client.PostJsonAsync("/api/v1/locations", new { name = "Site " + NewTag(), timeZone = "America/New_York" });
        var category = "Chiller-" + NewTag();
        var tag = NewTag();
        await (await admin.Client.PostJsonAsync("/api/v1/assets", new { tag, name = "Chiller " + tag, category, locationId = (await site.ReadAsync<LocationResponse>()).Id }))
            .ShouldBeAsync(HttpStatusCode.Created);

        var preview = await admin.Client.PostJsonAsync("/api/v1/schedules/preview?count=1&from=2026-01-01T00:00:00Z", new
        {
            name = "Chillers", trigger = "calendar", selectionCategory = category, startsAt = "2026-01-05T08:00:00", rule = "FREQ=WEEKLY",
        });

        await preview.ShouldBeAsync(HttpStatusCode.OK);
        var due = Assert.Single((await preview.ReadAsync<SchedulePreviewResponse>()).Occurrences);
        Assert.Equal("America/New_York", due.TimeZone);
        Assert.Equal(Utc("2026-01-05T13:00:00Z"), due.DueAt);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RuleChange_CreatesNothingOverdue(bool bulk)
    {
        var admin = await app.CreateAdminAsync();
        var asset = await AssetAsync(admin);
        var today = DateTime.UtcNow.Date;
        var body = new
        {
            name = "Rule change " + NewTag(), trigger = "calendar", assetIds = new[] { asset.Id }, timeZone = "UTC",
            startsAt = today.AddDays(-14).AddHours(8).ToString("s", System.Globalization.CultureInfo.InvariantCulture), rule = "FREQ=WEEKLY",
        };
        var schedule = await ScheduleAsync(admin, body);
        await GenerateAsync(DateTimeOffset.UtcNow, schedule.Id);
        var before = await OccurrencesAsync(admin, schedule.Id);

        var changedAt = DateTimeOffset.UtcNow;
        var change = bulk
            ? await admin.Client.PostJsonAsync("/api/v1/schedules/bulk", new { selection = new { ids = new[] { schedule.Id } }, set = new { rule = "FREQ=DAILY" }, preview = false })
            : await admin.Client.PutAsJsonAsync($"/api/v1/schedules/{schedule.Id}", body with { rule = "FREQ=DAILY" }, HttpExtensions.Json);
        await change.ShouldBeAsync(HttpStatusCode.OK);
        await GenerateAsync(changedAt.AddDays(2), schedule.Id);
        var added = (await OccurrencesAsync(admin, schedule.Id)).Where(o => before.TrueForAll(b => b.Id != o.Id)).ToList();

        Assert.NotEmpty(before);
        Assert.NotEmpty(added);
        Assert.All(added, o => Assert.True(o.DueAt > changedAt, $"{o.DueAt:O} is due before the rule changed at {changedAt:O}"));
        Assert.All(added, o => Assert.Equal(Domain.Maintenance.OccurrenceState.Created, o.State));
        Assert.Equal(added.Count, added.Select(o => o.DueAt.Date).Distinct().Count());
    }

    [Fact]
    public async Task MeterSchedule_MeterOnNoAsset_Rejected()
    {
        var admin = await app.CreateAdminAsync();
        var asset = await AssetAsync(admin);
        await MeterAsync(admin, asset.Id, "hours", "running_hours", cumulative: true);
        var name = "Missing meter " + NewTag();

        var response = await admin.Client.PostJsonAsync("/api/v1/schedules", new
        {
            name, trigger = "meter", assetIds = new[] { asset.Id }, meterName = "cycles", meterInterval = 500,
        });

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.Contains("\"cycles\"", (await response.ReadObjectAsync())["errors"]!["meterName"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var stored = await (await admin.Client.GetAsync($"/api/v1/schedules?q={Uri.EscapeDataString(name)}")).ReadAsync<List<ScheduleResponse>>();
        Assert.Empty(stored);
    }

    [Fact]
    public async Task MeterSchedule_NameInOtherCase_FallsDue()
    {
        var admin = await app.CreateAdminAsync();
        var asset = await AssetAsync(admin);
        var hours = await MeterAsync(admin, asset.Id, "hours", "running_hours", cumulative: true);
        var schedule = await ScheduleAsync(admin, new
        {
            name = "Service " + NewTag(), trigger = "meter", assetIds = new[] { asset.Id }, meterName = "HOURS", meterInterval = 100,
        });
        await (await admin.Client.PostJsonAsync($"/api/v1/meters/{hours.Id}/readings", new { value = 150 })).ShouldBeAsync(HttpStatusCode.Created);

        await GenerateAsync(DateTimeOffset.UtcNow, schedule.Id);

        var occurrence = Assert.Single(await OccurrencesAsync(admin, schedule.Id));
        Assert.Null(schedule.StartsAt);
        Assert.Equal(100, occurrence.MeterTarget);
        Assert.Equal(schedule.Id, (await WorkOrderAsync(admin, occurrence.WorkOrderId!.Value)).ScheduleId);
    }

    [Fact]
    public async Task Deviation_SameSpacing_NotFlagged()
    {
        var admin = await app.CreateAdminAsync();
        var asset = await AssetAsync(admin);

        var schedule = await ScheduleAsync(admin, new
        {
            name = "Quarterly " + NewTag(), trigger = "calendar", assetIds = new[] { asset.Id }, startsAt = "2026-01-01T08:00:00",
            rule = "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1;BYHOUR=8", manufacturerInterval = "FREQ=MONTHLY;INTERVAL=3",
        });

        Assert.Equal("none", schedule.DeviationStatus);
    }

    [Fact]
    public async Task Create_LowPriorityInactive_ReadBack()
    {
        var admin = await app.CreateAdminAsync();
        var asset = await AssetAsync(admin);
        var created = await ScheduleAsync(admin, new
        {
            name = "Paused " + NewTag(), trigger = "calendar", assetIds = new[] { asset.Id }, startsAt = "2026-01-01T08:00:00",
            rule = "FREQ=DAILY", priority = "low", isActive = false,
        });

        var stored = await (await admin.Client.GetAsync($"/api/v1/schedules/{created.Id}")).ReadAsync<ScheduleResponse>();
        var result = await GenerateAsync(Utc("2026-01-05T12:00:00Z"), created.Id);

        Assert.Equal(Domain.WorkOrders.Priority.Low, stored.Priority);
        Assert.False(stored.IsActive);
        Assert.Equal(0, result.Created);
    }

    [Fact]
    public async Task Create_WithoutAssets_Rejected()
    {
        var admin = await app.CreateAdminAsync();

        var response = await admin.Client.PostJsonAsync("/api/v1/schedules", new
        {
            name = "Nothing", trigger = "calendar", startsAt = "2026-01-01T08:00:00", rule = "FREQ=DAILY", assetIds = new[] { 987654321L },
        });

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.Contains("987654321", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class ScheduleSqliteTests(SqliteApp app) : ScheduleTests(app), IClassFixture<SqliteApp>;

public sealed class SchedulePostgresTests(PostgresApp app) : ScheduleTests(app), IClassFixture<PostgresApp>;
