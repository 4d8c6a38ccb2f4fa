using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Workdesk.Domain.People;
using Workdesk.Server.Features.People;
using Workdesk.Server.Features.Places;
using Workdesk.Server.Features.Schedules;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests;

public abstract class ForecastTests(WorkdeskApp app)
{
    private static string NewTag() => Guid.NewGuid().ToString("N")[..10];

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Workdesk.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("No folder above the test binaries contains Workdesk.slnx.");
    }

    private sealed record Setup(TestUser Admin, TeamResponse Team, AssetResponse Asset, ScheduleResponse Weekly, ScheduleResponse Floating);

    /// <summary>A team with a weekly Paris schedule of 2 hours and a floating 30-day schedule of 1 hour on one asset.</summary>
    private async Task<Setup> TeamPlanAsync()
    {
        var admin = await app.CreateAdminAsync();
        var team = await (await admin.Client.PostJsonAsync("/api/v1/teams", new { name = "Mechanics " + NewTag() })).ReadAsync<TeamResponse>();
        var tag = "FC-" + NewTag();
        var assetResponse = await admin.Client.PostJsonAsync("/api/v1/assets", new { tag, name = "Chiller " + tag });
        await assetResponse.ShouldBeAsync(HttpStatusCode.Created);
        var asset = await assetResponse.ReadAsync<AssetResponse>();
        var start = DateTime.UtcNow.Date.AddDays(1);
        var weekly = await (await admin.Client.PostJsonAsync("/api/v1/schedules", new
        {
            name = "Chiller round", trigger = "calendar", assetIds = new[] { asset.Id }, teamId = team.Id, estimatedHours = 2,
            startsAt = start.AddHours(9).ToString("s", System.Globalization.CultureInfo.InvariantCulture), timeZone = "Europe/Paris", rule = "FREQ=WEEKLY",
        })).ReadAsync<ScheduleResponse>();
        var floating = await (await admin.Client.PostJsonAsync("/api/v1/schedules", new
        {
            name = "Chiller oil", trigger = "floating", assetIds = new[] { asset.Id }, teamId = team.Id, estimatedHours = 1,
            startsAt = start.AddHours(7).ToString("s", System.Globalization.CultureInfo.InvariantCulture), timeZone = "Europe/Paris",
            intervalCount = 30, intervalUnit = "days",
        })).ReadAsync<ScheduleResponse>();
        return new Setup(admin, team, asset, weekly, floating);
    }

    [Fact]
    public async Task Forecast_CountsPerAssetTeamWeek()
    {
        var setup = await TeamPlanAsync();

        var response = await setup.Admin.Client.GetAsync($"/api/v1/forecast?teamId={setup.Team.Id}");

        await response.ShouldBeAsync(HttpStatusCode.OK);
        var forecast = await response.ReadAsync<ForecastResponse>();
        var items = await (await setup.Admin.Client.GetAsync($"/api/v1/forecast/occurrences?teamId={setup.Team.Id}")).ReadAsync<List<ForecastItem>>();
        var weekly = items.Count(i => i.ScheduleId == setup.Weekly.Id);
        var floating = items.Count(i => i.ScheduleId == setup.Floating.Id);
        Assert.InRange(weekly, 52, 53);
        Assert.InRange(floating, 12, 13);
        Assert.Equal(weekly + floating, forecast.Count);
        Assert.Equal((weekly * 2) + floating, forecast.Hours);
        var byAsset = Assert.Single(forecast.ByAsset);
        Assert.Equal(setup.Asset.Tag, byAsset.Label);
        var byTeam = Assert.Single(forecast.ByTeam);
        Assert.Equal(setup.Team.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), byTeam.Key);
        Assert.Equal(setup.Team.Name, byTeam.Label);
        Assert.Equal(forecast.Count, forecast.ByWeek.Sum(w => w.Count));
        Assert.All(forecast.ByWeek, w => Assert.Equal(DayOfWeek.Monday, DateOnly.Parse(w.Key, System.Globalization.CultureInfo.InvariantCulture).DayOfWeek));
        Assert.All(items.Where(i => i.ScheduleId == setup.Weekly.Id), i => Assert.Equal(9, i.Local.Hour));
    }

    [Fact]
    public async Task Forecast_MeterSchedule_ProjectsFromAverageUse()
    {
        var admin = await app.CreateAdminAsync();
        var tag = "MF-" + NewTag();
        var asset = await (await admin.Client.PostJsonAsync("/api/v1/assets", new { tag, name = "Compressor " + tag })).ReadAsync<AssetResponse>();
        var meterResponse = await admin.Client.PostJsonAsync($"/api/v1/assets/{asset.Id}/meters", new { name = "Hours", kind = "running_hours", unit = "h", isCumulative = true });
        await meterResponse.ShouldBeAsync(HttpStatusCode.Created);
        var meterId = (await meterResponse.ReadObjectAsync())["id"]!.GetValue<long>();
        var lastReadAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        foreach (var (value, at) in new[] { (1000.0, lastReadAt.AddDays(-10)), (1100.0, lastReadAt) })
        {
            await (await admin.Client.PostJsonAsync($"/api/v1/meters/{meterId}/readings", new { value, takenAt = at })).ShouldBeAsync(HttpStatusCode.Created);
        }

        var schedule = await (await admin.Client.PostJsonAsync("/api/v1/schedules", new
        {
            name = "Compressor 500 h " + tag, trigger = "meter", assetIds = new[] { asset.Id }, meterName = "hours", meterInterval = 500, estimatedHours = 3,
        })).ReadAsync<ScheduleResponse>();
        var items = await (await admin.Client.GetAsync($"/api/v1/forecast/occurrences?assetId={asset.Id}")).ReadAsync<List<ForecastItem>>();

        // 10 hours a day from 1,100 h: 1,600 h in 50 days, then every 50 days within the year.
        var projected = items.Where(i => i.ScheduleId == schedule.Id).ToList();
        Assert.Equal(7, projected.Count);
        Assert.Equal(lastReadAt.AddDays(50), projected[0].DueAt, TimeSpan.FromMinutes(1));
        Assert.Equal(lastReadAt.AddDays(350), projected[^1].DueAt, TimeSpan.FromMinutes(1));
        Assert.All(projected, i => Assert.Equal(3, i.EstimatedHours));
    }

    [Fact]
    public async Task Forecast_InvalidMonths_Rejected()
    {
        var admin = await app.CreateAdminAsync();

        var response = await admin.Client.GetAsync("/api/v1/forecast?months=40");

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task CalendarFeed_ParsedByIcalJs_MatchesForecast()
    {
        var parser = Path.Combine(RepositoryRoot(), "web", "scripts", "parse-ical.mjs");
        if (!Directory.Exists(Path.Combine(RepositoryRoot(), "web", "node_modules", "ical.js")))
        {
            Assert.Skip("web/node_modules/ical.js is missing; run `npm ci` in web/ to check the feed with an independent parser.");
        }

        var setup = await TeamPlanAsync();
        var created = await setup.Admin.Client.PostJsonAsync("/api/v1/calendar-feeds", new { teamId = setup.Team.Id });
        await created.ShouldBeAsync(HttpStatusCode.Created);
        var url = new Uri((await created.ReadAsync<CreatedCalendarFeedResponse>()).Url);
        var anonymous = app.CreateClient();

        var feed = await anonymous.GetAsync(url.PathAndQuery);

        await feed.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType!.MediaType);
        var file = Path.Combine(app.DataDirectory, $"feed-{NewTag()}.ics");
        await File.WriteAllTextAsync(file, await feed.Content.ReadAsStringAsync());
        using var node = Process.Start(new ProcessStartInfo("node", [parser, file]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await node.StandardOutput.ReadToEndAsync();
        var errors = await node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        Assert.True(node.ExitCode == 0, errors);
        using var parsed = JsonDocument.Parse(output);
        var events = parsed.RootElement.GetProperty("events").EnumerateArray()
            .Select(e => DateTimeOffset.Parse(e.GetProperty("start").GetString()!, System.Globalization.CultureInfo.InvariantCulture))
            .Order().ToList();
        var items = await (await setup.Admin.Client.GetAsync($"/api/v1/forecast/occurrences?teamId={setup.Team.Id}")).ReadAsync<List<ForecastItem>>();
        Assert.Equal("2.0", parsed.RootElement.GetProperty("version").GetString());
        Assert.Equal(items.Select(i => i.DueAt).Order(), events);
        Assert.True(events.Count > 60);
    }

    [Fact]
    public async Task CalendarFeed_Empty_StillValid()
    {
        var parser = Path.Combine(RepositoryRoot(), "web", "scripts", "parse-ical.mjs");
        if (!Directory.Exists(Path.Combine(RepositoryRoot(), "web", "node_modules", "ical.js")))
        {
            Assert.Skip("web/node_modules/ical.js is missing; run `npm ci` in web/ to check the feed with an independent parser.");
        }

        var admin = await app.CreateAdminAsync();
        var teamName = "Biomed " + NewTag();
        var team = await (await admin.Client.PostJsonAsync("/api/v1/teams", new { name = teamName })).ReadAsync<TeamResponse>();
        var created = await (await admin.Client.PostJsonAsync("/api/v1/calendar-feeds", new { teamId = team.Id })).ReadAsync<CreatedCalendarFeedResponse>();

        var feed = await app.CreateClient().GetAsync(new Uri(created.Url).PathAndQuery);

        await feed.ShouldBeAsync(HttpStatusCode.OK);
        var file = Path.Combine(app.DataDirectory, $"feed-{NewTag()}.ics");
        await File.WriteAllTextAsync(file, await feed.Content.ReadAsStringAsync());
        using var node = Process.Start(new ProcessStartInfo("node", [parser, file]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await node.StandardOutput.ReadToEndAsync();
        var errors = await node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        Assert.True(node.ExitCode == 0, errors);
        using var parsed = JsonDocument.Parse(output);
        Assert.Empty(parsed.RootElement.GetProperty("events").EnumerateArray());
        Assert.Equal(["vtimezone"], parsed.RootElement.GetProperty("components").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal($"Workdesk: {teamName} maintenance", parsed.RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task CalendarFeed_RevokedOrUnknown_NotFound()
    {
        var setup = await TeamPlanAsync();
        var created = await (await setup.Admin.Client.PostJsonAsync("/api/v1/calendar-feeds", new { teamId = setup.Team.Id })).ReadAsync<CreatedCalendarFeedResponse>();
        var anonymous = app.CreateClient();

        await (await setup.Admin.Client.DeleteAsync($"/api/v1/calendar-feeds/{created.Feed.Id}")).ShouldBeAsync(HttpStatusCode.NoContent);
        var revoked = await anonymous.GetAsync(new Uri(created.Url).PathAndQuery);
        var unknown = await anonymous.GetAsync("/api/v1/calendar-feeds/wdc_not-a-real-token.ics");

        await revoked.ShouldBeAsync(HttpStatusCode.NotFound);
        await unknown.ShouldBeAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CalendarFeed_TechnicianOnlyForSelf()
    {
        var setup = await TeamPlanAsync();
        var technician = await app.CreateUserAsync(Role.Technician);

        var forTeam = await technician.Client.PostJsonAsync("/api/v1/calendar-feeds", new { teamId = setup.Team.Id });
        var forSelf = await technician.Client.PostJsonAsync("/api/v1/calendar-feeds", new { userId = technician.Id });
        var both = await setup.Admin.Client.PostJsonAsync("/api/v1/calendar-feeds", new { teamId = setup.Team.Id, userId = technician.Id });

        await forTeam.ShouldBeAsync(HttpStatusCode.Forbidden);
        await forSelf.ShouldBeAsync(HttpStatusCode.Created);
        await both.ShouldBeAsync(HttpStatusCode.BadRequest);
    }
}

public sealed class ForecastSqliteTests(SqliteApp app) : ForecastTests(app), IClassFixture<SqliteApp>;

public sealed class ForecastPostgresTests(PostgresApp app) : ForecastTests(app), IClassFixture<PostgresApp>;
