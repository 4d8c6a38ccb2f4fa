using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workdesk.Data;
using Workdesk.Server.Features.WorkOrders;
using Workdesk.Server.Infrastructure;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests;

public abstract class WorkOrderApiTests(WorkdeskApp app)
{
    private async Task<int> CountWorkOrdersAsync()
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>().WorkOrders.CountAsync();
    }

    [Fact]
    public async Task Create_ReturnsCreatedWithETagAndLocation()
    {
        var admin = await app.CreateAdminAsync();

        var response = await admin.Client.PostJsonAsync("/api/v1/work-orders", new { title = "Replace lamp in corridor", priority = "high" });

        await response.ShouldBeAsync(HttpStatusCode.Created);
        var body = await response.ReadAsync<WorkOrderResponse>();
        Assert.Equal("Replace lamp in corridor", body.Title);
        Assert.Equal(Domain.WorkOrders.Priority.High, body.Priority);
        Assert.Equal(Domain.WorkOrders.WorkOrderStatus.Open, body.Status);
        Assert.Equal($"/api/v1/work-orders/{body.Id}", response.Headers.Location!.ToString());
        Assert.Equal(ETags.For(body.Id, body.Version), response.ETag());
    }

    [Fact]
    public async Task Create_EmptyTitle_ReturnsProblemAndWritesNothing()
    {
        var admin = await app.CreateAdminAsync();
        var before = await CountWorkOrdersAsync();

        var response = await admin.Client.PostJsonAsync("/api/v1/work-orders", new { title = "  ", priority = "low" });

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.ReadObjectAsync();
        Assert.True(problem["errors"]!.AsObject().ContainsKey("title"));
        Assert.Equal(before, await CountWorkOrdersAsync());
    }

    [Theory]
    [InlineData("/api/v1/work-orders?dueFrom=soon", "dueFrom", "'soon' is not a valid value for 'dueFrom': it must be a date and time such as 2026-03-31T09:00:00Z.")]
    [InlineData("/api/v1/work-orders?status=open&pageSize=ten", "pageSize", "'ten' is not a valid value for 'pageSize': it must be a whole number.")]
    [InlineData("/api/v1/assets?status=broken", "status", "'broken' is not a valid value for 'status': it must be one of the values the API reference lists.")]
    [InlineData("/api/v1/forecast?months=abc", "months", "'abc' is not a valid value for 'months': it must be a whole number.")]
    public async Task List_UnreadableQueryValue_NamesTheField(string url, string field, string detail)
    {
        var admin = await app.CreateAdminAsync();

        var response = await admin.Client.GetAsync(url);

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.ReadObjectAsync();
        Assert.Equal(detail, problem["detail"]!.GetValue<string>());
        Assert.Equal(detail, problem["errors"]![field]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_UnknownLocation_NamesLocationField()
    {
        var admin = await app.CreateAdminAsync();

        var response = await admin.Client.PostJsonAsync("/api/v1/work-orders", new { title = "Fix door", locationId = 987654 });

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        var problem = await response.ReadObjectAsync();
        Assert.Contains("987654", problem["errors"]!["locationId"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_MalformedPriority_NamesField()
    {
        var admin = await app.CreateAdminAsync();

        var response = await admin.Client.PostJsonAsync("/api/v1/work-orders", new { title = "Fix door", priority = "hgih" });

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        var problem = await response.ReadObjectAsync();
        Assert.Contains("'priority'", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_SameIdempotencyKey_CreatesOnce()
    {
        var admin = await app.CreateAdminAsync();
        var key = Guid.NewGuid().ToString();
        var body = new { title = "Unblock drain " + key };
        var before = await CountWorkOrdersAsync();

        var first = await admin.Client.PostJsonAsync("/api/v1/work-orders", body, key);
        var second = await admin.Client.PostJsonAsync("/api/v1/work-orders", body, key);

        await first.ShouldBeAsync(HttpStatusCode.Created);
        await second.ShouldBeAsync(HttpStatusCode.Created);
        Assert.Equal((await first.ReadAsync<WorkOrderResponse>()).Id, (await second.ReadAsync<WorkOrderResponse>()).Id);
        Assert.Equal("true", second.Headers.GetValues("Idempotency-Replayed").Single());
        Assert.Equal(before + 1, await CountWorkOrdersAsync());
    }

    [Fact]
    public async Task Create_ReusedKeyWithOtherBody_IsRejected()
    {
        var admin = await app.CreateAdminAsync();
        var key = Guid.NewGuid().ToString();
        await admin.Client.PostJsonAsync("/api/v1/work-orders", new { title = "First" }, key);
        var before = await CountWorkOrdersAsync();

        var response = await admin.Client.PostJsonAsync("/api/v1/work-orders", new { title = "Second" }, key);

        await response.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(before, await CountWorkOrdersAsync());
    }

    [Fact]
    public async Task Create_ConcurrentRetriesWithOneKey_CreateOnce()
    {
        var admin = await app.CreateAdminAsync();
        var key = Guid.NewGuid().ToString();
        var before = await CountWorkOrdersAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            admin.Client.PostJsonAsync("/api/v1/work-orders", new { title = "Retry storm" }, key)));

        var ids = new HashSet<long>();
        foreach (var response in responses)
        {
            await response.ShouldBeAsync(HttpStatusCode.Created);
            ids.Add((await response.ReadAsync<WorkOrderResponse>()).Id);
        }

        Assert.Single(ids);
        Assert.Equal(before + 1, await CountWorkOrdersAsync());
    }

    [Fact]
    public async Task Create_ManyAtOnce_AllStored()
    {
        var admin = await app.CreateAdminAsync();
        var tag = SearchTag.New('w');

        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            admin.Client.PostJsonAsync("/api/v1/work-orders", new { title = $"Parallel {tag} {i}" })));

        var created = new List<WorkOrderResponse>();
        foreach (var response in responses)
        {
            await response.ShouldBeAsync(HttpStatusCode.Created);
            created.Add(await response.ReadAsync<WorkOrderResponse>());
        }

        Assert.Equal(24, created.Select(w => w.Id).Distinct().Count());
        foreach (var workOrder in created)
        {
            var stored = await (await admin.Client.GetAsync($"/api/v1/work-orders/{workOrder.Id}")).ReadAsync<WorkOrderResponse>();
            Assert.Equal(workOrder.Title, stored.Title);
        }
    }

    [Fact]
    public async Task Patch_WithoutIfMatch_IsRejectedWith428()
    {
        var admin = await app.CreateAdminAsync();
        var created = await admin.Client.PostJsonAsync("/api/v1/work-orders", new { title = "Paint wall" });
        var id = (await created.ReadAsync<WorkOrderResponse>()).Id;

        var response = await admin.Client.PatchJsonAsync($"/api/v1/work-orders/{id}", """{"title":"Paint the wall"}""", ifMatch: null);

        await response.ShouldBeAsync(HttpStatusCode.PreconditionRequired);
    }

    [Fact]
    public async Task Patch_StaleETag_Returns412AndKeepsNewerChange()
    {
        var admin = await app.CreateAdminAsync();
        var created = await admin.Client.PostJsonAsync("/api/v1/work-orders", new { title = "Paint wall" });
        var id = (await created.ReadAsync<WorkOrderResponse>()).Id;
        var staleETag = created.ETag();
        var first = await admin.Client.PatchJsonAsync($"/api/v1/work-orders/{id}", """{"title":"Paint wall blue"}""", staleETag);
        await first.ShouldBeAsync(HttpStatusCode.OK);

        var second = await admin.Client.PatchJsonAsync($"/api/v1/work-orders/{id}", """{"title":"Paint wall red"}""", staleETag);

        await second.ShouldBeAsync(HttpStatusCode.PreconditionFailed);
        var current = await (await admin.Client.GetAsync($"/api/v1/work-orders/{id}")).ReadAsync<WorkOrderResponse>();
        Assert.Equal("Paint wall blue", current.Title);
    }

    [Fact]
    public async Task Patch_ConcurrentEditsWithOneETag_ExactlyOneWins()
    {
        var admin = await app.CreateAdminAsync();
        var created = await admin.Client.PostJsonAsync("/api/v1/work-orders", new { title = "Contended" });
        var id = (await created.ReadAsync<WorkOrderResponse>()).Id;
        var etag = created.ETag();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            admin.Client.PatchJsonAsync($"/api/v1/work-orders/{id}", $$"""{"description":"edit {{i}}"}""", etag)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(9, responses.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed));
        var current = await (await admin.Client.GetAsync($"/api/v1/work-orders/{id}")).ReadAsync<WorkOrderResponse>();
        Assert.Equal(1, current.Version);
    }

    [Fact]
    public async Task Patch_RecordsOldAndNewValuesInHistory()
    {
        var admin = await app.CreateAdminAsync();
        var created = await admin.Client.PostJsonAsync("/api/v1/work-orders", new { title = "Check boiler", priority = "low" });
        var id = (await created.ReadAsync<WorkOrderResponse>()).Id;

        var patched = await admin.Client.PatchJsonAsync($"/api/v1/work-orders/{id}", """{"priority":"urgent","dueAt":"2027-01-15T09:00:00Z"}""", created.ETag());
        var history = await (await admin.Client.GetAsync($"/api/v1/work-orders/{id}/history")).ReadAsync<List<ActivityResponse>>();

        await patched.ShouldBeAsync(HttpStatusCode.OK);
        var priority = history.Single(h => h.Field == "priority");
        Assert.Equal("low", priority.OldValue);
        Assert.Equal("urgent", priority.NewValue);
        Assert.Equal(admin.Id, priority.ActorId);
        Assert.Contains(history, h => h.Field == "dueAt" && h.OldValue == null && h.NewValue!.StartsWith("2027-01-15T09:00:00", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Patch_InvalidField_ChangesNothing()
    {
        var admin = await app.CreateAdminAsync();
        var created = await admin.Client.PostJsonAsync("/api/v1/work-orders", new { title = "Clean gutters" });
        var id = (await created.ReadAsync<WorkOrderResponse>()).Id;

        var response = await admin.Client.PatchJsonAsync($"/api/v1/work-orders/{id}", """{"title":"Clean all gutters","assetId":424242}""", created.ETag());

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        var current = await admin.Client.GetAsync($"/api/v1/work-orders/{id}");
        Assert.Equal("Clean gutters", (await current.ReadAsync<WorkOrderResponse>()).Title);
        Assert.Equal(created.ETag(), current.ETag());
    }

    [Fact]
    public async Task Patch_AssigningTechnician_MovesToAssigned()
    {
        var admin = await app.CreateAdminAsync();
        var technician = await app.CreateUserAsync(Domain.People.Role.Technician);
        var created = await admin.Client.PostJsonAsync("/api/v1/work-orders", new { title = "Service pump" });
        var id = (await created.ReadAsync<WorkOrderResponse>()).Id;

        var response = await admin.Client.PatchJsonAsync($"/api/v1/work-orders/{id}", $$"""{"assigneeUserIds":[{{technician.Id}}]}""", created.ETag());

        await response.ShouldBeAsync(HttpStatusCode.OK);
        var body = await response.ReadAsync<WorkOrderResponse>();
        Assert.Equal(Domain.WorkOrders.WorkOrderStatus.Assigned, body.Status);
        Assert.Equal([technician.Id], body.AssigneeUserIds);
    }

    [Fact]
    public async Task Status_FullLifecycle_RecordsEachStep()
    {
        var admin = await app.CreateAdminAsync();
        var created = await admin.Client.PostJsonAsync("/api/v1/work-orders", new { title = "Repair roof", customFields = new { failure_problem = "not_working", failure_cause = "wear", failure_remedy = "repaired" } });
        var id = (await created.ReadAsync<WorkOrderResponse>()).Id;
        var etag = created.ETag();
        (string Status, string? Reason)[] steps =
        [
            ("in_progress", null), ("on_hold", "Waiting for parts"), ("in_progress", null),
            ("completed", null), ("closed", null), ("reopened", "Leak came back"), ("cancelled", "Roof replaced instead"),
        ];

        foreach (var (status, reason) in steps)
        {
            var response = await admin.Client.PostJsonAsync($"/api/v1/work-orders/{id}/status", new { status, reason }, ifMatch: etag);
            await response.ShouldBeAsync(HttpStatusCode.OK);
            etag = response.ETag();
        }

        var history = await (await admin.Client.GetAsync($"/api/v1/work-orders/{id}/history")).ReadAsync<List<ActivityResponse>>();
        var moves = history.Where(h => h.Action == "status_changed").Select(h => h.NewValue).ToList();
        Assert.Equal(steps.Select(s => s.Status), moves);
    }

    [Fact]
    public async Task Status_ForbiddenTransition_Returns409WithAllowedStatuses()
    {
        var admin = await app.CreateAdminAsync();
        var created = await admin.Client.PostJsonAsync("/api/v1/work-orders", new { title = "Inspect extinguisher" });
        var id = (await created.ReadAsync<WorkOrderResponse>()).Id;

        var response = await admin.Client.PostJsonAsync($"/api/v1/work-orders/{id}/status", new { status = "closed" }, ifMatch: created.ETag());

        await response.ShouldBeAsync(HttpStatusCode.Conflict);
        var detail = (await response.ReadObjectAsync())["detail"]!.GetValue<string>();
        Assert.Contains("in_progress", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_OnHoldWithoutReason_IsRejected()
    {
        var admin = await app.CreateAdminAsync();
        var created = await admin.Client.PostJsonAsync("/api/v1/work-orders", new { title = "Fix fence" });
        var id = (await created.ReadAsync<WorkOrderResponse>()).Id;

        var response = await admin.Client.PostJsonAsync($"/api/v1/work-orders/{id}/status", new { status = "on_hold" }, ifMatch: created.ETag());

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.True((await response.ReadObjectAsync())["errors"]!.AsObject().ContainsKey("reason"));
    }

    [Fact]
    public async Task Parent_CycleIsRejected()
    {
        var admin = await app.CreateAdminAsync();
        var parent = await (await admin.Client.PostJsonAsync("/api/v1/work-orders", new { title = "Renovate floor 2" })).ReadAsync<WorkOrderResponse>();
        var childResponse = await admin.Client.PostJsonAsync("/api/v1/work-orders", new { title = "Replace carpet", parentId = parent.Id });
        var child = await childResponse.ReadAsync<WorkOrderResponse>();
        var parentNow = await admin.Client.GetAsync($"/api/v1/work-orders/{parent.Id}");

        var response = await admin.Client.PatchJsonAsync($"/api/v1/work-orders/{parent.Id}", $$"""{"parentId":{{child.Id}}}""", parentNow.ETag());
        var children = await (await admin.Client.GetAsync($"/api/v1/work-orders?parentId={parent.Id}")).ReadAsync<ListPage<WorkOrderResponse>>();

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.Equal([child.Id], children.Items.Select(w => w.Id));
    }

    [Fact]
    public async Task List_FiltersSortsAndPages()
    {
        var admin = await app.CreateAdminAsync();
        var tag = SearchTag.New('w');
        for (var i = 0; i < 5; i++)
        {
            await admin.Client.PostJsonAsync("/api/v1/work-orders", new
            {
                title = $"Filter {tag} {i}",
                priority = i % 2 == 0 ? "high" : "low",
                dueAt = new DateTimeOffset(2027, 2, 1 + i, 12, 0, 0, TimeSpan.Zero),
            });
        }

        var page = await (await admin.Client.GetAsync($"/api/v1/work-orders?q={tag}&priority=high&sort=-dueAt&pageSize=2")).ReadAsync<ListPage<WorkOrderResponse>>();
        var second = await (await admin.Client.GetAsync($"/api/v1/work-orders?q={tag}&priority=high&sort=-dueAt&pageSize=2&page=2")).ReadAsync<ListPage<WorkOrderResponse>>();
        var dueRange = await (await admin.Client.GetAsync($"/api/v1/work-orders?q={tag}&dueFrom=2027-02-02T00:00:00Z&dueTo=2027-02-04T00:00:00Z")).ReadAsync<ListPage<WorkOrderResponse>>();

        Assert.Equal(3, page.TotalCount);
        Assert.Equal([$"Filter {tag} 4", $"Filter {tag} 2"], page.Items.Select(w => w.Title));
        Assert.Equal([$"Filter {tag} 0"], second.Items.Select(w => w.Title));
        Assert.Equal(2, dueRange.TotalCount);
    }

    [Theory]
    [InlineData("pageSize=500", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("status=finished", "status")]
    [InlineData("sort=colour", "sort")]
    [InlineData("locationId=999999", "locationId")]
    public async Task List_InvalidQuery_NamesField(string query, string field)
    {
        var admin = await app.CreateAdminAsync();

        var response = await admin.Client.GetAsync($"/api/v1/work-orders?{query}");

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.True((await response.ReadObjectAsync())["errors"]!.AsObject().ContainsKey(field));
    }

    [Fact]
    public async Task Comments_AreListedInOrder()
    {
        var admin = await app.CreateAdminAsync();
        var id = (await (await admin.Client.PostJsonAsync("/api/v1/work-orders", new { title = "Noisy fan" })).ReadAsync<WorkOrderResponse>()).Id;

        await admin.Client.PostJsonAsync($"/api/v1/work-orders/{id}/comments", new { body = "Checked bearings" });
        await admin.Client.PostJsonAsync($"/api/v1/work-orders/{id}/comments", new { body = "Ordered a new fan", isInternal = true });
        var comments = await (await admin.Client.GetAsync($"/api/v1/work-orders/{id}/comments")).ReadAsync<List<CommentResponse>>();

        Assert.Equal(["Checked bearings", "Ordered a new fan"], comments.Select(c => c.Body));
        Assert.True(comments[1].IsInternal);
    }

    [Fact]
    public async Task Get_Unknown_Returns404Problem()
    {
        var admin = await app.CreateAdminAsync();

        var response = await admin.Client.GetAsync("/api/v1/work-orders/99999999");

        await response.ShouldBeAsync(HttpStatusCode.NotFound);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }
}

public sealed class WorkOrderApiSqliteTests(SqliteApp app) : WorkOrderApiTests(app), IClassFixture<SqliteApp>;

public sealed class WorkOrderApiPostgresTests(PostgresApp app) : WorkOrderApiTests(app), IClassFixture<PostgresApp>;
