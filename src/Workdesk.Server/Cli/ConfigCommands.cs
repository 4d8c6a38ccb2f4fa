using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Workdesk.Server.Features.Configuration;
using Workdesk.Server.Features.Workflows;

namespace Workdesk.Server.Cli;

/// <summary>`workdesk config export` and `workdesk config import`.</summary>
public static class ConfigCommands
{
    /// <summary>The exit code when the document has problems and nothing was imported.</summary>
    public const int ProblemsExitCode = 2;

    private static readonly Option<FileInfo?> Output = new("--output", "-o")
    {
        Description = "File to write (default: standard output). An existing file is overwritten.",
    };

    private static readonly Argument<FileInfo> File = new("file") { Description = "The configuration document that config export wrote." };

    private static readonly Option<bool> Apply = new("--apply")
    {
        Description = "Import the changes; without it, only list what would change.",
    };

    public static Command Create()
    {
        var export = new Command("export", "Writes the work order types, workflows, fields, approval rules, procedures and priority matrix as one JSON document.");
        export.Options.Add(Output);
        export.SetAction(ExportAsync);

        var import = new Command("import", "Lists what a configuration document would change here, and imports it with --apply.");
        import.Arguments.Add(File);
        import.Options.Add(Apply);
        import.SetAction(ImportAsync);

        var config = new Command("config", "Moves the work configuration between installations, such as from a test copy to production.");
        config.Subcommands.Add(export);
        config.Subcommands.Add(import);
        return config;
    }

    private static async Task<int> ExportAsync(ParseResult result, CancellationToken ct)
    {
        var output = result.GetValue(Output);
        if (output is null)
        {
            // Log lines go to standard error so that they cannot end up in the document.
            Console.SetOut(Console.Error);
        }

        await using var services = await CliServices.CreateAsync(result, ct);
        await using var scope = services.CreateAsyncScope();
        var document = await scope.ServiceProvider.GetRequiredService<ConfigExporter>().ExportAsync(ct);
        await using var destination = output is null
            ? Console.OpenStandardOutput()
            : new FileStream(output.FullName, FileMode.Create, FileAccess.Write, FileShare.Read, 64 * 1024, FileOptions.Asynchronous);
        await JsonSerializer.SerializeAsync(destination, document, Indented(), ct);
        if (output is not null)
        {
            await Console.Error.WriteLineAsync($"Wrote the configuration to {output.FullName}.");
        }

        return 0;
    }

    private static async Task<int> ImportAsync(ParseResult result, CancellationToken ct)
    {
        var file = result.GetValue(File)!;
        if (!file.Exists)
        {
            await Console.Error.WriteLineAsync($"error: the file '{file.FullName}' does not exist.");
            return 1;
        }

        ConfigDocument? document;
        try
        {
            await using var input = file.OpenRead();
            document = await JsonSerializer.DeserializeAsync<ConfigDocument>(input, WorkflowCatalog.Json, ct);
        }
        catch (JsonException e)
        {
            await Console.Error.WriteLineAsync($"error: '{file.Name}' is not a valid configuration document: {e.Message}");
            return 1;
        }

        if (document is null)
        {
            await Console.Error.WriteLineAsync($"error: '{file.Name}' is empty.");
            return 1;
        }

        await using var services = await CliServices.CreateAsync(result, ct);
        await using var scope = services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<ConfigImporter>();
        var apply = result.GetValue(Apply);
        var preview = apply ? await importer.ApplyAsync(document, ct) : await importer.PreviewAsync(document, ct);
        foreach (var change in preview.Changes)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{change.Action,-10} {change.Kind,-20} {change.Name}{(change.Detail is null ? "" : " (" + change.Detail + ")")}"));
        }

        foreach (var problem in preview.Problems)
        {
            await Console.Error.WriteLineAsync("problem: " + problem);
        }

        if (preview.Problems.Count > 0)
        {
            await Console.Error.WriteLineAsync("Nothing was imported. Fix the problems above and run the command again.");
            return ProblemsExitCode;
        }

        await Console.Error.WriteLineAsync(apply ? "Imported." : "Nothing was changed; run again with --apply to import.");
        return 0;
    }

    private static JsonSerializerOptions Indented() => new(WorkflowCatalog.Json) { WriteIndented = true };
}
