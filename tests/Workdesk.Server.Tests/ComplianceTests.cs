using System.Globalization;
using System.Net;
using Workdesk.Server.Features.People;
using Workdesk.Server.Features.Schedules;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests;

public abstract class ComplianceTests(WorkdeskApp app)
{
    private static async Task CompleteAsync(TestUser user, long workOrderId)
    {
        foreach (var status in new[] { "in_progress", "completed" })
        {
            var etag = (await user.Client.GetAsync($"/api/v1/work-orders/{workOrderId}")).ETag();
            await (await user.Client.PostJsonAsync($"/api/v1/work-orders/{workOrderId}/status", new { status }, ifMatch: etag)).ShouldBeAsync(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Compliance_PerSiteTeamAndType()
    {
        var admin = await app.CreateAdminAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var site = await admin.LocationAsync("Hospital " + tag);
        var ward = await admin.LocationAsync("Ward 3", site.Id);
        var team = await (await admin.Client.PostJsonAsync("/api/v1/teams", new { name = "Biomed " + tag })).ReadAsync<TeamResponse>();
        var type = await admin.Client.PostJsonAsync("/api/v1/asset-types", new { name = "Infusion pump " + tag });
        var typeId = (await type.ReadObjectAsync())["id"]!.GetValue<long>();
        var asset = await admin.Client.PostJsonAsync("/api/v1/assets", new { tag = "IP-" + tag, name = "Pump", locationId = ward.Id, assetTypeId = typeId });
        var assetId = (await asset.ReadObjectAsync())["id"]!.GetValue<long>();
        var now = DateTimeOffset.UtcNow;
        async Task<long> WorkAsync(string type, TimeSpan dueIn, bool complete)
        {
            var workOrder = await admin.WorkOrderAsync(new
            {
                title = "PM " + tag, type, locationId = ward.Id, assetId, assigneeTeamIds = new[] { team.Id }, dueAt = now + dueIn,
            });
            if (complete)
            {
                await CompleteAsync(admin, workOrder.Id);
            }

            return workOrder.Id;
        }

        await WorkAsync("preventive", TimeSpan.FromDays(-10), complete: true);
        await WorkAsync("preventive", TimeSpan.FromDays(-1), complete: true);
        await WorkAsync("preventive", TimeSpan.FromDays(1), complete: true);
        await WorkAsync("preventive", TimeSpan.FromDays(-2), complete: false);
        await WorkAsync("preventive", TimeSpan.FromDays(5), complete: false);
        await WorkAsync("corrective", TimeSpan.FromDays(-1), complete: false);

        var response = await admin.Client.GetAsync($"/api/v1/pm-compliance?from={Uri.EscapeDataString(now.AddDays(-30).ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(now.AddDays(30).ToString("O", CultureInfo.InvariantCulture))}&toleranceDays=3");

        await response.ShouldBeAsync(HttpStatusCode.OK);
        var report = await response.ReadAsync<ComplianceResponse>();
        var groups = new[]
        {
            report.BySite.Single(g => g.Key == site.Id.ToString(CultureInfo.InvariantCulture)),
            report.ByTeam.Single(g => g.Key == team.Id.ToString(CultureInfo.InvariantCulture)),
            report.ByAssetType.Single(g => g.Key == typeId.ToString(CultureInfo.InvariantCulture)),
        };
        foreach (var group in groups)
        {
            Assert.Equal(4, group.Due);
            Assert.Equal(1, group.CompletedOnTime);
            Assert.Equal(2, group.CompletedWithinTolerance);
            Assert.Equal(0.25, group.OnTimeRate);
            Assert.Equal(0.5, group.ToleranceRate);
        }

        Assert.Equal("Hospital " + tag, groups[0].Label);
        Assert.Equal("Biomed " + tag, groups[1].Label);
    }

    [Theory]
    [InlineData("from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from")]
    [InlineData("toleranceDays=-1", "toleranceDays")]
    public async Task Compliance_Invalid_Rejected(string query, string field)
    {
        var admin = await app.CreateAdminAsync();

        var response = await admin.Client.GetAsync("/api/v1/pm-compliance?" + query);

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.True((await response.ReadObjectAsync())["errors"]!.AsObject().ContainsKey(field));
    }
}

public sealed class ComplianceSqliteTests(SqliteApp app) : ComplianceTests(app), IClassFixture<SqliteApp>;

public sealed class CompliancePostgresTests(PostgresApp app) : ComplianceTests(app), IClassFixture<PostgresApp>;
