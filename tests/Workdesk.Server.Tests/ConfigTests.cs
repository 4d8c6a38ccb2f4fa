using System.Net;
using System.Text.Json.Nodes;
using Workdesk.Domain.People;
using Workdesk.Server.Features.Configuration;
using Workdesk.Server.Features.Procedures;
using Workdesk.Server.Features.Workflows;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests;

/// <summary>Configuration as one JSON document: export from one installation, preview and apply on another.</summary>
public abstract class ConfigTests(WorkdeskApp app)
{
    /// <summary>Creates a second installation of the same database kind, as the production copy.</summary>
    protected abstract WorkdeskApp NewInstallation();

    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    private static object Workflow() => new
    {
        initialStatus = "new",
        statuses = new object[]
        {
            new { key = "new", name = "New", category = "open" },
            new { key = "assigned", name = "Assigned", category = "assigned" },
            new { key = "setting_up", name = "Setting up", category = "in_progress" },
            new { key = "ready", name = "Ready for the event", category = "completed" },
        },
        transitions = new object[]
        {
            new { from = "new", to = "assigned" },
            new { from = "assigned", to = "setting_up" },
            new { from = "new", to = "setting_up" },
            new { from = "setting_up", to = "ready" },
        },
        fields = new object[] { new { key = "chairs", label = "Chairs", kind = "number" } },
    };

    private static async Task<JsonObject> ExportAsync(TestUser admin)
    {
        var response = await admin.Client.GetAsync("/api/v1/admin/config");
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return await response.ReadObjectAsync();
    }

    private static async Task<ConfigPreview> PreviewAsync(TestUser admin, JsonObject document)
    {
        var response = await admin.Client.PostJsonAsync("/api/v1/admin/config/preview", document);
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return await response.ReadAsync<ConfigPreview>();
    }

    /// <summary>Sets up a type, an approval rule, a procedure template and the matrix on the test copy.</summary>
    private static async Task<string> ConfigureSourceAsync(TestUser admin, string assetTypeName)
    {
        var tag = Tag();
        var key = "stage_" + tag;
        await (await admin.Client.PostJsonAsync("/api/v1/work-order-types", new { key, name = "Stage set-up", workflow = Workflow() })).ShouldBeAsync(HttpStatusCode.Created);
        await (await admin.Client.PostJsonAsync("/api/v1/approval-rules", new
        {
            name = "Big stages " + tag, workOrderType = key, minEstimatedCost = 5000, currency = "EUR",
            steps = new object[] { new { role = "dispatcher" }, new { locationManager = true } },
        })).ShouldBeAsync(HttpStatusCode.Created);
        var assetType = await admin.Client.PostJsonAsync("/api/v1/asset-types", new { name = assetTypeName });
        await assetType.ShouldBeAsync(HttpStatusCode.Created);
        var assetTypeId = (await assetType.ReadObjectAsync())["id"]!.GetValue<long>();
        await (await admin.Client.PostJsonAsync("/api/v1/procedure-templates", new
        {
            name = "Rigging check " + tag,
            sections = new object[] { new { title = "Rigging", steps = new object[] { new { key = "load", label = "Load test", kind = "number", unit = "kg", min = 0, max = 250, required = true } } } },
            attachTo = new object[] { new { workOrderType = key, assetTypeId } },
        })).ShouldBeAsync(HttpStatusCode.Created);
        return key;
    }

    [Fact]
    public async Task Export_PreviewAndApplyElsewhere()
    {
        var source = await app.CreateAdminAsync();
        var assetTypeName = "Truss " + Tag();
        var key = await ConfigureSourceAsync(source, assetTypeName);
        var document = await ExportAsync(source);
        await using var production = NewInstallation();
        await production.InitializeAsync();
        var admin = await production.CreateAdminAsync();
        await (await admin.Client.PostJsonAsync("/api/v1/asset-types", new { name = assetTypeName })).ShouldBeAsync(HttpStatusCode.Created);

        var preview = await PreviewAsync(admin, document);
        var before = await admin.Client.GetAsync($"/api/v1/work-order-types/{key}");
        var applied = await admin.Client.PostJsonAsync("/api/v1/admin/config/apply", document);
        var again = await PreviewAsync(admin, document);

        Assert.Empty(preview.Problems);
        Assert.Contains(preview.Changes, c => c.Kind == "work_order_type" && c.Name == key && c.Action == "create");
        Assert.Contains(preview.Changes, c => c.Kind == "work_order_type" && c.Name == "corrective" && c.Action == "unchanged");
        Assert.Contains(preview.Changes, c => c.Kind == "approval_rule" && c.Action == "create");
        Assert.Contains(preview.Changes, c => c.Kind == "procedure_template" && c.Action == "create");
        await before.ShouldBeAsync(HttpStatusCode.NotFound);
        await applied.ShouldBeAsync(HttpStatusCode.OK);
        Assert.All(again.Changes, c => Assert.Equal("unchanged", c.Action));
        var type = await (await admin.Client.GetAsync($"/api/v1/work-order-types/{key}")).ReadAsync<WorkOrderTypeResponse>();
        Assert.Equal("Ready for the event", type.Workflow.FindStatus("ready")!.Name);
        var templates = await (await admin.Client.GetAsync("/api/v1/procedure-templates")).ReadAsync<List<ProcedureTemplateResponse>>();
        var template = Assert.Single(templates);
        Assert.Equal(key, template.AttachTo.Single().WorkOrderType);
        Assert.NotNull(template.AttachTo.Single().AssetTypeId);
    }

