using System.Net;
using Workdesk.Domain.People;
using Workdesk.Server.Features.Requests;
using Workdesk.Server.Features.WorkOrders;
using Workdesk.Server.Infrastructure;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests;

/// <summary>Each role reads exactly its records, in lists, counts, searches and single reads.</summary>
public abstract class AccessTests(WorkdeskApp app)
{
    private sealed record Site(TestUser Admin, long North, long NorthRoom, long South, string Tag);

    private async Task<Site> CreateTwoSitesAsync()
    {
        var admin = await app.CreateAdminAsync();
        var tag = SearchTag.New('s');
        var campus = await admin.LocationAsync("Campus " + tag);
        var north = await admin.LocationAsync("North " + tag, campus.Id);
        var room = await admin.LocationAsync("Room 101", north.Id);
        var south = await admin.LocationAsync("South " + tag, campus.Id);
        return new Site(admin, north.Id, room.Id, south.Id, tag);
    }

    private static async Task<ListPage<WorkOrderResponse>> ListAsync(TestUser user, string query)
    {
        var response = await user.Client.GetAsync("/api/v1/work-orders?" + query);
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return await response.ReadAsync<ListPage<WorkOrderResponse>>();
    }

    [Fact]
    public async Task Technician_SeesOnlyTheirSites()
    {
        var site = await CreateTwoSitesAsync();
        var technician = await app.CreateUserAsync(Role.Technician, sites: [site.North]);
        var inRoom = await site.Admin.WorkOrderAsync(new { title = $"Lamp {site.Tag}", locationId = site.NorthRoom });
        var inSouth = await site.Admin.WorkOrderAsync(new { title = $"Door {site.Tag}", locationId = site.South });
        await site.Admin.WorkOrderAsync(new { title = $"Unplaced {site.Tag}" });

        var list = await ListAsync(technician, $"q={site.Tag}");
        var hidden = await technician.Client.GetAsync($"/api/v1/work-orders/{inSouth.Id}");
        var hiddenHistory = await technician.Client.GetAsync($"/api/v1/work-orders/{inSouth.Id}/history");

        Assert.Equal([inRoom.Id], list.Items.Select(w => w.Id));
        Assert.Equal(1, list.TotalCount);
        await hidden.ShouldBeAsync(HttpStatusCode.NotFound);
        await hiddenHistory.ShouldBeAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Technician_CannotCreateOutsideTheirSites()
    {
        var site = await CreateTwoSitesAsync();
        var technician = await app.CreateUserAsync(Role.Technician, sites: [site.North]);

        var outside = await technician.Client.PostJsonAsync("/api/v1/work-orders", new { title = "Outside", locationId = site.South });
        var inside = await technician.Client.PostJsonAsync("/api/v1/work-orders", new { title = "Inside", locationId = site.NorthRoom });

        await outside.ShouldBeAsync(HttpStatusCode.BadRequest);
        await inside.ShouldBeAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Requester_SeesOnlyWhatTheySubmitted()
    {
        var site = await CreateTwoSitesAsync();
        var alice = await app.CreateUserAsync(Role.Requester);
        var bob = await app.CreateUserAsync(Role.Requester);
        var aliceRequest = await (await alice.Client.PostJsonAsync("/api/v1/requests", new { title = $"Cold office {site.Tag}", locationId = site.NorthRoom })).ReadAsync<WorkRequestResponse>();
        await bob.Client.PostJsonAsync("/api/v1/requests", new { title = $"Broken chair {site.Tag}", locationId = site.NorthRoom });
        var approved = await site.Admin.Client.PostJsonAsync($"/api/v1/requests/{aliceRequest.Id}/approve", new { priority = "high" });
        await approved.ShouldBeAsync(HttpStatusCode.OK);
        var workOrderId = (await approved.ReadAsync<ApproveResponse>()).WorkOrders.Single().Id;
        await site.Admin.WorkOrderAsync(new { title = $"Staff only {site.Tag}", locationId = site.NorthRoom });

        var aliceRequests = await (await alice.Client.GetAsync($"/api/v1/requests?q={site.Tag}")).ReadAsync<ListPage<WorkRequestResponse>>();
        var aliceOrders = await ListAsync(alice, $"q={site.Tag}");
        var bobOrders = await ListAsync(bob, $"q={site.Tag}");
        var bobReadsAlice = await bob.Client.GetAsync($"/api/v1/requests/{aliceRequest.Id}");

        Assert.Equal([aliceRequest.Id], aliceRequests.Items.Select(r => r.Id));
        Assert.Equal(1, aliceRequests.TotalCount);
        Assert.Equal([workOrderId], aliceOrders.Items.Select(w => w.Id));
        Assert.Equal(0, bobOrders.TotalCount);
        await bobReadsAlice.ShouldBeAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Requester_CannotSeeInternalNotes()
    {
        var admin = await app.CreateAdminAsync();
        var requester = await app.CreateUserAsync(Role.Requester);
        var request = await (await requester.Client.PostJsonAsync("/api/v1/requests", new { title = "Window stuck" })).ReadAsync<WorkRequestResponse>();
        await admin.Client.PostJsonAsync($"/api/v1/requests/{request.Id}/comments", new { body = "Requester is difficult", isInternal = true });
        await admin.Client.PostJsonAsync($"/api/v1/requests/{request.Id}/comments", new { body = "We will come on Monday" });

        var comments = await (await requester.Client.GetAsync($"/api/v1/requests/{request.Id}/comments")).ReadAsync<List<CommentResponse>>();

        Assert.Equal(["We will come on Monday"], comments.Select(c => c.Body));
    }

    [Fact]
    public async Task Vendor_SeesOnlyWorkSentToTheirVendor()
    {
        var site = await CreateTwoSitesAsync();
        var acme = await site.Admin.VendorAsync("Acme " + site.Tag);
        var other = await site.Admin.VendorAsync("Other " + site.Tag);
        var acmeUser = await app.CreateUserAsync(Role.Vendor, vendorId: acme.Id);
        var sent = await site.Admin.WorkOrderAsync(new { title = $"HVAC {site.Tag}", vendorId = acme.Id, locationId = site.South });
        await site.Admin.WorkOrderAsync(new { title = $"Roof {site.Tag}", vendorId = other.Id });
        await site.Admin.WorkOrderAsync(new { title = $"Internal {site.Tag}" });

        var list = await ListAsync(acmeUser, $"q={site.Tag}");
        var requests = await (await acmeUser.Client.GetAsync("/api/v1/requests")).ReadAsync<ListPage<WorkRequestResponse>>();
        var createAttempt = await acmeUser.Client.PostJsonAsync("/api/v1/work-orders", new { title = "Sneaky" });

        Assert.Equal([sent.Id], list.Items.Select(w => w.Id));
        Assert.Equal(1, list.TotalCount);
        Assert.Equal(0, requests.TotalCount);
        await createAttempt.ShouldBeAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Vendor_CanCompleteButNotClose()
    {
        var admin = await app.CreateAdminAsync();
        var vendor = await admin.VendorAsync("Sparks " + Guid.NewGuid().ToString("N")[..6]);
        var vendorUser = await app.CreateUserAsync(Role.Vendor, vendorId: vendor.Id);
        var workOrder = await admin.WorkOrderAsync(new { title = "Rewire panel", vendorId = vendor.Id });
        var etag = ETags.For(workOrder.Id, workOrder.Version);

        var started = await vendorUser.Client.PostJsonAsync($"/api/v1/work-orders/{workOrder.Id}/status", new { status = "in_progress" }, ifMatch: etag);
        var completed = await vendorUser.Client.PostJsonAsync($"/api/v1/work-orders/{workOrder.Id}/status", new { status = "completed", customFields = new { failure_problem = "not_working", failure_cause = "wear", failure_remedy = "repaired" } }, ifMatch: started.ETag());
        var closed = await vendorUser.Client.PostJsonAsync($"/api/v1/work-orders/{workOrder.Id}/status", new { status = "closed" }, ifMatch: completed.ETag());

        await started.ShouldBeAsync(HttpStatusCode.OK);
        await completed.ShouldBeAsync(HttpStatusCode.OK);
        await closed.ShouldBeAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Requester_CannotChangeStatusOrEdit()
    {
        var admin = await app.CreateAdminAsync();
        var requester = await app.CreateUserAsync(Role.Requester);
        var request = await (await requester.Client.PostJsonAsync("/api/v1/requests", new { title = "Flickering light" })).ReadAsync<WorkRequestResponse>();
        var approve = await (await admin.Client.PostJsonAsync($"/api/v1/requests/{request.Id}/approve", new { })).ReadAsync<ApproveResponse>();
        var workOrder = approve.WorkOrders.Single();
        var etag = ETags.For(workOrder.Id, workOrder.Version);

        var status = await requester.Client.PostJsonAsync($"/api/v1/work-orders/{workOrder.Id}/status", new { status = "cancelled", reason = "never mind" }, ifMatch: etag);
        var patch = await requester.Client.PatchJsonAsync($"/api/v1/work-orders/{workOrder.Id}", """{"priority":"urgent"}""", etag);
        var decide = await requester.Client.PostJsonAsync($"/api/v1/requests/{request.Id}/decline", new { reason = "spam" });

        await status.ShouldBeAsync(HttpStatusCode.Forbidden);
        await patch.ShouldBeAsync(HttpStatusCode.Forbidden);
        await decide.ShouldBeAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Dispatcher_WithoutSites_SeesEverything()
    {
        var site = await CreateTwoSitesAsync();
        var dispatcher = await app.CreateUserAsync(Role.Dispatcher);
        await site.Admin.WorkOrderAsync(new { title = $"A {site.Tag}", locationId = site.NorthRoom });
        await site.Admin.WorkOrderAsync(new { title = $"B {site.Tag}", locationId = site.South });
        await site.Admin.WorkOrderAsync(new { title = $"C {site.Tag}" });

        var list = await ListAsync(dispatcher, $"q={site.Tag}");

        Assert.Equal(3, list.TotalCount);
    }

    [Fact]
    public async Task DeactivatedUser_IsSignedOutAtOnce()
    {
        var admin = await app.CreateAdminAsync();
        var technician = await app.CreateUserAsync(Role.Technician);
        var before = await technician.Client.GetAsync("/api/v1/me");
        var user = await admin.Client.GetAsync($"/api/v1/users/{technician.Id}");

        var deactivate = await admin.Client.PatchJsonAsync($"/api/v1/users/{technician.Id}", """{"isActive":false}""", user.ETag());
        var after = await technician.Client.GetAsync("/api/v1/me");

        await before.ShouldBeAsync(HttpStatusCode.OK);
        await deactivate.ShouldBeAsync(HttpStatusCode.OK);
        await after.ShouldBeAsync(HttpStatusCode.Unauthorized);
    }
}

public sealed class AccessSqliteTests(SqliteApp app) : AccessTests(app), IClassFixture<SqliteApp>;

public sealed class AccessPostgresTests(PostgresApp app) : AccessTests(app), IClassFixture<PostgresApp>;
