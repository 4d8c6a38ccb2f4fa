using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Workdesk.Server.Features.Meters;
using Workdesk.Server.Features.Places;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests;

public abstract class MeterTests(WorkdeskApp app)
{
    private static string NewTag() => "M-" + Guid.NewGuid().ToString("N")[..10];

    private static async Task<AssetResponse> AssetAsync(TestUser admin, string tag)
    {
        var response = await admin.Client.PostJsonAsync("/api/v1/assets", new { tag, name = "Compressor " + tag });
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return await response.ReadAsync<AssetResponse>();
    }

    private static async Task<MeterResponse> MeterAsync(TestUser admin, long assetId, string name, string kind, string unit, bool cumulative)
    {
        var response = await admin.Client.PostJsonAsync($"/api/v1/assets/{assetId}/meters", new { name, kind, unit, isCumulative = cumulative });
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return await response.ReadAsync<MeterResponse>();
    }

    private static async Task<List<ReadingResponse>> ReadingsAsync(TestUser user, long meterId) =>
        await (await user.Client.GetAsync($"/api/v1/meters/{meterId}/readings")).ReadAsync<List<ReadingResponse>>();

    private async Task<(TestUser Admin, AssetResponse Asset, MeterResponse Hours)> HourMeterAsync()
    {
        var admin = await app.CreateAdminAsync();
        var asset = await AssetAsync(admin, NewTag());
        var hours = await MeterAsync(admin, asset.Id, "hours", "running_hours", "h", cumulative: true);
        return (admin, asset, hours);
    }