    [Fact]
    public async Task Import_WholeNumberCost_IsUnchanged()
    {
        var admin = await app.CreateAdminAsync();
        await (await admin.Client.PostJsonAsync("/api/v1/approval-rules", new
        {
            name = "Costly repairs " + Tag(), minEstimatedCost = 2000, currency = "EUR", steps = new object[] { new { role = "dispatcher" } },
        })).ShouldBeAsync(HttpStatusCode.Created);
        var document = await ExportAsync(admin);
        foreach (var rule in document["approvalRules"]!.AsArray())
        {
            if (rule!["minEstimatedCost"] is { } cost)
            {
                // Written by hand without a decimal point, as an administrator editing the file would.
                rule["minEstimatedCost"] = (long)cost.GetValue<decimal>();
            }
        }

        var preview = await PreviewAsync(admin, document);

        Assert.Contains(preview.Changes, c => c.Kind == "approval_rule");
        Assert.All(preview.Changes, c => Assert.Equal("unchanged", c.Action));
    }

    [Fact]
    public async Task Import_ChangedTypeBecomesNewVersion()
    {
        var admin = await app.CreateAdminAsync();
        var document = await ExportAsync(admin);
        var types = document["workOrderTypes"]!.AsArray();
        var inspection = types.Single(t => t!["key"]!.GetValue<string>() == "inspection")!;
        inspection["name"] = "Inspection " + Tag();
        var before = await (await admin.Client.GetAsync("/api/v1/work-order-types/inspection")).ReadAsync<WorkOrderTypeResponse>();

        var preview = await PreviewAsync(admin, document);
        var applied = await admin.Client.PostJsonAsync("/api/v1/admin/config/apply", document);

        var change = Assert.Single(preview.Changes, c => c.Name == "inspection");
        Assert.Equal("update", change.Action);
        Assert.Contains($"version {before.CurrentVersion + 1}", change.Detail, StringComparison.Ordinal);
        await applied.ShouldBeAsync(HttpStatusCode.OK);
        var after = await (await admin.Client.GetAsync("/api/v1/work-order-types/inspection")).ReadAsync<WorkOrderTypeResponse>();
        Assert.Equal(before.CurrentVersion + 1, after.CurrentVersion);
        Assert.Equal(inspection["name"]!.GetValue<string>(), after.Name);
    }

    [Fact]
    public async Task Import_ProblemsChangeNothing()
    {
        var admin = await app.CreateAdminAsync();
        var tag = Tag();
        var document = await ExportAsync(admin);
        document["workOrderTypes"]!.AsArray().Add(JsonNode.Parse($$$"""
            {"key":"broken_{{{tag}}}","name":"Broken","workflow":{"initialStatus":"new","statuses":[{"key":"new","name":"New","category":"open"}],"transitions":[]}}
            """));
        document["procedureTemplates"]!.AsArray().Add(JsonNode.Parse($$$"""
            {"name":"Orphan {{{tag}}}","description":null,"sections":[{"title":"A","steps":[{"key":"a","label":"A","kind":"check"}]}],"attachTo":[{"assetTypeName":"No such type {{{tag}}}"}]}
            """));
        document["approvalRules"]!.AsArray().Add(JsonNode.Parse($$$"""
            {"name":"Named {{{tag}}}","isActive":true,"workOrderType":null,"minPriority":null,"minEstimatedCost":null,"currency":null,"locationExternalId":null,"gateStatus":"in_progress","steps":[{"role":null,"locationManager":false,"userEmail":"nobody-{{{tag}}}@example.test"}]}
            """));

        var preview = await PreviewAsync(admin, document);
        var applied = await admin.Client.PostJsonAsync("/api/v1/admin/config/apply", document);
        var wrongFormat = await PreviewAsync(admin, new JsonObject { ["format"] = "something-else", ["formatVersion"] = 1, ["exportedAt"] = "2026-01-01T00:00:00Z",
            ["workOrderTypes"] = new JsonArray(), ["approvalRules"] = new JsonArray(), ["procedureTemplates"] = new JsonArray(), ["priorityMatrix"] = new JsonArray() });

        Assert.Contains(preview.Problems, p => p.Contains($"broken_{tag}", StringComparison.Ordinal));
        Assert.Contains(preview.Problems, p => p.Contains($"No such type {tag}", StringComparison.Ordinal));
        Assert.Contains(preview.Problems, p => p.Contains($"nobody-{tag}@example.test", StringComparison.Ordinal));
        await applied.ShouldBeAsync(HttpStatusCode.BadRequest);
        await (await admin.Client.GetAsync($"/api/v1/work-order-types/broken_{tag}")).ShouldBeAsync(HttpStatusCode.NotFound);
        var templates = await (await admin.Client.GetAsync("/api/v1/procedure-templates")).ReadAsync<List<ProcedureTemplateResponse>>();
        Assert.DoesNotContain(templates, t => t.Name == $"Orphan {tag}");
        Assert.Single(wrongFormat.Problems);
    }

    [Fact]
    public async Task Config_NonAdministrator_Returns403()
    {
        var dispatcher = await app.CreateUserAsync(Role.Dispatcher);

        var export = await dispatcher.Client.GetAsync("/api/v1/admin/config");

        await export.ShouldBeAsync(HttpStatusCode.Forbidden);
    }
}

public sealed class ConfigSqliteTests(SqliteApp app) : ConfigTests(app), IClassFixture<SqliteApp>
{
    protected override WorkdeskApp NewInstallation() => new SqliteApp();
}

public sealed class ConfigPostgresTests(PostgresApp app) : ConfigTests(app), IClassFixture<PostgresApp>
{
    protected override WorkdeskApp NewInstallation() => new PostgresApp();
}
