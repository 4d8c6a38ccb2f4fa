using System.CommandLine;
using System.Globalization;
using Workdesk.Server.Features.Import;

namespace Workdesk.Server.Cli;

/// <summary>`workdesk import` and `workdesk export`.</summary>
public static class DataCommands
{
    /// <summary>The exit code when the file was read but some rows were rejected.</summary>
    public const int RowsRejectedExitCode = 2;

    private static readonly Argument<string> Kind = new("kind") { Description = $"What the file holds: {DataKinds.KindNames}; cobie for a COBie workbook (.xlsx); or meter-readings." };

    private static readonly Argument<FileInfo> File = new("file") { Description = "The CSV file (or COBie workbook) to import." };

    private static readonly Option<string?> Format = new("--format")
    {
        Description = $"Layout of the file: {DataKinds.FormatNames} (default: workdesk, the columns that export writes).",
    };

    private static readonly Option<string?> Encoding = new("--encoding")
    {
        Description = "Text encoding: utf-8 or windows-1252 (default: a byte order mark decides, else UTF-8 when the bytes are valid UTF-8, else Windows-1252).",
    };

    private static readonly Option<string?> Delimiter = new("--delimiter")
    {
        Description = "Field delimiter: ',', ';', '|' or tab (default: the most frequent of ',', ';' and tab in the header line).",
    };

    private static readonly Option<FileInfo?> Output = new("--output", "-o")
    {
        Description = "File to write (default: standard output). An existing file is overwritten.",
    };

    public static IEnumerable<Command> Create()
    {
        var import = new Command("import", "Imports a CSV file. Rows are matched to existing records by external id, so running the same file again creates no duplicates.");
        import.Arguments.Add(Kind);
        import.Arguments.Add(File);
        import.Options.Add(Format);
        import.Options.Add(Encoding);
        import.Options.Add(Delimiter);
        import.SetAction(ImportAsync);

        var export = new Command("export", "Writes all records of a kind as CSV in the format that import reads.");
        export.Arguments.Add(Kind);
        export.Options.Add(Output);
        export.SetAction(ExportAsync);
        return [import, export];
    }

    private static async Task<int> ImportAsync(ParseResult result, CancellationToken ct)
    {
        if (string.Equals(result.GetValue(Kind), "cobie", StringComparison.OrdinalIgnoreCase))
        {
            return await ImportCobieAsync(result, ct);
        }

        if (string.Equals(result.GetValue(Kind), "meter-readings", StringComparison.OrdinalIgnoreCase))
        {
            return await ImportMeterReadingsAsync(result, ct);
        }

        var options = ImportOptions.Parse(result.GetValue(Kind), result.GetValue(Format), result.GetValue(Encoding), result.GetValue(Delimiter), actorId: null);
        if (!options.IsSuccess)
        {
            await Console.Error.WriteLineAsync($"error: {options.Error!.Message}");
            return 1;
        }

        var file = result.GetValue(File)!;
        if (!file.Exists)
        {
            await Console.Error.WriteLineAsync($"error: the file '{file.FullName}' does not exist.");
            return 1;
        }

        await using var services = await CliServices.CreateAsync(result, ct);
        await using var scope = services.CreateAsyncScope();
        await using var input = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var imported = await scope.ServiceProvider.GetRequiredService<CsvImporter>()
            .ImportAsync(input, options.Value! with { OneTransactionFromBytes = SqliteBulkLoad.LargeFileBytes, WriteInPlaceWhenAlone = true }, ct);
        if (!imported.IsSuccess)
        {
            await Console.Error.WriteLineAsync($"error: {file.Name}: {imported.Error!.Message}");
            return 1;
        }

        var report = imported.Value!;
        await Console.Out.WriteAsync(FormatReport(file.Name, report));
        return report.Rejected > 0 || report.StoppedEarly is not null ? RowsRejectedExitCode : 0;
    }

    /// <summary>Stores every reading of a meter-readings CSV file, or none when a row is invalid.</summary>
    private static async Task<int> ImportMeterReadingsAsync(ParseResult result, CancellationToken ct)
    {
        var file = result.GetValue(File)!;
        if (!file.Exists)
        {
            await Console.Error.WriteLineAsync($"error: the file '{file.FullName}' does not exist.");
            return 1;
        }

        await using var services = await CliServices.CreateAsync(result, ct);
        await using var scope = services.CreateAsyncScope();
        using var text = new StreamReader(file.FullName);
        var parsed = await Features.Meters.ReadingCsv.ParseAsync(text, ct);
        var stored = parsed.IsSuccess
            ? await scope.ServiceProvider.GetRequiredService<Features.Meters.MeterReadings>().RecordAsync(
                parsed.Value!, Domain.Maintenance.ReadingSource.Csv, null, null, null, i => $"rows[{i}].", ct, Features.Meters.ReadingFields.Csv)
            : parsed.Error!;
        if (!stored.IsSuccess)
        {
            var field = stored.Error!.Field is { } name && name != "file" ? $"{name}: " : "";
            await Console.Error.WriteLineAsync($"error: {file.Name}: {field}{stored.Error.Message}");
            return 1;
        }

        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{file.Name}: stored {stored.Value!.Count} meter readings."));
        return 0;
    }

