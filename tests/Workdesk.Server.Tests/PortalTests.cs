using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Workdesk.Domain.Requests;
using Workdesk.Server.Features.Public;
using Workdesk.Server.Features.Requests;
using Workdesk.Server.Infrastructure;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests;

/// <summary>The request link path: a person without an account reports a problem and follows it.</summary>
public abstract class PortalTests(WorkdeskApp app)
{
    private static readonly byte[] JpegBytes = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01];

    private static MultipartFormDataContent Form(string? placeKey, string? description, string? email = null, byte[]? photo = null, string photoType = "image/jpeg")
    {
        var form = new MultipartFormDataContent();
        if (placeKey is not null)
        {
            form.Add(new StringContent(placeKey), "placeKey");
        }

        if (description is not null)
        {
            form.Add(new StringContent(description), "description");
        }

        if (email is not null)
        {
            form.Add(new StringContent(email), "contactEmail");
        }

        if (photo is not null)
        {
            var file = new ByteArrayContent(photo);
            file.Headers.ContentType = new MediaTypeHeaderValue(photoType);
            form.Add(file, "photo", "photo.jpg");
        }

        return form;
    }

    [Fact]
    public async Task Place_ResolvesLocationAndAssetKeys()
    {
        var admin = await app.CreateAdminAsync();
        var building = await admin.LocationAsync("Science hall");
        var room = await admin.LocationAsync("Lab 3", building.Id);
        var assetResponse = await admin.Client.PostJsonAsync("/api/v1/assets", new { tag = "FH-" + Guid.NewGuid().ToString("N")[..6], name = "Fume hood", locationId = room.Id });
        var asset = await assetResponse.ReadAsync<Features.Places.AssetResponse>();
        var anonymous = app.CreateClient();

        var byLocation = await anonymous.GetFromJsonAsync<PublicPlaceResponse>($"/api/v1/public/places/{room.RequestKey}", HttpExtensions.Json);
        var byAsset = await anonymous.GetFromJsonAsync<PublicPlaceResponse>($"/api/v1/public/places/{asset.RequestKey}", HttpExtensions.Json);
        var unknown = await anonymous.GetAsync("/api/v1/public/places/nosuchkey");

        Assert.Equal(["Science hall", "Lab 3"], byLocation!.LocationPath);
        Assert.Null(byLocation.AssetId);
        Assert.Equal(asset.Id, byAsset!.AssetId);
        Assert.Equal(room.Id, byAsset.LocationId);
        Assert.Equal("/r/" + room.RequestKey, room.RequestUrl);
        await unknown.ShouldBeAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Submit_WithPhoto_CreatesRequestAndStatusPage()
    {
        var admin = await app.CreateAdminAsync();
        var room = await admin.LocationAsync("Lecture room " + Guid.NewGuid().ToString("N")[..6]);
        var anonymous = app.CreateClient();

        var submitted = await anonymous.PostAsync("/api/v1/public/requests", Form(room.RequestKey, "Projector does not turn on\nTried the remote too.", "sam@example.test", JpegBytes));
        await submitted.ShouldBeAsync(HttpStatusCode.Created);
        var receipt = await submitted.ReadAsync<PublicSubmissionResponse>();
        var queue = await (await admin.Client.GetAsync($"/api/v1/requests?locationId={room.Id}")).ReadAsync<ListPage<WorkRequestResponse>>();
        var request = queue.Items.Single();
        var attachments = await (await admin.Client.GetAsync($"/api/v1/requests/{request.Id}/attachments")).ReadAsync<List<Features.Files.AttachmentResponse>>();
        await admin.Client.PostJsonAsync($"/api/v1/requests/{request.Id}/approve", new { priority = "high" });
        var status = await anonymous.GetFromJsonAsync<PublicRequestResponse>($"/api/v1/public/requests/{receipt.StatusToken}", HttpExtensions.Json);

        Assert.Equal("/status/" + receipt.StatusToken, receipt.StatusUrl);
        Assert.Equal("Projector does not turn on", request.Title);
        Assert.Equal(RequestSource.Portal, request.Source);
        Assert.Equal("sam@example.test", request.ContactEmail);
        Assert.Single(attachments);
        Assert.Equal(WorkRequestStatus.Approved, status!.Status);
        Assert.Equal(Domain.WorkOrders.WorkOrderStatus.Open, status.WorkOrderStatus);
        Assert.Equal(room.Name, status.PlaceName);
    }

    [Fact]
    public async Task StatusPage_ShowsPublicCommentsOnly()
    {
        var admin = await app.CreateAdminAsync();
        var room = await admin.LocationAsync("Kitchen " + Guid.NewGuid().ToString("N")[..6]);
        var anonymous = app.CreateClient();
        var receipt = await (await anonymous.PostAsync("/api/v1/public/requests", Form(room.RequestKey, "Fridge is warm"))).ReadAsync<PublicSubmissionResponse>();
        var request = (await (await admin.Client.GetAsync($"/api/v1/requests?locationId={room.Id}")).ReadAsync<ListPage<WorkRequestResponse>>()).Items.Single();
        await admin.Client.PostJsonAsync($"/api/v1/requests/{request.Id}/comments", new { body = "Ordered a new compressor" });
        await admin.Client.PostJsonAsync($"/api/v1/requests/{request.Id}/comments", new { body = "Internal: warranty expired", isInternal = true });

        var added = await anonymous.PostAsJsonAsync($"/api/v1/public/requests/{receipt.StatusToken}/comments", new { body = "Thanks! It is getting worse." });
        var status = await anonymous.GetFromJsonAsync<PublicRequestResponse>($"/api/v1/public/requests/{receipt.StatusToken}", HttpExtensions.Json);

        await added.ShouldBeAsync(HttpStatusCode.Created);
        Assert.Equal(["Ordered a new compressor", "Thanks! It is getting worse."], status!.Comments.Select(c => c.Body));
        Assert.Equal([false, true], status.Comments.Select(c => c.FromRequester));
    }

    [Theory]
    [InlineData(null, "Broken", "placeKey")]
    [InlineData("unknownkey", "Broken", "placeKey")]
    [InlineData("VALID", "", "description")]
    [InlineData("VALID", "Broken", "contactEmail")]
    public async Task Submit_InvalidForm_NamesFieldAndWritesNothing(string? placeKey, string description, string field)
    {
        var admin = await app.CreateAdminAsync();
        var room = await admin.LocationAsync("Hall " + Guid.NewGuid().ToString("N")[..6]);
        var anonymous = app.CreateClient();

        var response = await anonymous.PostAsync("/api/v1/public/requests",
            Form(placeKey == "VALID" ? room.RequestKey : placeKey, description, field == "contactEmail" ? "not an email" : null));
        var queue = await (await admin.Client.GetAsync($"/api/v1/requests?locationId={room.Id}")).ReadAsync<ListPage<WorkRequestResponse>>();

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.True((await response.ReadObjectAsync())["errors"]!.AsObject().ContainsKey(field));
        Assert.Equal(0, queue.TotalCount);
    }

    [Fact]
    public async Task Submit_NonImagePhoto_WritesNothing()
    {
        var admin = await app.CreateAdminAsync();
        var room = await admin.LocationAsync("Garage " + Guid.NewGuid().ToString("N")[..6]);
        var anonymous = app.CreateClient();

        var response = await anonymous.PostAsync("/api/v1/public/requests", Form(room.RequestKey, "Door jammed", photo: "%PDF-1.4"u8.ToArray(), photoType: "application/pdf"));
        var queue = await (await admin.Client.GetAsync($"/api/v1/requests?locationId={room.Id}")).ReadAsync<ListPage<WorkRequestResponse>>();

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.Equal(0, queue.TotalCount);
    }

    [Fact]
    public async Task UnknownStatusToken_Returns404()
    {
        app.SkipIfUnavailable();

        var response = await app.CreateClient().GetAsync("/api/v1/public/requests/abcdefghijklmnopqrstuvwx");

        await response.ShouldBeAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task LabelSheet_HasOneCodePerPlace()
    {
        var admin = await app.CreateAdminAsync();
        var building = await admin.LocationAsync("Depot " + Guid.NewGuid().ToString("N")[..6]);
        await admin.LocationAsync("Bay 1", building.Id);
        await admin.Client.PostJsonAsync("/api/v1/assets", new { tag = "FL-" + Guid.NewGuid().ToString("N")[..6], name = "Forklift", locationId = building.Id });

        var sheet = await admin.Client.GetAsync($"/api/v1/locations/{building.Id}/labels.svg");
        var code = await admin.Client.GetAsync($"/api/v1/locations/{building.Id}/qr.svg");
        var body = await sheet.Content.ReadAsStringAsync();

        await sheet.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("image/svg+xml", sheet.Content.Headers.ContentType!.MediaType);
        Assert.Equal(3, body.Split("Scan to report a problem").Length - 1);
        Assert.Contains("Forklift", body, StringComparison.Ordinal);
        await code.ShouldBeAsync(HttpStatusCode.OK);
    }
}

public sealed class PortalSqliteTests(SqliteApp app) : PortalTests(app), IClassFixture<SqliteApp>;

public sealed class PortalPostgresTests(PostgresApp app) : PortalTests(app), IClassFixture<PostgresApp>;
