using System.Net;
using System.Text.Json;
using Workdesk.Domain.People;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.WorkOrders;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests;

/// <summary>Custom fields per type, their kinds, and the fields each transition requires, locks or hides.</summary>
public abstract class CustomFieldTests(WorkdeskApp app)
{
    private static readonly object FailureCodes = new { failure_problem = "leaking", failure_cause = "wear", failure_remedy = "replaced" };

    private static string NewKey(string prefix) => prefix + "_" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A type with one field of every kind; hand-over requires the serial and locks the checker.</summary>
    private static async Task<string> CreateFieldTypeAsync(TestUser admin)
    {
        var key = NewKey("fields");
        var workflow = new
        {
            initialStatus = "open",
            statuses = new object[]
            {
                new { key = "open", name = "Open", category = "open" },
                new { key = "assigned", name = "Assigned", category = "assigned" },
                new { key = "working", name = "Working", category = "in_progress" },
                new { key = "handed_over", name = "Handed over", category = "completed" },
            },
            transitions = new object[]
            {
                new { from = "open", to = "assigned" },
                new { from = "open", to = "working" },
                new { from = "assigned", to = "working" },
                new { from = "working", to = "handed_over", requiredFields = new[] { "serial" }, readOnlyFields = new[] { "checker" }, hiddenFields = new[] { "site" } },
            },
            fields = new object[]
            {
                new { key = "serial", label = "Serial number", kind = "text" },
                new { key = "pressure", label = "Pressure", kind = "number", unit = "kPa" },
                new { key = "due_on", label = "Due on", kind = "date" },
                new { key = "colour", label = "Colour", kind = "choice", options = new[] { "red", "blue" } },
                new { key = "extras", label = "Extras", kind = "multi_choice", options = new[] { "ramp", "lift", "sign" } },
                new { key = "checker", label = "Checked by", kind = "user" },
                new { key = "spare", label = "Spare unit", kind = "asset" },
                new { key = "site", label = "Site", kind = "location" },
                new { key = "tenant", label = "Tenant", kind = "text", requiredOnCreate = true },
            },
        };
        var response = await admin.Client.PostJsonAsync("/api/v1/work-order-types", new { key, name = "Fields " + key, workflow });
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return key;
    }

    private static async Task<HttpResponseMessage> MoveAsync(TestUser user, long id, object body)
    {
        var current = await user.Client.GetAsync($"/api/v1/work-orders/{id}");
        return await user.Client.PostJsonAsync($"/api/v1/work-orders/{id}/status", body, ifMatch: current.ETag());
    }

