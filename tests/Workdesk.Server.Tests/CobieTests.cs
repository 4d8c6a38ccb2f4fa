using System.Net;
using System.Net.Http.Headers;
using Workdesk.Server.Features.Assets.Cobie;
using Workdesk.Server.Features.Places;
using Workdesk.Server.Infrastructure;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests;

/// <summary>Imports the East Dormitory COBie handover workbook, a real design-stage building register.</summary>
public abstract class CobieTests(WorkdeskApp app)
{
    private static MultipartFormDataContent Workbook(byte[] bytes)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return new MultipartFormDataContent { { file, "file", "building.xlsx" } };
    }

    [Fact]
    public async Task Import_RealWorkbook_IsCompleteAndRepeatable()
    {
        var admin = await app.CreateAdminAsync();
        var bytes = await File.ReadAllBytesAsync(SharedData.PathOf("cobie/2016-02-07-Dormitory.xlsx"));

        var first = await admin.Client.PostAsync("/api/v1/import/cobie", Workbook(bytes));
        await first.ShouldBeAsync(HttpStatusCode.OK);
        var report = await first.ReadAsync<CobieReport>();
        var second = await (await admin.Client.PostAsync("/api/v1/import/cobie", Workbook(bytes))).ReadAsync<CobieReport>();
        var roots = await (await admin.Client.GetAsync("/api/v1/locations?q=East Dormitory")).ReadAsync<ListPage<LocationResponse>>();
        var facility = Assert.Single(roots.Items);
        var assets = await (await admin.Client.GetAsync($"/api/v1/assets?locationId={facility.Id}&pageSize=1")).ReadAsync<ListPage<AssetResponse>>();

        // Another test of this class may have imported the workbook already, so created and updated count together.
        Assert.Equal(1 + 4 + 63 + 63, report.LocationsCreated + report.LocationsUpdated + report.Rejected.Count(r => r.Sheet is "Floor" or "Space" or "Zone"));
        Assert.Equal(99, report.TypesCreated + report.TypesUpdated);
        Assert.Equal(397, report.AssetsCreated + report.AssetsUpdated + report.Rejected.Count(r => r.Sheet == "Component"));
        Assert.All(report.Rejected, r => Assert.False(string.IsNullOrEmpty(r.Reason)));
        Assert.Equal(0, second.LocationsCreated);
        Assert.Equal(0, second.TypesCreated);
        Assert.Equal(0, second.AssetsCreated);
        Assert.Equal(report.AssetsCreated + report.AssetsUpdated, second.AssetsUpdated);
        Assert.Equal(second.AssetsUpdated, assets.TotalCount);
    }

    [Fact]
    public async Task Import_SpacesSitUnderTheirFloors()
    {
        var admin = await app.CreateAdminAsync();
        var bytes = await File.ReadAllBytesAsync(SharedData.PathOf("cobie/2016-02-07-Dormitory.xlsx"));
        await admin.Client.PostAsync("/api/v1/import/cobie", Workbook(bytes));

        var found = await (await admin.Client.GetAsync("/api/v1/locations?q=101 EXERCISE ROOM")).ReadAsync<ListPage<LocationResponse>>();
        var space = Assert.Single(found.Items);
        var floor = await (await admin.Client.GetAsync($"/api/v1/locations/{space.ParentId}")).ReadAsync<LocationResponse>();

        Assert.Equal("Level One", floor.Name);
        Assert.Equal(3, space.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Import_NotAWorkbook_IsRejected()
    {
        var admin = await app.CreateAdminAsync();

        var text = await admin.Client.PostAsync("/api/v1/import/cobie", Workbook("Name,Floor\nA,B\n"u8.ToArray()));
        var technician = await app.CreateUserAsync(Domain.People.Role.Technician);
        var forbidden = await technician.Client.PostAsync("/api/v1/import/cobie", Workbook([1, 2, 3]));

        await text.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.Contains("COBie", (await text.ReadObjectAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await forbidden.ShouldBeAsync(HttpStatusCode.Forbidden);
    }
}

public sealed class CobieSqliteTests(SqliteApp app) : CobieTests(app), IClassFixture<SqliteApp>;

public sealed class CobiePostgresTests(PostgresApp app) : CobieTests(app), IClassFixture<PostgresApp>;
