using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Workdesk.Domain.People;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.Workflows;
using Workdesk.Server.Features.WorkOrders;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests;

/// <summary>Work order types and workflows as data: validation, versions, transitions and who may move.</summary>
public abstract class WorkflowTests(WorkdeskApp app)
{
    private static string NewKey(string prefix) => prefix + "_" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>
    /// A make-ready workflow: new, assigned, cleaning, awaiting inspection, ready and cancelled. Only
    /// dispatchers (or the assignee) may mark a unit ready.
    /// </summary>
    private static object MakeReadyWorkflow(bool withInspection = true) => new
    {
        initialStatus = "new",
        statuses = new object[]
        {
            new { key = "new", name = "New", category = "open" },
            new { key = "assigned", name = "Assigned", category = "assigned" },
            new { key = "cleaning", name = "Cleaning", category = "in_progress" },
            withInspection
                ? new { key = "awaiting_inspection", name = "Awaiting inspection", category = "on_hold" }
                : new { key = "painting", name = "Painting", category = "in_progress" },
            new { key = "ready", name = "Ready", category = "completed" },
            new { key = "cancelled", name = "Cancelled", category = "cancelled" },
        },
        transitions = new object[]
        {
            new { from = "new", to = "assigned" },
            new { from = "new", to = "cleaning" },
            new { from = "new", to = "cancelled", requiresReason = true },
            new { from = "assigned", to = "cleaning" },
            new { from = "assigned", to = "new" },
            new { from = "cleaning", to = withInspection ? "awaiting_inspection" : "painting" },
            new { from = withInspection ? "awaiting_inspection" : "painting", to = "ready", roles = new[] { "dispatcher" }, assignee = true },
            new { from = "cleaning", to = "cancelled", requiresReason = true },
        },
    };

    private static async Task<WorkOrderTypeResponse> CreateTypeAsync(TestUser admin, string key, object workflow)
    {
        var response = await admin.Client.PostJsonAsync("/api/v1/work-order-types", new { key, name = "Make-ready " + key, workflow });
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return await response.ReadAsync<WorkOrderTypeResponse>();
    }

