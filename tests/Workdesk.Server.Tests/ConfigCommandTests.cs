using System.Text.Json.Nodes;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests;

/// <summary>`workdesk config export` and `workdesk config import` as an administrator runs them, on real SQLite files.</summary>
public sealed class ConfigCommandTests : IDisposable
{
    private readonly string testCopy = Directory.CreateTempSubdirectory("workdesk-config-test-").FullName;
    private readonly string production = Directory.CreateTempSubdirectory("workdesk-config-prod-").FullName;

    public void Dispose()
    {
        Directory.Delete(testCopy, recursive: true);
        Directory.Delete(production, recursive: true);
    }

    [Fact]
    public async Task ExportThenImport_PreviewsBeforeApplying()
    {
        var file = Path.Combine(testCopy, "config.json");
        var export = await WorkdeskProcess.RunAsync(testCopy, "config", "export", "--output", file);
        var document = JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsObject();
        document["workOrderTypes"]!.AsArray().Single(t => t!["key"]!.GetValue<string>() == "make_ready")!["name"] = "Unit turn";
        await File.WriteAllTextAsync(file, document.ToJsonString());

        var preview = await WorkdeskProcess.RunAsync(production, "config", "import", file);
        var apply = await WorkdeskProcess.RunAsync(production, "config", "import", file, "--apply");
        var again = await WorkdeskProcess.RunAsync(production, "config", "import", file);

        Assert.Equal(0, export.ExitCode);
        Assert.Equal("workdesk-config", document["format"]!.GetValue<string>());
        Assert.Equal(0, preview.ExitCode);
        Assert.Matches(@"update\s+work_order_type\s+make_ready", preview.Output);
        Assert.Contains("run again with --apply", preview.Output, StringComparison.Ordinal);
        Assert.Equal(0, apply.ExitCode);
        Assert.Contains("Imported.", apply.Output, StringComparison.Ordinal);
        Assert.Matches(@"unchanged\s+work_order_type\s+make_ready", again.Output);
    }

    [Fact]
    public async Task Import_BrokenDocument_ExitsWithProblems()
    {
        var file = Path.Combine(testCopy, "broken.json");
        await File.WriteAllTextAsync(file, """{"format":"workdesk-config","formatVersion":1,"exportedAt":"2026-01-01T00:00:00Z","workOrderTypes":[{"key":"Bad Key","name":"X","workflow":{"initialStatus":"a","statuses":[],"transitions":[]}}],"approvalRules":[],"procedureTemplates":[],"priorityMatrix":[]}""");
        var notJson = Path.Combine(testCopy, "not.json");
        await File.WriteAllTextAsync(notJson, "this is not json");

        var broken = await WorkdeskProcess.RunAsync(production, "config", "import", file, "--apply");
        var garbage = await WorkdeskProcess.RunAsync(production, "config", "import", notJson);

        Assert.Equal(2, broken.ExitCode);
        Assert.Contains("problem: Work order type 'Bad Key'", broken.Output, StringComparison.Ordinal);
        Assert.Contains("Nothing was imported", broken.Output, StringComparison.Ordinal);
        Assert.Equal(1, garbage.ExitCode);
        Assert.Contains("not a valid configuration document", garbage.Output, StringComparison.Ordinal);
    }
}