    /// <summary>Imports a COBie workbook (.xlsx) and prints what it created and every row it could not use.</summary>
    private static async Task<int> ImportCobieAsync(ParseResult result, CancellationToken ct)
    {
        var file = result.GetValue(File)!;
        if (!file.Exists)
        {
            await Console.Error.WriteLineAsync($"error: the file '{file.FullName}' does not exist.");
            return 1;
        }

        await using var services = await CliServices.CreateAsync(result, ct);
        await using var scope = services.CreateAsyncScope();
        await using var input = new MemoryStream(await System.IO.File.ReadAllBytesAsync(file.FullName, ct));
        var imported = await scope.ServiceProvider.GetRequiredService<Features.Assets.Cobie.CobieImporter>().ImportAsync(input, ct);
        if (!imported.IsSuccess)
        {
            await Console.Error.WriteLineAsync($"error: {file.Name}: {imported.Error!.Message}");
            return 1;
        }

        var report = imported.Value!;
        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(invariant, $"{file.Name}: locations {report.LocationsCreated} created, {report.LocationsUpdated} updated; asset types {report.TypesCreated} created, {report.TypesUpdated} updated; assets {report.AssetsCreated} created, {report.AssetsUpdated} updated; systems {report.SystemsCreated}; jobs {report.JobsRead}; rejected {report.Rejected.Count}"));
        foreach (var issue in report.Rejected)
        {
            Console.WriteLine(string.Create(invariant, $"  {issue.Sheet} row {issue.Row}: {issue.Reason}"));
        }

        return report.Rejected.Count > 0 ? RowsRejectedExitCode : 0;
    }

    private static async Task<int> ExportAsync(ParseResult result, CancellationToken ct)
    {
        if (!DataKinds.TryParseKind(result.GetValue(Kind), out var kind))
        {
            await Console.Error.WriteLineAsync($"error: kind '{result.GetValue(Kind)}' is unknown. Use one of: {DataKinds.KindNames}.");
            return 1;
        }

        var output = result.GetValue(Output);
        await using var destination = output is null
            ? Console.OpenStandardOutput()
            : new FileStream(output.FullName, FileMode.Create, FileAccess.Write, FileShare.Read, 64 * 1024, FileOptions.Asynchronous);
        if (output is null)
        {
            // The CSV goes to the raw standard output stream. Console log lines, such as migration
            // warnings, go to standard error so that they cannot end up in the file.
            Console.SetOut(Console.Error);
        }

        await using var services = await CliServices.CreateAsync(result, ct);
        await using var scope = services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<CsvExporter>().ExportAsync(kind, user: null, destination, ct);
        if (output is not null)
        {
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Wrote {rows} {DataKinds.Name(kind)} to {output.FullName}."));
        }

        return 0;
    }

    /// <summary>Formats the report for the terminal: the counts, how the file was read, then each rejected row.</summary>
    public static string FormatReport(string fileName, ImportReport report)
    {
        var text = new System.Text.StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine(invariant, $"{fileName}: {report.Kind} ({report.Format} format, {report.Encoding}, delimiter {report.Delimiter})");
        text.AppendLine(invariant, $"  rows read:  {report.RowsRead}");
        text.AppendLine(invariant, $"  imported:   {report.Imported}");
        text.AppendLine(invariant, $"  updated:    {report.Updated}");
        text.AppendLine(invariant, $"  unchanged:  {report.Skipped}");
        text.AppendLine(invariant, $"  rejected:   {report.Rejected}");
        foreach (var note in report.Notes)
        {
            text.AppendLine(invariant, $"note: {note}");
        }

        if (report.StoppedEarly is { } stopped)
        {
            text.AppendLine(invariant, $"stopped: {stopped}");
        }

        foreach (var rejection in report.Rejections)
        {
            text.AppendLine(invariant, $"line {rejection.Line}: rejected: {rejection.Message}");
        }

        foreach (var warning in report.Warnings)
        {
            text.AppendLine(invariant, $"line {warning.Line}: warning: {warning.Message}");
        }

        var unlisted = report.Rejected - report.Rejections.Count;
        if (unlisted > 0)
        {
            text.AppendLine(invariant, $"({unlisted} more rejected rows are not listed)");
        }

        return text.ToString();
    }
}
