using System.Data.Common;
using System.Diagnostics;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Server.Features.Assets;
using Workdesk.Server.Features.Places;

namespace Workdesk.Server.Features.Import;

/// <summary>
/// Imports a CSV file row by row: each row is validated and written inside a savepoint, and every
/// <see cref="ImportOptions.BatchSize"/> rows are committed as one transaction. A rejected row is
/// rolled back to its savepoint, so it leaves nothing behind and the rows around it still land.
/// Importers that implement <see cref="IBatchRowImporter{TRecord}"/> write a whole batch at once
/// instead, and fall back to a savepoint per row only when the database rejects the batch.
/// </summary>
public sealed partial class CsvImporter(WorkdeskDbContext db, LocationService locations, AssetTree assets, TimeProvider clock, ILogger<CsvImporter> logger)
{
    /// <summary>The largest record read, in bytes; a longer one almost always comes from an unclosed quote.</summary>
    public const int MaxRecordBytes = 1024 * 1024;

    private const string RowSavepoint = "import_row";

    /// <summary>
    /// Imports the file. The stream must be seekable because the file is read twice: once to check
    /// its encoding, once to import it. Returns an error, having written nothing, when the file as
    /// a whole is not a CSV file of the expected kind.
    /// </summary>
    public async Task<Result<ImportReport>> ImportAsync(Stream input, ImportOptions options, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        if (!input.CanSeek)
        {
            throw new ArgumentException("The import reads the file twice, so the stream must be seekable.", nameof(input));
        }

        var importer = CreateRowImporter(options);
        var expected = DescribeExpected(options, importer);
        var layout = await CsvInspector.InspectAsync(input, options.Encoding, options.Delimiter, expected, ct);
        if (!layout.IsSuccess)
        {
            ImportLog.FileRejected(logger, DataKinds.Name(options.Kind), layout.Error!.Message);
            return layout.Error!;
        }

        input.Position = layout.Value!.PreambleLength;
        using var text = new StreamReader(input, layout.Value.Encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024, leaveOpen: true);
        var malformed = new Dictionary<long, CsvMalformedReason>();
        await using var csv = CsvReader.Create(text, ReaderOptions(layout.Value.Delimiter, malformed), leaveOpen: true);
        try
        {
            await csv.ReadHeaderAsync(ct);
        }
        catch (CsvFormatException e)
        {
            ImportLog.FileRejected(logger, DataKinds.Name(options.Kind), e.Message);
            return Error.Invalid("file", $"The header line could not be read: {e.Message} Expected {expected}.");
        }

        var columns = ColumnMap.From(csv.Headers, csv.Separator);
        if (CheckHeader(columns, importer, expected) is { } headerError)
        {
            ImportLog.FileRejected(logger, DataKinds.Name(options.Kind), headerError.Message);
            return headerError;
        }

        var report = CreateReport(options, layout.Value, csv.Separator, columns, importer);
        var started = Stopwatch.GetTimestamp();
        ImportLog.Started(logger, report.Kind, report.Format, options.ActorId);
        var source = new RowSource(csv, columns, malformed, input.Length);
        await (importer is IBatchRowImporter<ServiceRequest> batchImporter
            ? ReadBatchesAsync(source, batchImporter, options, report, ct)
            : ReadRowsAsync(source, importer, options, report, ct));
        ImportLog.Completed(logger, report.Kind, report.Imported, report.Updated, report.Skipped, report.Rejected,
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return report;
    }

    /// <param name="malformed">Collects the records with quoting errors, by record number, for the row loop to reject.</param>
    private static CsvReaderOptions ReaderOptions(char? delimiter, Dictionary<long, CsvMalformedReason> malformed) => new()
    {
        Separator = delimiter,
        TrackLineNumbers = true,
        MaxRecordSize = MaxRecordBytes,
        OnMalformedRecord = record =>
        {
            // A stray quote inside an unquoted value, as in 12" pipe, is read as text. The other
            // quoting errors make the row ambiguous, so it is rejected.
            if (record.Reason != CsvMalformedReason.StrayQuote)
            {
                malformed[record.RecordNumber] = record.Reason;
            }
        },
    };

    private static ImportReport CreateReport(ImportOptions options, CsvLayout layout, char delimiter, ColumnMap columns, IRowImporter importer)
    {
        var report = new ImportReport
        {
            Kind = DataKinds.Name(options.Kind),
            Format = DataKinds.Name(options.Format),
            Encoding = TextEncodings.Name(layout.Encoding),
            Delimiter = delimiter == '\t' ? "tab" : delimiter.ToString(),
        };
        foreach (var note in layout.Notes)
        {
            report.AddNote(note);
        }

        var unread = columns.Names.Where(n => !importer.RequiredColumns.Contains(n) && !importer.OptionalColumns.Contains(n)).ToList();
        if (unread.Count > 0)
        {
            report.AddNote($"These columns are not read: {string.Join(", ", unread)}.");
        }

        return report;
    }

    /// <param name="Bytes">The size of the file.</param>
    private sealed record RowSource(CsvReader Csv, ColumnMap Columns, Dictionary<long, CsvMalformedReason> Malformed, long Bytes);

    private async Task ReadRowsAsync(RowSource source, IRowImporter importer, ImportOptions options, ImportReport report, CancellationToken ct)
    {
        var context = new ImportContext(db, locations, clock.GetUtcNow(), options.ActorId);
        db.Database.AutoSavepointsEnabled = false;
        db.ChangeTracker.Clear();
        var more = true;
        long line = 1;
        while (more)
        {
            var tally = new BatchTally();
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                try
                {
                    while (tally.Rows < options.BatchSize)
                    {
                        more = await source.Csv.ReadAsync(ct);
                        if (!more)
                        {
                            break;
                        }

                        line = source.Csv.LineNumber;
                        tally.Add(line, await ImportRowAsync(source, importer, context, transaction, ct));
                    }
                }
                catch (CsvFormatException e)
                {
                    // The rows read so far are complete, so they are still committed.
                    more = false;
                    report.StoppedEarly = $"Stopped at line {(e.LineNumber > 0 ? e.LineNumber : line + 1)}: {e.Message} Rows after it were not read.";
                    ImportLog.Stopped(logger, e, e.LineNumber);
                }

                await transaction.CommitAsync(ct);
                report.Add(tally);
            }
            catch (Exception e) when (e is DbException or DbUpdateException or InvalidOperationException)
            {
                StopAfterDatabaseFailure(report, e, line);
                return;
            }
            finally
            {
                context.ClearCache();
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Records in the report and the log that the database failed while writing the batch ending at <paramref name="line"/>.</summary>
    /// <param name="oneTransaction">Whether the whole import was one transaction, which the failure rolled back.</param>
    private void StopAfterDatabaseFailure(ImportReport report, Exception e, long line, bool oneTransaction = false)
    {
        var saved = oneTransaction
            ? "No rows were saved, because a file this large is written as one transaction."
            : $"The {report.RowsRead} rows of the earlier batches were saved, and the rows of this batch were not.";
        if (oneTransaction)
        {
            report.ClearRows();
        }

        report.StoppedEarly = $"Stopped at line {line} because the database failed: {e.Message} {saved}";
        ImportLog.Stopped(logger, e, line);
    }

    private async Task<RowOutcome> ImportRowAsync(
        RowSource source, IRowImporter importer, ImportContext context, IDbContextTransaction transaction, CancellationToken ct)
    {
        var csv = source.Csv;
        var line = csv.LineNumber;
        if (CheckRecord(source) is { } rejection)
        {
            return rejection;
        }

        await transaction.CreateSavepointAsync(RowSavepoint, ct);
        RowOutcome outcome;
        try
        {
            outcome = await importer.ImportAsync(new ImportRow(csv, source.Columns, line), context, ct);
        }
        catch (Exception e) when (e is DbUpdateException or DbException)
        {
            ImportLog.RowFailed(logger, e, line);
            outcome = RowOutcome.Rejected($"the database rejected the row: {(e.InnerException ?? e).Message}");
        }

        if (outcome.Kind == RowOutcomeKind.Rejected)
        {
            await transaction.RollbackToSavepointAsync(RowSavepoint, ct);
            context.DiscardRow();
        }
        else
        {
            context.AcceptRow();
        }

        await transaction.ReleaseSavepointAsync(RowSavepoint, ct);
        db.ChangeTracker.Clear();
        return outcome;
    }

    /// <summary>Returns the rejection of a record whose quoting or number of fields is wrong, or null for a well-formed one.</summary>
    private static RowOutcome? CheckRecord(RowSource source)
    {
        var csv = source.Csv;

        // The reader numbers records from 1 with the header as record 1.
        if (source.Malformed.Remove(csv.RowNumber + 1, out var malformed))
        {
            return RowOutcome.Rejected(Describe(malformed));
        }

        if (csv.FieldCount != source.Columns.Count)
        {
            return RowOutcome.Rejected(
                $"the row has {csv.FieldCount} fields but the header has {source.Columns.Count} (quote any value that contains the delimiter '{csv.Separator}')");
        }

        return null;
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.TextAfterClosingQuote => "text follows the closing quote of a quoted value (write a quote inside a quoted value as two quotes: \"\")",
        CsvMalformedReason.UnterminatedQuote => "a quoted value is never closed, so it runs to the end of the file",
        CsvMalformedReason.LineBreakInQuotes => "a quoted value contains a line break",
        _ => $"the row's quoting is malformed ({reason})",
    };

    private IRowImporter CreateRowImporter(ImportOptions options) => options.Format switch
    {
        ImportFormat.Boston311 => new Boston311Rows(),
        ImportFormat.Nyc311 => new Nyc311Rows(),
        ImportFormat.Workdesk => options.Kind switch
        {
            DataKind.Locations => new LocationRows(),
            DataKind.Assets => new AssetRows(assets),
            DataKind.Requests => new RequestRows(),
            DataKind.WorkOrders => new WorkOrderRows(),
        },
    };

    private static string DescribeExpected(ImportOptions options, IRowImporter importer)
    {
        var file = options.Format switch
        {
            ImportFormat.Boston311 => "a Boston 311 CSV export",
            ImportFormat.Nyc311 => "a New York City 311 CSV export",
            ImportFormat.Workdesk => $"a {DataKinds.Name(options.Kind)} CSV file",
        };
        return $"{file} whose first line names its columns, such as {string.Join(",", importer.RequiredColumns.Concat(importer.OptionalColumns).Take(6))}";
    }

    private static Error? CheckHeader(ColumnMap columns, IRowImporter importer, string expected)
    {
        if (columns.Duplicates.Count > 0)
        {
            return Error.Invalid("file", $"The header names these columns more than once: {string.Join(", ", columns.Duplicates.Distinct())}. Each column may appear once.");
        }

        var known = importer.RequiredColumns.Concat(importer.OptionalColumns).ToHashSet(StringComparer.Ordinal);
        if (!columns.Names.Any(known.Contains))
        {
            var header = string.Join(",", columns.Names);
            return Error.Invalid("file",
                $"The first line ({(header.Length > 200 ? header[..200] + "..." : header)}) has none of the expected columns. Expected {expected}. Required columns: {string.Join(", ", importer.RequiredColumns)}.");
        }

        var missing = importer.RequiredColumns.Where(c => columns.IndexOf(c) < 0).ToList();
        return missing.Count == 0
            ? null
            : Error.Invalid("file",
                $"The header lacks the required column{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing)}. The file needs {string.Join(", ", importer.RequiredColumns)} and may have {string.Join(", ", importer.OptionalColumns)}.");
    }
}