    [Fact]
    public async Task Corrective_CompletionNeedsFailureCodes()
    {
        var admin = await app.CreateAdminAsync();
        var workOrder = await admin.WorkOrderAsync(new { title = "Leaking tap " + NewKey("t") });
        await (await MoveAsync(admin, workOrder.Id, new { status = "in_progress" })).ShouldBeAsync(HttpStatusCode.OK);

        var bare = await MoveAsync(admin, workOrder.Id, new { status = "completed" });
        var partial = await MoveAsync(admin, workOrder.Id, new { status = "completed", customFields = new { failure_problem = "leaking" } });
        var wrongCode = await MoveAsync(admin, workOrder.Id, new { status = "completed", customFields = new { failure_problem = "leaking", failure_cause = "gremlins", failure_remedy = "replaced" } });
        var afterFailures = await (await admin.Client.GetAsync($"/api/v1/work-orders/{workOrder.Id}")).ReadAsync<WorkOrderResponse>();
        var complete = await MoveAsync(admin, workOrder.Id, new { status = "completed", customFields = FailureCodes });

        await bare.ShouldBeAsync(HttpStatusCode.BadRequest);
        var detail = (await bare.ReadObjectAsync())["detail"]!.GetValue<string>();
        Assert.Contains("Problem (failure_problem), Cause (failure_cause), Remedy (failure_remedy)", detail, StringComparison.Ordinal);
        await partial.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.DoesNotContain("failure_problem", (await partial.ReadObjectAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await wrongCode.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.True((await wrongCode.ReadObjectAsync())["errors"]!.AsObject().ContainsKey("customFields.failure_cause"));
        Assert.Equal(WorkOrderStatus.InProgress, afterFailures.Status);
        Assert.Empty(afterFailures.CustomFields);
        await complete.ShouldBeAsync(HttpStatusCode.OK);
        var done = await complete.ReadAsync<WorkOrderResponse>();
        Assert.Equal(WorkOrderStatus.Completed, done.Status);
        Assert.Equal("wear", done.CustomFields["failure_cause"].GetString());
        var history = await (await admin.Client.GetAsync($"/api/v1/work-orders/{workOrder.Id}/history")).ReadAsync<List<ActivityResponse>>();
        Assert.Contains(history, h => h.Field == "customFields.failure_remedy" && h.NewValue == "\"replaced\"");
    }

    [Fact]
    public async Task Preventive_CompletesWithoutFields()
    {
        var admin = await app.CreateAdminAsync();
        var workOrder = await admin.WorkOrderAsync(new { title = "Change corridor bulb", type = "preventive" });
        await (await MoveAsync(admin, workOrder.Id, new { status = "in_progress" })).ShouldBeAsync(HttpStatusCode.OK);

        var complete = await MoveAsync(admin, workOrder.Id, new { status = "completed" });

        await complete.ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Create_EachKindRejectsBadValues()
    {
        var admin = await app.CreateAdminAsync();
        var key = await CreateFieldTypeAsync(admin);
        (string Field, object Value)[] cases =
        [
            ("serial", 12), ("serial", new string('x', 2001)), ("pressure", "high"), ("due_on", "03/01/2026"), ("due_on", "2026-02-30"),
            ("colour", "green"), ("extras", new[] { "ramp", "ramp" }), ("extras", "ramp"), ("extras", new[] { "moat" }),
            ("checker", 99_999_999), ("checker", "me"), ("spare", 99_999_999), ("site", 99_999_999), ("nonexistent", "x"),
        ];

        foreach (var (field, value) in cases)
        {
            var customFields = new Dictionary<string, object> { ["tenant"] = "Flat 2", [field] = value };
            var response = await admin.Client.PostJsonAsync("/api/v1/work-orders", new { title = "Bad " + field, type = key, customFields });
            await response.ShouldBeAsync(HttpStatusCode.BadRequest);
            var errors = (await response.ReadObjectAsync())["errors"]!.AsObject();
            Assert.True(errors.ContainsKey("customFields." + field), $"{field} = {JsonSerializer.Serialize(value)} should be rejected on its own key; got {errors.ToJsonString()}");
        }
    }

    [Fact]
    public async Task Create_ValidValuesAreStored()
    {
        var admin = await app.CreateAdminAsync();
        var key = await CreateFieldTypeAsync(admin);
        var location = await admin.LocationAsync("Depot " + key);
        var customFields = new Dictionary<string, object>
        {
            ["tenant"] = "Flat 2", ["serial"] = "SN-42", ["pressure"] = 101.5, ["due_on"] = "2026-03-01", ["colour"] = "red",
            ["extras"] = new[] { "ramp", "sign" }, ["checker"] = admin.Id, ["site"] = location.Id,
        };

        var missingTenant = await admin.Client.PostJsonAsync("/api/v1/work-orders", new { title = "No tenant", type = key });
        var created = await admin.WorkOrderAsync(new { title = "Full set", type = key, customFields });

        await missingTenant.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Tenant (tenant)", (await missingTenant.ReadObjectAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(101.5m, created.CustomFields["pressure"].GetDecimal());
        Assert.Equal(["ramp", "sign"], created.CustomFields["extras"].EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(location.Id, created.CustomFields["site"].GetInt64());
    }

    [Fact]
    public async Task Transition_RequiredReadOnlyHidden_AreEnforced()
    {
        var admin = await app.CreateAdminAsync();
        var key = await CreateFieldTypeAsync(admin);
        var workOrder = await admin.WorkOrderAsync(new { title = "Hand over unit", type = key, customFields = new { tenant = "Flat 3" } });
        await (await MoveAsync(admin, workOrder.Id, new { statusKey = "working" })).ShouldBeAsync(HttpStatusCode.OK);

        var withoutSerial = await MoveAsync(admin, workOrder.Id, new { statusKey = "handed_over" });
        var readOnly = await MoveAsync(admin, workOrder.Id, new { statusKey = "handed_over", customFields = new { serial = "SN-1", checker = admin.Id } });
        var hidden = await MoveAsync(admin, workOrder.Id, new { statusKey = "handed_over", customFields = new { serial = "SN-1", site = 1 } });
        var next = await (await admin.Client.GetAsync($"/api/v1/work-orders/{workOrder.Id}/next-statuses")).ReadAsync<List<NextStatusResponse>>();
        var ok = await MoveAsync(admin, workOrder.Id, new { statusKey = "handed_over", customFields = new { serial = "SN-1" } });

        await withoutSerial.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Serial number (serial)", (await withoutSerial.ReadObjectAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await readOnly.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.Contains("checker", (await readOnly.ReadObjectAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await hidden.ShouldBeAsync(HttpStatusCode.BadRequest);
        var handOver = Assert.Single(next);
        Assert.Equal(["serial"], handOver.RequiredFields);
        Assert.Equal(["checker"], handOver.ReadOnlyFields);
        Assert.Equal(["site"], handOver.HiddenFields);
        await ok.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("SN-1", (await ok.ReadAsync<WorkOrderResponse>()).CustomFields["serial"].GetString());
    }

    [Fact]
    public async Task Patch_SetsAndClearsValues()
    {
        var admin = await app.CreateAdminAsync();
        var dispatcher = await app.CreateUserAsync(Role.Dispatcher);
        var key = await CreateFieldTypeAsync(admin);
        var created = await admin.Client.PostJsonAsync("/api/v1/work-orders", new { title = "Patch fields", type = key, customFields = new { tenant = "Flat 4", colour = "red" } });
        await created.ShouldBeAsync(HttpStatusCode.Created);
        var id = (await created.ReadAsync<WorkOrderResponse>()).Id;

        var bad = await dispatcher.Client.PatchJsonAsync($"/api/v1/work-orders/{id}", """{"customFields":{"colour":"green"}}""", created.ETag());
        var notObject = await dispatcher.Client.PatchJsonAsync($"/api/v1/work-orders/{id}", """{"customFields":"red"}""", created.ETag());
        var patched = await dispatcher.Client.PatchJsonAsync($"/api/v1/work-orders/{id}", """{"customFields":{"colour":null,"pressure":3}}""", created.ETag());

        await bad.ShouldBeAsync(HttpStatusCode.BadRequest);
        await notObject.ShouldBeAsync(HttpStatusCode.BadRequest);
        await patched.ShouldBeAsync(HttpStatusCode.OK);
        var body = await patched.ReadAsync<WorkOrderResponse>();
        Assert.False(body.CustomFields.ContainsKey("colour"));
        Assert.Equal(3, body.CustomFields["pressure"].GetInt32());
        Assert.Equal("Flat 4", body.CustomFields["tenant"].GetString());
    }

    [Fact]
    public async Task SaveType_InvalidFields_AreListed()
    {
        var admin = await app.CreateAdminAsync();
        var workflow = new
        {
            initialStatus = "open",
            statuses = new object[]
            {
                new { key = "open", name = "Open", category = "open" },
                new { key = "assigned", name = "Assigned", category = "assigned" },
                new { key = "done", name = "Done", category = "completed" },
            },
            transitions = new object[]
            {
                new { from = "open", to = "assigned" },
                new { from = "assigned", to = "done", requiredFields = new[] { "ghost", "size" }, readOnlyFields = new[] { "size" } },
            },
            fields = new object[]
            {
                new { key = "size", label = "Size", kind = "choice" },
                new { key = "size", label = "Size again", kind = "text", unit = "m" },
            },
        };

        var response = await admin.Client.PostJsonAsync("/api/v1/work-order-types", new { key = NewKey("badfields"), name = "Bad fields", workflow });

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        var problems = (await response.ReadObjectAsync())["errors"]!["workflow"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
        Assert.Contains(problems, p => p.Contains("needs 1 to 200 distinct", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("appears more than once", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("unit only as a number field", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("field 'ghost'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("could never be filled in", StringComparison.Ordinal));
    }
}

public sealed class CustomFieldSqliteTests(SqliteApp app) : CustomFieldTests(app), IClassFixture<SqliteApp>;

public sealed class CustomFieldPostgresTests(PostgresApp app) : CustomFieldTests(app), IClassFixture<PostgresApp>;