    [Fact]
    public async Task Cumulative_LowerReading_Rejected()
    {
        var (admin, _, hours) = await HourMeterAsync();
        await (await admin.Client.PostJsonAsync($"/api/v1/meters/{hours.Id}/readings", new { value = 1200.5 })).ShouldBeAsync(HttpStatusCode.Created);

        var lower = await admin.Client.PostJsonAsync($"/api/v1/meters/{hours.Id}/readings", new { value = 1100 });

        await lower.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.Contains("reset", (await lower.ReadObjectAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(await ReadingsAsync(admin, hours.Id));
    }

    [Fact]
    public async Task Cumulative_Rollover_CountsWrappedUnits()
    {
        var (admin, _, hours) = await HourMeterAsync();
        await (await admin.Client.PostJsonAsync($"/api/v1/meters/{hours.Id}/readings", new { value = 99_900 })).ShouldBeAsync(HttpStatusCode.Created);

        var wrapped = await admin.Client.PostJsonAsync($"/api/v1/meters/{hours.Id}/readings", new { value = 150, reset = true, rolloverValue = 100_000 });
        await wrapped.ShouldBeAsync(HttpStatusCode.Created);
        var reset = await admin.Client.PostJsonAsync($"/api/v1/meters/{hours.Id}/readings", new { value = 10, reset = true });
        await reset.ShouldBeAsync(HttpStatusCode.Created);

        Assert.Equal(99_900 + 100 + 150, (await wrapped.ReadAsync<ReadingResponse>()).Total);
        Assert.Equal(99_900 + 100 + 150 + 10, (await reset.ReadAsync<ReadingResponse>()).Total);
    }

    [Theory]
    [InlineData("{\"value\": 50, \"reset\": true, \"rolloverValue\": 40}", "rolloverValue")]
    [InlineData("{\"value\": 50, \"rolloverValue\": 1000}", "rolloverValue")]
    [InlineData("{\"value\": -1, \"reset\": true}", "value")]
    [InlineData("{}", "value")]
    [InlineData("{\"value\": 60, \"takenAt\": \"2999-01-01T00:00:00Z\"}", "takenAt")]
    public async Task Reading_Invalid_WritesNothing(string body, string field)
    {
        var (admin, _, hours) = await HourMeterAsync();
        await (await admin.Client.PostJsonAsync($"/api/v1/meters/{hours.Id}/readings", new { value = 45 })).ShouldBeAsync(HttpStatusCode.Created);

        var response = await admin.Client.PostAsync(
            $"/api/v1/meters/{hours.Id}/readings", new StringContent(body, Encoding.UTF8, "application/json"));

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.True((await response.ReadObjectAsync())["errors"]!.AsObject().ContainsKey(field));
        Assert.Single(await ReadingsAsync(admin, hours.Id));
    }

    [Fact]
    public async Task Meter_KindReadBackAsGiven()
    {
        var (admin, asset, _) = await HourMeterAsync();

        var meters = await (await admin.Client.GetAsync($"/api/v1/assets/{asset.Id}/meters")).ReadAsync<List<MeterResponse>>();

        Assert.Equal(Domain.Maintenance.MeterKind.RunningHours, Assert.Single(meters).Kind);
    }

    [Fact]
    public async Task Gauge_AcceptsFallingValues()
    {
        var admin = await app.CreateAdminAsync();
        var asset = await AssetAsync(admin, NewTag());
        var vibration = await MeterAsync(admin, asset.Id, "bearing vibration", "vibration", "mm/s", cumulative: false);

        foreach (var value in new[] { 7.4, 3.1, 6.9 })
        {
            await (await admin.Client.PostJsonAsync($"/api/v1/meters/{vibration.Id}/readings", new { value })).ShouldBeAsync(HttpStatusCode.Created);
        }

        var meters = await (await admin.Client.GetAsync($"/api/v1/assets/{asset.Id}/meters")).ReadAsync<List<MeterResponse>>();
        Assert.Equal(6.9, Assert.Single(meters).LastValue);
        var gaugeReset = await admin.Client.PostJsonAsync($"/api/v1/meters/{vibration.Id}/readings", new { value = 1, reset = true });
        await gaugeReset.ShouldBeAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("", "running_hours", "h", "name")]
    [InlineData("hours", "furlongs", "h", "kind")]
    [InlineData("hours", "running_hours", "", "unit")]
    public async Task Meter_Invalid_NamesField(string name, string kind, string unit, string field)
    {
        var admin = await app.CreateAdminAsync();
        var asset = await AssetAsync(admin, NewTag());

        var response = await admin.Client.PostJsonAsync($"/api/v1/assets/{asset.Id}/meters", new { name, kind, unit, isCumulative = true });

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        if (field != "kind")
        {
            Assert.True((await response.ReadObjectAsync())["errors"]!.AsObject().ContainsKey(field));
        }

        var meters = await (await admin.Client.GetAsync($"/api/v1/assets/{asset.Id}/meters")).ReadAsync<List<MeterResponse>>();
        Assert.Empty(meters);
    }

    [Theory]
    [InlineData("Hours")]
    [InlineData("HOURS")]
    [InlineData(" hours ")]
    public async Task Meter_NameDiffersInCase_Conflict(string name)
    {
        var (admin, asset, _) = await HourMeterAsync();

        var response = await admin.Client.PostJsonAsync($"/api/v1/assets/{asset.Id}/meters", new { name, kind = "running_hours", unit = "h", isCumulative = true });

        await response.ShouldBeAsync(HttpStatusCode.Conflict);
        Assert.Contains("\"hours\"", (await response.ReadObjectAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var meters = await (await admin.Client.GetAsync($"/api/v1/assets/{asset.Id}/meters")).ReadAsync<List<MeterResponse>>();
        Assert.Single(meters);
    }

    [Fact]
    public async Task Meter_SameNameOtherAsset_Created()
    {
        var (admin, _, _) = await HourMeterAsync();
        var other = await AssetAsync(admin, NewTag());

        var meter = await MeterAsync(admin, other.Id, "Hours", "running_hours", "h", cumulative: true);

        Assert.Equal("Hours", meter.Name);
    }

    [Fact]
    public async Task Csv_MeterNameInOtherCase_Matches()
    {
        var (admin, asset, hours) = await HourMeterAsync();
        var csv = $"asset_tag,meter,value\n{asset.Tag},HOURS,10\n";

        var response = await admin.Client.PostAsync("/api/v1/meter-readings/csv", new StringContent(csv, Encoding.UTF8, "text/csv"));

        await response.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(10, Assert.Single(await ReadingsAsync(admin, hours.Id)).Value);
    }

    [Theory]
    [InlineData("{\"value\": 60, \"takenAt\": \"2020-01-01T00:00:00Z\"}", "takenAt")]
    [InlineData("{\"value\": 10}", "value")]
    public async Task Reading_Error_KeyedByField(string body, string field)
    {
        var (admin, _, hours) = await HourMeterAsync();
        await (await admin.Client.PostJsonAsync($"/api/v1/meters/{hours.Id}/readings", new { value = 45 })).ShouldBeAsync(HttpStatusCode.Created);

        var response = await admin.Client.PostAsync(
            $"/api/v1/meters/{hours.Id}/readings", new StringContent(body, Encoding.UTF8, "application/json"));

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        var errors = (await response.ReadObjectAsync())["errors"]!.AsObject();
        Assert.Equal([field], errors.Select(e => e.Key));
        Assert.Single(await ReadingsAsync(admin, hours.Id));
    }

    [Fact]
    public async Task Csv_StoresAllRows()
    {
        var (admin, asset, hours) = await HourMeterAsync();
        var csv = $"asset_tag,meter,value,taken_at\n{asset.Tag},hours,10,2026-01-01T08:00:00Z\n{asset.Tag},hours,25.5,2026-01-02T08:00:00Z\n";

        var response = await admin.Client.PostAsync("/api/v1/meter-readings/csv", new StringContent(csv, Encoding.UTF8, "text/csv"));

        await response.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(2, (await response.ReadAsync<ReadingBatchResponse>()).Stored);
        var readings = await ReadingsAsync(admin, hours.Id);
        Assert.Equal([25.5, 10], readings.Select(r => r.Value));
        Assert.All(readings, r => Assert.Equal(Domain.Maintenance.ReadingSource.Csv, r.Source));
    }

    [Theory]
    [InlineData("meter_id,value\n{0},12\n{0},abc\n", "Line 3, column value")]
    [InlineData("meter_id,value\n{0},12\n{0},5\n", "rows[1].value")]
    [InlineData("meter_id,value,colour\n{0},12,red\n", "Unknown column")]
    [InlineData("meter_id,value\n{0},12\n999999999,5\n", "rows[1].meter_id")]
    [InlineData("meter_id,value,rollover_value\n{0},12,\n{0},15,1000\n", "rows[1].rollover_value")]
    public async Task Csv_BadRow_StoresNothing(string template, string expected)
    {
        var (admin, _, hours) = await HourMeterAsync();
        var csv = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, hours.Id);

        var response = await admin.Client.PostAsync("/api/v1/meter-readings/csv", new StringContent(csv, Encoding.UTF8, "text/csv"));

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await ReadingsAsync(admin, hours.Id));
    }

    private async Task<HttpClient> SensorClientAsync(TestUser admin, long? assetId)
    {
        var created = await admin.Client.PostJsonAsync("/api/v1/sensor-tokens", new { name = "PLC gateway " + NewTag(), assetId });
        await created.ShouldBeAsync(HttpStatusCode.Created);
        var token = await created.ReadAsync<CreatedSensorTokenResponse>();
        Assert.StartsWith("wds_", token.Secret, StringComparison.Ordinal);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Secret);
        return client;
    }

    [Fact]
    public async Task Sensor_SingleAndBatch_Stored()
    {
        var (admin, asset, hours) = await HourMeterAsync();
        var sensor = await SensorClientAsync(admin, asset.Id);

        var single = await sensor.PostJsonAsync("/api/v1/sensor/readings", new { assetTag = asset.Tag, meter = "hours", value = 5, takenAt = "2026-02-01T00:00:00Z" });
        var batch = await sensor.PostJsonAsync("/api/v1/sensor/readings/batch", new
        {
            readings = new object[]
            {
                new { meterId = hours.Id, value = 9, takenAt = "2026-02-01T02:00:00Z" },
                new { meterId = hours.Id, value = 7, takenAt = "2026-02-01T01:00:00Z" },
            },
        });

        await single.ShouldBeAsync(HttpStatusCode.Created);
        await batch.ShouldBeAsync(HttpStatusCode.OK);
        var readings = await ReadingsAsync(admin, hours.Id);
        Assert.Equal([9.0, 7, 5], readings.Select(r => r.Value));
        Assert.All(readings, r => Assert.Equal(Domain.Maintenance.ReadingSource.Sensor, r.Source));
    }

    [Theory]
    [InlineData("{\"value\": 5}", "meterId", "missing")]
    [InlineData("{\"value\": 5, \"assetTag\": \"{0}\"}", "meter", "missing")]
    [InlineData("{\"value\": 5, \"meter\": \"hours\"}", "assetTag", "missing")]
    [InlineData("{\"value\": 5, \"assetTag\": \"{0}\", \"meter\": \"oil pressure\"}", "meter", "No meter named \"oil pressure\"")]
    public async Task Sensor_MeterMissing_Explains(string template, string field, string expected)
    {
        var (admin, asset, hours) = await HourMeterAsync();
        var sensor = await SensorClientAsync(admin, null);
        var body = template.Replace("{0}", asset.Tag, StringComparison.Ordinal);

        var response = await sensor.PostAsync("/api/v1/sensor/readings", new StringContent(body, Encoding.UTF8, "application/json"));

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        var problem = await response.ReadObjectAsync();
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field));
        Assert.Contains(expected, problem["errors"]![field]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await ReadingsAsync(admin, hours.Id));
    }

    [Fact]
    public async Task Sensor_BatchWithBadReading_StoresNone()
    {
        var (admin, asset, hours) = await HourMeterAsync();
        var sensor = await SensorClientAsync(admin, null);

        var batch = await sensor.PostJsonAsync("/api/v1/sensor/readings/batch", new
        {
            readings = new object[]
            {
                new { meterId = hours.Id, value = 100, takenAt = "2026-02-01T01:00:00Z" },
                new { meterId = hours.Id, value = 90, takenAt = "2026-02-01T02:00:00Z" },
            },
        });

        await batch.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.True((await batch.ReadObjectAsync())["errors"]!.AsObject().ContainsKey("readings[1].value"));
        Assert.Empty(await ReadingsAsync(admin, hours.Id));
    }

    [Fact]
    public async Task SensorToken_OnlyPostsReadings()
    {
        var (admin, asset, hours) = await HourMeterAsync();
        var sensor = await SensorClientAsync(admin, asset.Id);
        var other = await AssetAsync(admin, NewTag());
        var otherMeter = await MeterAsync(admin, other.Id, "hours", "running_hours", "h", cumulative: true);

        var listAssets = await sensor.GetAsync("/api/v1/assets");
        var manual = await sensor.PostJsonAsync($"/api/v1/meters/{hours.Id}/readings", new { value = 1 });
        var foreign = await sensor.PostJsonAsync("/api/v1/sensor/readings", new { meterId = otherMeter.Id, value = 1 });
        var userToken = await admin.Client.PostJsonAsync("/api/v1/sensor/readings", new { meterId = hours.Id, value = 1 });

        await listAssets.ShouldBeAsync(HttpStatusCode.Unauthorized);
        await manual.ShouldBeAsync(HttpStatusCode.Unauthorized);
        await foreign.ShouldBeAsync(HttpStatusCode.Forbidden);
        await userToken.ShouldBeAsync(HttpStatusCode.Unauthorized);
        Assert.Empty(await ReadingsAsync(admin, hours.Id));
        Assert.Empty(await ReadingsAsync(admin, otherMeter.Id));
    }

    [Fact]
    public async Task SensorToken_Revoked_Rejected()
    {
        var (admin, _, hours) = await HourMeterAsync();
        var created = await (await admin.Client.PostJsonAsync("/api/v1/sensor-tokens", new { name = "old gateway" })).ReadAsync<CreatedSensorTokenResponse>();
        var sensor = app.CreateClient();
        sensor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Secret);

        await (await admin.Client.DeleteAsync($"/api/v1/sensor-tokens/{created.Token.Id}")).ShouldBeAsync(HttpStatusCode.NoContent);
        var response = await sensor.PostJsonAsync("/api/v1/sensor/readings", new { meterId = hours.Id, value = 1 });

        await response.ShouldBeAsync(HttpStatusCode.Unauthorized);
    }
}

public sealed class MeterSqliteTests(SqliteApp app) : MeterTests(app), IClassFixture<SqliteApp>;

public sealed class MeterPostgresTests(PostgresApp app) : MeterTests(app), IClassFixture<PostgresApp>;
