using System.Net;
using System.Net.Http.Headers;
using Workdesk.Server.Features.Files;
using Workdesk.Server.Features.Places;
using Workdesk.Server.Infrastructure;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests;

public abstract class PlaceAndFileTests(WorkdeskApp app)
{
    private static readonly byte[] PngBytes =
    [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
        0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89,
    ];

    private static MultipartFormDataContent FileForm(byte[] bytes, string contentType, string name)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, "file", name } };
    }

    [Fact]
    public async Task Location_MoveRewritesSubtreePaths()
    {
        var admin = await app.CreateAdminAsync();
        var east = await admin.LocationAsync("East campus");
        var west = await admin.LocationAsync("West campus");
        var building = await admin.LocationAsync("Library", east.Id);
        var floor = await admin.LocationAsync("Floor 1", building.Id);
        var workOrder = await admin.WorkOrderAsync(new { title = "Shelf repair", locationId = floor.Id });
        var current = await admin.Client.GetAsync($"/api/v1/locations/{building.Id}");

        var moved = await admin.Client.PatchJsonAsync($"/api/v1/locations/{building.Id}", $$"""{"parentId":{{west.Id}}}""", current.ETag());
        var floorAfter = await (await admin.Client.GetAsync($"/api/v1/locations/{floor.Id}")).ReadAsync<LocationResponse>();
        var inWest = await (await admin.Client.GetAsync($"/api/v1/work-orders?locationId={west.Id}")).ReadAsync<ListPage<Features.WorkOrders.WorkOrderResponse>>();
        var inEast = await (await admin.Client.GetAsync($"/api/v1/work-orders?locationId={east.Id}")).ReadAsync<ListPage<Features.WorkOrders.WorkOrderResponse>>();

        await moved.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal($"/{west.Id}/{building.Id}/{floor.Id}/", floorAfter.Path);
        Assert.Equal([workOrder.Id], inWest.Items.Select(w => w.Id));
        Assert.Equal(0, inEast.TotalCount);
    }

    [Fact]
    public async Task Location_MoveUnderOwnChild_IsRejected()
    {
        var admin = await app.CreateAdminAsync();
        var building = await admin.LocationAsync("Gym");
        var floor = await admin.LocationAsync("Court", building.Id);
        var current = await admin.Client.GetAsync($"/api/v1/locations/{building.Id}");

        var response = await admin.Client.PatchJsonAsync($"/api/v1/locations/{building.Id}", $$"""{"parentId":{{floor.Id}}}""", current.ETag());

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Location_ListsChildrenAndSearchesTree()
    {
        var admin = await app.CreateAdminAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var site = await admin.LocationAsync("Site " + tag);
        await admin.LocationAsync("Boiler room " + tag, site.Id);
        await admin.LocationAsync("Attic " + tag, site.Id);

        var children = await (await admin.Client.GetAsync($"/api/v1/locations?parentId={site.Id}")).ReadAsync<ListPage<LocationResponse>>();
        var search = await (await admin.Client.GetAsync($"/api/v1/locations?q=boiler room {tag}")).ReadAsync<ListPage<LocationResponse>>();

        Assert.Equal([$"Attic {tag}", $"Boiler room {tag}"], children.Items.Select(l => l.Name));
        Assert.Single(search.Items);
    }

    [Fact]
    public async Task Asset_DuplicateTag_IsConflict()
    {
        var admin = await app.CreateAdminAsync();
        var tag = "PUMP-" + Guid.NewGuid().ToString("N")[..6];
        var first = await admin.Client.PostJsonAsync("/api/v1/assets", new { tag, name = "Chilled water pump" });

        var second = await admin.Client.PostJsonAsync("/api/v1/assets", new { tag, name = "Another pump" });

        await first.ShouldBeAsync(HttpStatusCode.Created);
        await second.ShouldBeAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Attachment_RoundTripsBytes()
    {
        var admin = await app.CreateAdminAsync();
        var workOrder = await admin.WorkOrderAsync(new { title = "Cracked tile" });

        var upload = await admin.Client.PostAsync($"/api/v1/work-orders/{workOrder.Id}/attachments", FileForm(PngBytes, "image/png", "tile.png"));
        await upload.ShouldBeAsync(HttpStatusCode.Created);
        var attachment = await upload.ReadAsync<AttachmentResponse>();
        var download = await admin.Client.GetAsync($"/api/v1/attachments/{attachment.Id}/content");
        var list = await (await admin.Client.GetAsync($"/api/v1/work-orders/{workOrder.Id}/attachments")).ReadAsync<List<AttachmentResponse>>();

        await download.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(PngBytes, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(PngBytes.Length, attachment.Size);
        Assert.Equal([attachment.Id], list.Select(a => a.Id));
    }

    [Fact]
    public async Task Attachment_ContentNotMatchingType_IsRejected()
    {
        var admin = await app.CreateAdminAsync();
        var workOrder = await admin.WorkOrderAsync(new { title = "Suspicious photo" });
        byte[] executable = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00];

        var disguised = await admin.Client.PostAsync($"/api/v1/work-orders/{workOrder.Id}/attachments", FileForm(executable, "image/png", "photo.png"));
        var unknownType = await admin.Client.PostAsync($"/api/v1/work-orders/{workOrder.Id}/attachments", FileForm(PngBytes, "application/x-msdownload", "setup.exe"));
        var list = await (await admin.Client.GetAsync($"/api/v1/work-orders/{workOrder.Id}/attachments")).ReadAsync<List<AttachmentResponse>>();

        await disguised.ShouldBeAsync(HttpStatusCode.BadRequest);
        await unknownType.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.Empty(list);
    }

    [Fact]
    public async Task Attachment_OverSizeLimit_IsRejected()
    {
        var admin = await app.CreateAdminAsync();
        var workOrder = await admin.WorkOrderAsync(new { title = "Huge scan" });
        var big = new byte[26 * 1024 * 1024];
        "%PDF-"u8.CopyTo(big);

        var response = await admin.Client.PostAsync($"/api/v1/work-orders/{workOrder.Id}/attachments", FileForm(big, "application/pdf", "scan.pdf"));

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Attachment_OnHiddenWorkOrder_IsNotFound()
    {
        var admin = await app.CreateAdminAsync();
        var requester = await app.CreateUserAsync(Domain.People.Role.Requester);
        var workOrder = await admin.WorkOrderAsync(new { title = "Staff only" });
        var upload = await admin.Client.PostAsync($"/api/v1/work-orders/{workOrder.Id}/attachments", FileForm(PngBytes, "image/png", "a.png"));
        var attachment = await upload.ReadAsync<AttachmentResponse>();

        var download = await requester.Client.GetAsync($"/api/v1/attachments/{attachment.Id}/content");

        await download.ShouldBeAsync(HttpStatusCode.NotFound);
    }
}

public sealed class PlaceAndFileSqliteTests(SqliteApp app) : PlaceAndFileTests(app), IClassFixture<SqliteApp>;

public sealed class PlaceAndFilePostgresTests(PostgresApp app) : PlaceAndFileTests(app), IClassFixture<PostgresApp>;
