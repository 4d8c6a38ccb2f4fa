using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workdesk.Data;
using Workdesk.Domain.Assets;
using Workdesk.Server.Features.Assets;
using Workdesk.Server.Features.Places;
using Workdesk.Server.Features.WorkOrders;
using Workdesk.Server.Infrastructure;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests;

public abstract class AssetTests(WorkdeskApp app)
{
    private static async Task<AssetResponse> AssetAsync(TestUser user, object body)
    {
        var response = await user.Client.PostJsonAsync("/api/v1/assets", body);
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return await response.ReadAsync<AssetResponse>();
    }

    private static string Tag(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    private sealed record Plant(TestUser Admin, LocationResponse East, LocationResponse West, AssetResponse Tower, AssetResponse Pump, AssetResponse Motor);

    private async Task<Plant> CreatePlantAsync()
    {
        var admin = await app.CreateAdminAsync();
        var east = await admin.LocationAsync("East plant " + Guid.NewGuid().ToString("N")[..6]);
        var west = await admin.LocationAsync("West plant " + Guid.NewGuid().ToString("N")[..6]);
        var tower = await AssetAsync(admin, new { tag = Tag("CT"), name = "Cooling tower", locationId = east.Id });
        var pump = await AssetAsync(admin, new { tag = Tag("P"), name = "Circulation pump", parentId = tower.Id });
        var motor = await AssetAsync(admin, new { tag = Tag("M"), name = "Pump motor", parentId = pump.Id });
        return new Plant(admin, east, west, tower, pump, motor);
    }

    private static async Task<AssetResponse> GetAsync(TestUser user, long id) =>
        await (await user.Client.GetAsync($"/api/v1/assets/{id}")).ReadAsync<AssetResponse>();

    [Fact]
    public async Task Create_ChildTakesParentLocationAndPath()
    {
        var plant = await CreatePlantAsync();

        Assert.Equal(plant.East.Id, plant.Pump.LocationId);
        Assert.Equal($"/{plant.Tower.Id}/{plant.Pump.Id}/{plant.Motor.Id}/", plant.Motor.Path);
    }

    [Fact]
    public async Task Move_CarriesGrandchildrenAndKeepsPastWorkLocation()
    {
        var plant = await CreatePlantAsync();
        var pastWork = await plant.Admin.WorkOrderAsync(new { title = "Replace pump seal", assetId = plant.Pump.Id, locationId = plant.East.Id });

        var moved = await plant.Admin.Client.PostJsonAsync($"/api/v1/assets/{plant.Tower.Id}/move", new { locationId = plant.West.Id });
        var pump = await GetAsync(plant.Admin, plant.Pump.Id);
        var motor = await GetAsync(plant.Admin, plant.Motor.Id);
        var work = await (await plant.Admin.Client.GetAsync($"/api/v1/work-orders/{pastWork.Id}")).ReadAsync<WorkOrderResponse>();
        var inWest = await (await plant.Admin.Client.GetAsync($"/api/v1/assets?locationId={plant.West.Id}")).ReadAsync<ListPage<AssetResponse>>();
        var timeline = await (await plant.Admin.Client.GetAsync($"/api/v1/assets/{plant.Motor.Id}/timeline")).ReadAsync<List<TimelineEntry>>();

        await moved.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(plant.West.Id, pump.LocationId);
        Assert.Equal(plant.West.Id, motor.LocationId);
        Assert.Equal(plant.Pump.Id, motor.ParentId);
        Assert.Equal(3, inWest.TotalCount);
        Assert.Equal(plant.East.Id, work.LocationId);
        Assert.Contains(timeline, e => e.Kind == "moved" && e.Description.Contains("along with asset", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Move_UnderOwnDescendant_IsRejected()
    {
        var plant = await CreatePlantAsync();

        var response = await plant.Admin.Client.PostJsonAsync($"/api/v1/assets/{plant.Tower.Id}/move", new { parentId = plant.Motor.Id });
        var tower = await GetAsync(plant.Admin, plant.Tower.Id);

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.True((await response.ReadObjectAsync())["errors"]!.AsObject().ContainsKey("parentId"));
        Assert.Null(tower.ParentId);
        Assert.Equal(plant.Tower.Version, tower.Version);
    }

    [Fact]
    public async Task Move_ToAnotherParent_RewritesSubtreePaths()
    {
        var plant = await CreatePlantAsync();
        var spare = await AssetAsync(plant.Admin, new { tag = Tag("CT"), name = "Spare tower", locationId = plant.West.Id });

        var response = await plant.Admin.Client.PostJsonAsync($"/api/v1/assets/{plant.Pump.Id}/move", new { parentId = spare.Id });
        var motor = await GetAsync(plant.Admin, plant.Motor.Id);
        var underSpare = await (await plant.Admin.Client.GetAsync($"/api/v1/assets?subtreeOf={spare.Id}")).ReadAsync<ListPage<AssetResponse>>();
        var underTower = await (await plant.Admin.Client.GetAsync($"/api/v1/assets?subtreeOf={plant.Tower.Id}")).ReadAsync<ListPage<AssetResponse>>();

        await response.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal($"/{spare.Id}/{plant.Pump.Id}/{plant.Motor.Id}/", motor.Path);
        Assert.Equal(plant.West.Id, motor.LocationId);
        Assert.Equal(2, underSpare.TotalCount);
        Assert.Equal(0, underTower.TotalCount);
    }

    [Fact]
    public async Task Update_UnrelatedField_KeepsLocationAndParent()
    {
        var plant = await CreatePlantAsync();
        var current = await plant.Admin.Client.GetAsync($"/api/v1/assets/{plant.Pump.Id}");

        var response = await plant.Admin.Client.PatchJsonAsync($"/api/v1/assets/{plant.Pump.Id}", """{"name":"Main circulation pump","criticality":5}""", current.ETag());
        var pump = await response.ReadAsync<AssetResponse>();

        await response.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(plant.Tower.Id, pump.ParentId);
        Assert.Equal(plant.East.Id, pump.LocationId);
        Assert.Equal(5, pump.Criticality);
    }

    [Fact]
    public async Task BulkMove_OneInvalid_MovesNone()
    {
        var plant = await CreatePlantAsync();

        var response = await plant.Admin.Client.PostJsonAsync("/api/v1/assets/move", new { ids = new[] { plant.Pump.Id, plant.Tower.Id }, parentId = plant.Motor.Id });
        var pump = await GetAsync(plant.Admin, plant.Pump.Id);

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.Equal(plant.Tower.Id, pump.ParentId);
    }

    [Fact]
    public async Task Status_DownAndBack_RecordsDowntime()
    {
        var plant = await CreatePlantAsync();

        var down = await plant.Admin.Client.PostJsonAsync($"/api/v1/assets/{plant.Pump.Id}/status", new { status = "down", reason = "Seal leaking" });
        var back = await plant.Admin.Client.PostJsonAsync($"/api/v1/assets/{plant.Pump.Id}/status", new { status = "in_service" });
        var retire = await plant.Admin.Client.PostJsonAsync($"/api/v1/assets/{plant.Pump.Id}/status", new { status = "retired" });
        var revive = await plant.Admin.Client.PostJsonAsync($"/api/v1/assets/{plant.Pump.Id}/status", new { status = "in_service" });
        var downtime = await (await plant.Admin.Client.GetAsync($"/api/v1/assets/{plant.Pump.Id}/downtime")).ReadAsync<List<DowntimeResponse>>();

        await down.ShouldBeAsync(HttpStatusCode.OK);
        await back.ShouldBeAsync(HttpStatusCode.OK);
        await retire.ShouldBeAsync(HttpStatusCode.OK);
        await revive.ShouldBeAsync(HttpStatusCode.Conflict);
        var period = Assert.Single(downtime);
        Assert.Equal("Seal leaking", period.Reason);
        Assert.NotNull(period.EndedAt);
    }

    [Fact]
    public async Task Warranties_ListsThoseEndingSoon()
    {
        var admin = await app.CreateAdminAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var soon = await AssetAsync(admin, new { tag = Tag("W"), name = "Chiller", warrantyStart = today.AddYears(-2), warrantyEnd = today.AddDays(10) });
        var later = await AssetAsync(admin, new { tag = Tag("W"), name = "Boiler", warrantyEnd = today.AddDays(100) });

        var within30 = await (await admin.Client.GetAsync("/api/v1/assets/warranties?withinDays=30")).ReadAsync<List<AssetResponse>>();
        var invalid = await admin.Client.PostJsonAsync("/api/v1/assets", new { tag = Tag("W"), name = "Bad", warrantyStart = today, warrantyEnd = today.AddDays(-1) });

        Assert.Contains(within30, a => a.Id == soon.Id);
        Assert.DoesNotContain(within30, a => a.Id == later.Id);
        await invalid.ShouldBeAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Depreciation_IsStraightLine()
    {
        var admin = await app.CreateAdminAsync();
        var installed = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-(int)(365.25 * 5));

        var asset = await AssetAsync(admin, new { tag = Tag("D"), name = "Air handler", purchaseCost = 20000m, currency = "EUR", installDate = installed, expectedLifeYears = 20 });
        var noCurrency = await admin.Client.PostJsonAsync("/api/v1/assets", new { tag = Tag("D"), name = "Fan", purchaseCost = 100m });

        Assert.NotNull(asset.Depreciation);
        Assert.Equal(1000m, asset.Depreciation!.DepreciationPerYear);
        Assert.InRange(asset.Depreciation.BookValue, 14990m, 15010m);
        Assert.InRange(asset.Depreciation.RemainingLifeYears, 14.9, 15.1);
        await noCurrency.ShouldBeAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task CustomFields_MustBeDefinedByType()
    {
        var admin = await app.CreateAdminAsync();
        var typeResponse = await admin.Client.PostJsonAsync("/api/v1/asset-types", new
        {
            name = "Infusion pump " + Guid.NewGuid().ToString("N")[..6],
            customFieldNames = new[] { "Firmware", "Calibration due" },
            parts = new[] { new { partNumber = "IP-100", name = "Battery pack", quantity = 1 } },
        });
        await typeResponse.ShouldBeAsync(HttpStatusCode.Created);
        var type = await typeResponse.ReadAsync<AssetTypeResponse>();

        var good = await admin.Client.PostJsonAsync("/api/v1/assets", new { tag = Tag("IP"), name = "Pump 1", assetTypeId = type.Id, customFields = new Dictionary<string, string> { ["Firmware"] = "4.2" } });
        var bad = await admin.Client.PostJsonAsync("/api/v1/assets", new { tag = Tag("IP"), name = "Pump 2", assetTypeId = type.Id, customFields = new Dictionary<string, string> { ["Colour"] = "red" } });

        await good.ShouldBeAsync(HttpStatusCode.Created);
        Assert.Equal("4.2", (await good.ReadAsync<AssetResponse>()).CustomFields!["Firmware"]);
        await bad.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.Equal("IP-100", Assert.Single(type.Parts).PartNumber);
    }

    [Fact]
    public async Task Timeline_ExportsCsv()
    {
        var plant = await CreatePlantAsync();
        await plant.Admin.WorkOrderAsync(new { title = "Inspect fan", assetId = plant.Tower.Id });
        await plant.Admin.Client.PostJsonAsync($"/api/v1/assets/{plant.Tower.Id}/status", new { status = "standby" });

        var response = await plant.Admin.Client.GetAsync($"/api/v1/assets/{plant.Tower.Id}/timeline?format=csv");
        var csv = await response.Content.ReadAsStringAsync();

        await response.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("at,kind,description", csv, StringComparison.Ordinal);
        Assert.Contains(",created,", csv, StringComparison.Ordinal);
        Assert.Contains(",work_order,", csv, StringComparison.Ordinal);
        Assert.Contains(",status_changed,", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bulk_PreviewThenAssignTeamToFilteredAssets()
    {
        var plant = await CreatePlantAsync();
        var category = "AHU-" + Guid.NewGuid().ToString("N")[..6];
        var handlers = new List<AssetResponse>();
        for (var i = 0; i < 3; i++)
        {
            handlers.Add(await AssetAsync(plant.Admin, new { tag = Tag("AHU"), name = $"Air handler {i}", category, locationId = plant.West.Id }));
        }

        await AssetAsync(plant.Admin, new { tag = Tag("AHU"), name = "Air handler elsewhere", category, locationId = plant.East.Id });
        var teamResponse = await plant.Admin.Client.PostJsonAsync("/api/v1/teams", new { name = "HVAC " + Guid.NewGuid().ToString("N")[..6] });
        var teamId = (await teamResponse.ReadObjectAsync())["id"]!.GetValue<long>();
        var selection = new { locationId = plant.West.Id, category };

        var preview = await (await plant.Admin.Client.PostJsonAsync("/api/v1/assets/bulk", new { selection, set = new { teamId }, preview = true })).ReadAsync<BulkAssetResponse>();
        var unchanged = await GetAsync(plant.Admin, handlers[0].Id);
        var applied = await (await plant.Admin.Client.PostJsonAsync("/api/v1/assets/bulk", new { selection, set = new { teamId }, preview = false })).ReadAsync<BulkAssetResponse>();
        var changed = await GetAsync(plant.Admin, handlers[0].Id);
        var everything = await plant.Admin.Client.PostJsonAsync("/api/v1/assets/bulk", new { selection = new { }, set = new { criticality = 1 }, preview = true });

        Assert.False(preview.Applied);
        Assert.Equal(3, preview.AssetCount);
        Assert.All(preview.Changes, c => Assert.Equal("teamId", c.Field));
        Assert.Null(unchanged.TeamId);
        Assert.True(applied.Applied);
        Assert.Equal(teamId, changed.TeamId);
        await everything.ShouldBeAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task RepairPaths_FillsRowsWrittenWithoutPaths()
    {
        var plant = await CreatePlantAsync();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();
        long[] ids = [plant.Tower.Id, plant.Pump.Id, plant.Motor.Id];
        await db.Assets.Where(a => ids.Contains(a.Id)).ExecuteUpdateAsync(s => s.SetProperty(a => a.Path, ""));

        var repaired = await AssetTree.RepairPathsAsync(db, CancellationToken.None);
        var motorPath = await db.Assets.Where(a => a.Id == plant.Motor.Id).Select(a => a.Path).SingleAsync();

        Assert.True(repaired >= 3);
        Assert.Equal($"/{plant.Tower.Id}/{plant.Pump.Id}/{plant.Motor.Id}/", motorPath);
    }
}

public sealed class AssetSqliteTests(SqliteApp app) : AssetTests(app), IClassFixture<SqliteApp>;

public sealed class AssetPostgresTests(PostgresApp app) : AssetTests(app), IClassFixture<PostgresApp>;