    private static Task<HttpResponseMessage> PutTypeAsync(TestUser user, string key, object body, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/work-order-types/{key}")
        {
            Content = JsonContent.Create(body, body.GetType(), options: HttpExtensions.Json),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return user.Client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> MoveAsync(TestUser user, WorkOrderResponse workOrder, object body)
    {
        var current = await user.Client.GetAsync($"/api/v1/work-orders/{workOrder.Id}");
        return await user.Client.PostJsonAsync($"/api/v1/work-orders/{workOrder.Id}/status", body, ifMatch: current.ETag());
    }

    [Fact]
    public async Task BuiltInTypes_ListedAtVersionOne()
    {
        var admin = await app.CreateAdminAsync();

        var types = await (await admin.Client.GetAsync("/api/v1/work-order-types")).ReadAsync<List<TypeSummary>>();

        foreach (var key in WorkOrderTypes.All)
        {
            Assert.Contains(types, t => t.Key == key && t.BuiltIn);
        }

        var corrective = await (await admin.Client.GetAsync("/api/v1/work-order-types/corrective")).ReadAsync<WorkOrderTypeResponse>();
        Assert.Equal("open", corrective.Workflow.InitialStatus);
        Assert.Equal(8, corrective.Workflow.Statuses.Count);
        Assert.True(corrective.Workflow.Fields.Count(f => f.RequiredOnCreate) <= 3);
    }

    [Fact]
    public async Task CreateType_InvalidWorkflow_ListsEveryProblem()
    {
        var admin = await app.CreateAdminAsync();
        var key = NewKey("broken");
        var workflow = new
        {
            initialStatus = "new",
            statuses = new object[]
            {
                new { key = "new", name = "New", category = "open" },
                new { key = "assigned", name = "Assigned", category = "assigned" },
                new { key = "stuck", name = "Stuck", category = "in_progress" },
                new { key = "orphan", name = "Orphan", category = "on_hold" },
                new { key = "done", name = "Done", category = "completed" },
            },
            transitions = new object[]
            {
                new { from = "new", to = "assigned" },
                new { from = "assigned", to = "stuck" },
                new { from = "new", to = "done" },
                new { from = "orphan", to = "done" },
                new { from = "new", to = "nowhere" },
            },
        };

        var response = await admin.Client.PostJsonAsync("/api/v1/work-order-types", new { key, name = "Broken", workflow });

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        var problems = (await response.ReadObjectAsync())["errors"]!["workflow"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
        Assert.Contains(problems, p => p.Contains("'nowhere'", StringComparison.Ordinal));
        var missing = await admin.Client.GetAsync($"/api/v1/work-order-types/{key}");
        await missing.ShouldBeAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CreateType_DeadEndAndUnreachable_AreNamed()
    {
        var admin = await app.CreateAdminAsync();
        var workflow = new
        {
            initialStatus = "new",
            statuses = new object[]
            {
                new { key = "new", name = "New", category = "open" },
                new { key = "assigned", name = "Assigned", category = "assigned" },
                new { key = "stuck", name = "Stuck", category = "in_progress" },
                new { key = "orphan", name = "Orphan", category = "on_hold" },
                new { key = "done", name = "Done", category = "completed" },
            },
            transitions = new object[]
            {
                new { from = "new", to = "assigned" },
                new { from = "assigned", to = "stuck" },
                new { from = "new", to = "done" },
                new { from = "orphan", to = "done" },
            },
        };

        var response = await admin.Client.PostJsonAsync("/api/v1/work-order-types", new { key = NewKey("dead"), name = "Dead end", workflow });

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        var problems = (await response.ReadObjectAsync())["errors"]!["workflow"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
        Assert.Contains(problems, p => p.Contains("'orphan' cannot be reached", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'stuck' is a dead end", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'assigned' is a dead end", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateType_BadKeyAndMissingCategory_AreRejected()
    {
        var admin = await app.CreateAdminAsync();
        var noAssigned = new
        {
            initialStatus = "new",
            statuses = new object[] { new { key = "new", name = "New", category = "open" }, new { key = "done", name = "Done", category = "completed" } },
            transitions = new object[] { new { from = "new", to = "done" } },
        };

        var badKey = await admin.Client.PostJsonAsync("/api/v1/work-order-types", new { key = "Make Ready!", name = "X", workflow = noAssigned });
        var missingCategory = await admin.Client.PostJsonAsync("/api/v1/work-order-types", new { key = NewKey("short"), name = "X", workflow = noAssigned });
        var builtIn = await admin.Client.PostJsonAsync("/api/v1/work-order-types", new { key = "corrective", name = "X", workflow = MakeReadyWorkflow() });

        await badKey.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.True((await badKey.ReadObjectAsync())["errors"]!.AsObject().ContainsKey("key"));
        await missingCategory.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.Contains("category assigned", (await missingCategory.ReadObjectAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await builtIn.ShouldBeAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task CreateType_NonAdministrator_Returns403()
    {
        var dispatcher = await app.CreateUserAsync(Role.Dispatcher);

        var response = await dispatcher.Client.PostJsonAsync("/api/v1/work-order-types", new { key = NewKey("x"), name = "X", workflow = MakeReadyWorkflow() });

        await response.ShouldBeAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ReadType_VendorMayRequesterMayNot()
    {
        var admin = await app.CreateAdminAsync();
        var company = await admin.VendorAsync("Sparks " + NewKey("v"));
        var vendor = await app.CreateUserAsync(Role.Vendor, vendorId: company.Id);
        var requester = await app.CreateUserAsync(Role.Requester);

        var byVendor = await vendor.Client.GetAsync("/api/v1/work-order-types/corrective");
        var byRequester = await requester.Client.GetAsync("/api/v1/work-order-types/corrective");

        await byVendor.ShouldBeAsync(HttpStatusCode.OK);
        await byRequester.ShouldBeAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task CustomType_WorkOrderFollowsItsWorkflow()
    {
        var admin = await app.CreateAdminAsync();
        var key = NewKey("make_ready");
        await CreateTypeAsync(admin, key, MakeReadyWorkflow());
        var workOrder = await admin.WorkOrderAsync(new { title = "Turn unit 4B", type = key });

        var skip = await MoveAsync(admin, workOrder, new { statusKey = "ready" });
        var byKey = await MoveAsync(admin, workOrder, new { statusKey = "cleaning" });
        var byCategory = await MoveAsync(admin, workOrder, new { status = "on_hold" });

        Assert.Equal("new", workOrder.StatusKey);
        Assert.Equal(WorkOrderStatus.Open, workOrder.Status);
        await skip.ShouldBeAsync(HttpStatusCode.Conflict);
        var detail = (await skip.ReadObjectAsync())["detail"]!.GetValue<string>();
        Assert.Contains("Allowed next statuses: assigned, cleaning, cancelled", detail, StringComparison.Ordinal);
        await byKey.ShouldBeAsync(HttpStatusCode.OK);
        var cleaning = await byKey.ReadAsync<WorkOrderResponse>();
        Assert.Equal("cleaning", cleaning.StatusKey);
        Assert.Equal(WorkOrderStatus.InProgress, cleaning.Status);
        await byCategory.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("awaiting_inspection", (await byCategory.ReadAsync<WorkOrderResponse>()).StatusKey);
        var history = await (await admin.Client.GetAsync($"/api/v1/work-orders/{workOrder.Id}/history")).ReadAsync<List<ActivityResponse>>();
        var keyMoves = history.Where(h => h.Field == "statusKey").Select(h => (h.OldValue, h.NewValue)).ToList();
        Assert.Equal([("new", "cleaning"), ("cleaning", "awaiting_inspection")], keyMoves);
    }

    [Fact]
    public async Task CustomType_UnknownTypeOnWorkOrder_Returns400()
    {
        var admin = await app.CreateAdminAsync();

        var response = await admin.Client.PostJsonAsync("/api/v1/work-orders", new { title = "Unknown type", type = NewKey("nope") });

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.True((await response.ReadObjectAsync())["errors"]!.AsObject().ContainsKey("type"));
    }

    [Fact]
    public async Task UnknownStoredType_FollowsStandardLifecycle()
    {
        var admin = await app.CreateAdminAsync();
        long id;
        using (var scope = app.Services.CreateScope())
        {
            // Bulk loaders write rows around the API and may use types this installation never defined.
            var db = scope.ServiceProvider.GetRequiredService<Data.WorkdeskDbContext>();
            var row = new WorkOrder { Title = "Loaded row", Type = NewKey("legacy"), CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
            db.WorkOrders.Add(row);
            await db.SaveChangesAsync();
            id = row.Id;
        }

        var read = await admin.Client.GetAsync($"/api/v1/work-orders/{id}");
        var started = await admin.Client.PostJsonAsync($"/api/v1/work-orders/{id}/status", new { status = "in_progress" }, ifMatch: read.ETag());

        await read.ShouldBeAsync(HttpStatusCode.OK);
        await started.ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task CustomType_UsableInServiceLevelPolicy()
    {
        var admin = await app.CreateAdminAsync();
        var key = NewKey("sla");
        await CreateTypeAsync(admin, key, MakeReadyWorkflow());

        var known = await admin.Client.PostJsonAsync("/api/v1/sla-policies", new { name = "Turns " + key, rank = 50, type = key, resolutionMinutes = 2880 });
        var unknown = await admin.Client.PostJsonAsync("/api/v1/sla-policies", new { name = "Ghost " + key, rank = 51, type = key + "_x", resolutionMinutes = 60 });

        await known.ShouldBeAsync(HttpStatusCode.Created);
        await unknown.ShouldBeAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Transition_RolesAndAssignee_AreEnforced()
    {
        var admin = await app.CreateAdminAsync();
        var key = NewKey("roles");
        await CreateTypeAsync(admin, key, MakeReadyWorkflow());
        var assignee = await app.CreateUserAsync(Role.Technician);
        var other = await app.CreateUserAsync(Role.Technician);
        var workOrder = await admin.WorkOrderAsync(new { title = "Turn unit 7", type = key, assigneeUserIds = new[] { assignee.Id } });
        await (await MoveAsync(admin, workOrder, new { statusKey = "cleaning" })).ShouldBeAsync(HttpStatusCode.OK);
        await (await MoveAsync(admin, workOrder, new { statusKey = "awaiting_inspection" })).ShouldBeAsync(HttpStatusCode.OK);

        var byAdmin = await MoveAsync(admin, workOrder, new { statusKey = "ready" });
        var byOther = await MoveAsync(other, workOrder, new { statusKey = "ready" });
        var otherNext = await (await other.Client.GetAsync($"/api/v1/work-orders/{workOrder.Id}/next-statuses")).ReadAsync<List<NextStatusResponse>>();
        var assigneeNext = await (await assignee.Client.GetAsync($"/api/v1/work-orders/{workOrder.Id}/next-statuses")).ReadAsync<List<NextStatusResponse>>();
        var byAssignee = await MoveAsync(assignee, workOrder, new { statusKey = "ready" });

        await byAdmin.ShouldBeAsync(HttpStatusCode.Forbidden);
        await byOther.ShouldBeAsync(HttpStatusCode.Forbidden);
        Assert.Empty(otherNext);
        Assert.Equal(["ready"], assigneeNext.Select(n => n.StatusKey));
        await byAssignee.ShouldBeAsync(HttpStatusCode.OK);
        var done = await byAssignee.ReadAsync<WorkOrderResponse>();
        Assert.Equal(WorkOrderStatus.Completed, done.Status);
        Assert.NotNull(done.CompletedAt);
    }

    [Fact]
    public async Task Transition_ReasonRequiredByWorkflow()
    {
        var admin = await app.CreateAdminAsync();
        var key = NewKey("reason");
        await CreateTypeAsync(admin, key, MakeReadyWorkflow());
        var workOrder = await admin.WorkOrderAsync(new { title = "Turn unit 9", type = key });

        var withoutReason = await MoveAsync(admin, workOrder, new { statusKey = "cancelled" });
        var withReason = await MoveAsync(admin, workOrder, new { statusKey = "cancelled", reason = "Tenant stays" });

        await withoutReason.ShouldBeAsync(HttpStatusCode.BadRequest);
        await withReason.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("Tenant stays", (await withReason.ReadAsync<WorkOrderResponse>()).StatusReason);
    }

    [Fact]
    public async Task SaveVersion_StaleOrMissingIfMatch_IsRejected()
    {
        var admin = await app.CreateAdminAsync();
        var key = NewKey("etag");
        await CreateTypeAsync(admin, key, MakeReadyWorkflow());
        var body = new { name = "Make-ready v2", workflow = MakeReadyWorkflow(withInspection: false) };

        var missing = await PutTypeAsync(admin, key, body, ifMatch: null);
        var first = await PutTypeAsync(admin, key, body, WorkflowEndpoints.ETagFor(key, 1));
        var stale = await PutTypeAsync(admin, key, body, WorkflowEndpoints.ETagFor(key, 1));

        await missing.ShouldBeAsync(HttpStatusCode.PreconditionRequired);
        await first.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(2, (await first.ReadAsync<WorkOrderTypeResponse>()).CurrentVersion);
        await stale.ShouldBeAsync(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task SaveVersion_WorkOrdersUnderWayKeepTheirVersion()
    {
        var admin = await app.CreateAdminAsync();
        var key = NewKey("pinned");
        await CreateTypeAsync(admin, key, MakeReadyWorkflow());
        var old = await admin.WorkOrderAsync(new { title = "Old unit", type = key });
        await (await MoveAsync(admin, old, new { statusKey = "cleaning" })).ShouldBeAsync(HttpStatusCode.OK);
        await (await PutTypeAsync(admin, key, new { name = "v2", workflow = MakeReadyWorkflow(withInspection: false) }, WorkflowEndpoints.ETagFor(key, 1)))
            .ShouldBeAsync(HttpStatusCode.OK);
        var fresh = await admin.WorkOrderAsync(new { title = "New unit", type = key });
        await (await MoveAsync(admin, fresh, new { statusKey = "cleaning" })).ShouldBeAsync(HttpStatusCode.OK);

        var oldMove = await MoveAsync(admin, old, new { statusKey = "awaiting_inspection" });
        var freshMove = await MoveAsync(admin, fresh, new { statusKey = "painting" });

        Assert.Equal(2, fresh.WorkflowVersion);
        await oldMove.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(1, (await oldMove.ReadAsync<WorkOrderResponse>()).WorkflowVersion);
        await freshMove.ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Upgrade_RemovedStatusMustBeMapped()
    {
        var admin = await app.CreateAdminAsync();
        var key = NewKey("upgrade");
        await CreateTypeAsync(admin, key, MakeReadyWorkflow());
        var waiting = await admin.WorkOrderAsync(new { title = "Waiting unit", type = key });
        await (await MoveAsync(admin, waiting, new { statusKey = "cleaning" })).ShouldBeAsync(HttpStatusCode.OK);
        await (await MoveAsync(admin, waiting, new { statusKey = "awaiting_inspection" })).ShouldBeAsync(HttpStatusCode.OK);
        var fresh = await admin.WorkOrderAsync(new { title = "Fresh unit", type = key });
        var finished = await admin.WorkOrderAsync(new { title = "Finished unit", type = key });
        await (await MoveAsync(admin, finished, new { statusKey = "cancelled", reason = "Sold" })).ShouldBeAsync(HttpStatusCode.OK);
        await (await PutTypeAsync(admin, key, new { name = "v2", workflow = MakeReadyWorkflow(withInspection: false) }, WorkflowEndpoints.ETagFor(key, 1)))
            .ShouldBeAsync(HttpStatusCode.OK);

        var preview = await (await admin.Client.PostJsonAsync($"/api/v1/work-order-types/{key}/upgrade/preview", new { })).ReadAsync<UpgradePreview>();
        var unmapped = await admin.Client.PostJsonAsync($"/api/v1/work-order-types/{key}/upgrade", new { });
        var unchanged = await (await admin.Client.GetAsync($"/api/v1/work-orders/{waiting.Id}")).ReadAsync<WorkOrderResponse>();
        var badTarget = await admin.Client.PostJsonAsync($"/api/v1/work-order-types/{key}/upgrade", new { statusMap = new { awaiting_inspection = "gone" } });
        var applied = await admin.Client.PostJsonAsync($"/api/v1/work-order-types/{key}/upgrade", new { statusMap = new { awaiting_inspection = "painting" } });

        Assert.Equal(2, preview.ToVersion);
        Assert.Equal(2, preview.WorkOrderCount);
        Assert.Contains(preview.Statuses, s => s.FromStatus == "awaiting_inspection" && s.ToStatus is null);
        Assert.Contains(preview.Statuses, s => s.FromStatus == "new" && s.ToStatus == "new");
        Assert.Single(preview.Problems);
        await unmapped.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.Equal(1, unchanged.WorkflowVersion);
        await badTarget.ShouldBeAsync(HttpStatusCode.BadRequest);
        await applied.ShouldBeAsync(HttpStatusCode.OK);
        var moved = await (await admin.Client.GetAsync($"/api/v1/work-orders/{waiting.Id}")).ReadAsync<WorkOrderResponse>();
        Assert.Equal(2, moved.WorkflowVersion);
        Assert.Equal("painting", moved.StatusKey);
        Assert.Equal(WorkOrderStatus.InProgress, moved.Status);
        Assert.Equal(2, (await (await admin.Client.GetAsync($"/api/v1/work-orders/{fresh.Id}")).ReadAsync<WorkOrderResponse>()).WorkflowVersion);
        Assert.Equal(1, (await (await admin.Client.GetAsync($"/api/v1/work-orders/{finished.Id}")).ReadAsync<WorkOrderResponse>()).WorkflowVersion);
        var history = await (await admin.Client.GetAsync($"/api/v1/work-orders/{waiting.Id}/history")).ReadAsync<List<ActivityResponse>>();
        Assert.Contains(history, h => h.Action == "workflow_applied" && h.OldValue == "1" && h.NewValue == "2");
        Assert.Contains(history, h => h.Field == "status" && h.OldValue == "on_hold" && h.NewValue == "in_progress");
    }

    [Fact]
    public async Task BuiltInType_SavedVersionKeepsExistingWorkOrders()
    {
        var admin = await app.CreateAdminAsync();
        var key = "event_setup";
        var before = await admin.WorkOrderAsync(new { title = "Chairs for hall " + NewKey("e"), type = key });
        var current = await admin.Client.GetAsync($"/api/v1/work-order-types/{key}");
        var type = await current.ReadAsync<WorkOrderTypeResponse>();

        var saved = await PutTypeAsync(admin, key, new { name = type.Name, workflow = type.Workflow }, current.ETag());
        var started = await MoveAsync(admin, before, new { status = "in_progress" });

        await saved.ShouldBeAsync(HttpStatusCode.OK);
        var savedType = await saved.ReadAsync<WorkOrderTypeResponse>();
        Assert.Equal(type.CurrentVersion + 1, savedType.CurrentVersion);
        Assert.Contains(1, savedType.Versions);
        await started.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(before.WorkflowVersion, (await started.ReadAsync<WorkOrderResponse>()).WorkflowVersion);
    }
}

public sealed class WorkflowSqliteTests(SqliteApp app) : WorkflowTests(app), IClassFixture<SqliteApp>;

public sealed class WorkflowPostgresTests(PostgresApp app) : WorkflowTests(app), IClassFixture<PostgresApp>;
