using System.Data.Common;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace Workdesk.Server.Features.Import;

public sealed partial class CsvImporter
{
    /// <summary>A row read into memory: its record to write, or the outcome that rejected it.</summary>
    private sealed record ReadRow<TRecord>(long Line, TRecord? Record, RowOutcome? Rejection)
        where TRecord : class;

    /// <summary>
    /// Imports the file a batch at a time: reads and checks <see cref="ImportOptions.BatchSize"/>
    /// rows in memory, then writes the valid ones in one transaction. Only when the database
    /// rejects that write is the batch written again row by row with a savepoint per row, so the
    /// failing row is rejected and the rows around it still land.
    /// </summary>
    private async Task ReadBatchesAsync<TRecord>(
        RowSource source, IBatchRowImporter<TRecord> importer, ImportOptions options, ImportReport report, CancellationToken ct)
        where TRecord : class
    {
        var context = new ImportContext(db, locations, clock.GetUtcNow(), options.ActorId);
        await using var cache = await SqlitePageCache.EnlargeAsync(db, ct);
        db.Database.AutoSavepointsEnabled = false;
        db.ChangeTracker.Clear();
        var more = true;
        while (more)
        {
            var batch = new List<ReadRow<TRecord>>(options.BatchSize);
            more = await ReadBatchAsync(source, importer, batch, options.BatchSize, report, ct);
            if (batch.Count == 0)
            {
                break;
            }

            var lastLine = batch[^1].Line;
            try
            {
                report.Add(await WriteBatchAsync(batch, importer, context, ct));
            }
            catch (Exception e) when (e is DbException or DbUpdateException or InvalidOperationException)
            {
                StopAfterDatabaseFailure(report, e, lastLine);
                return;
            }
            finally
            {
                context.ClearCache();
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Reads up to <paramref name="batchSize"/> rows into <paramref name="batch"/>; returns false at the end of the file.</summary>
    private async Task<bool> ReadBatchAsync<TRecord>(
        RowSource source, IBatchRowImporter<TRecord> importer, List<ReadRow<TRecord>> batch, int batchSize, ImportReport report, CancellationToken ct)
        where TRecord : class
    {
        var line = batch.Count > 0 ? batch[^1].Line : 1;
        try
        {
            while (batch.Count < batchSize)
            {
                if (!await source.Csv.ReadAsync(ct))
                {
                    return false;
                }

                line = source.Csv.LineNumber;
                batch.Add(ReadRecord(source, importer));
            }

            return true;
        }
        catch (CsvFormatException e)
        {
            // The rows read so far are complete, so they are still written.
            report.StoppedEarly = $"Stopped at line {(e.LineNumber > 0 ? e.LineNumber : line + 1)}: {e.Message} Rows after it were not read.";
            ImportLog.Stopped(logger, e, e.LineNumber);
            return false;
        }
    }

    private static ReadRow<TRecord> ReadRecord<TRecord>(RowSource source, IBatchRowImporter<TRecord> importer)
        where TRecord : class
    {
        var line = source.Csv.LineNumber;
        if (CheckRecord(source) is { } rejection)
        {
            return new(line, null, rejection);
        }

        var row = new ImportRow(source.Csv, source.Columns, line);
        var record = importer.Read(row);
        return record is null ? new(line, null, row.Reject()) : new(line, record, null);
    }

    private async Task<BatchTally> WriteBatchAsync<TRecord>(
        List<ReadRow<TRecord>> batch, IBatchRowImporter<TRecord> importer, ImportContext context, CancellationToken ct)
        where TRecord : class
    {
        var valid = batch.Where(r => r.Record is not null).ToList();
        IReadOnlyList<RowOutcome> outcomes;
        try
        {
            outcomes = await WriteTogetherAsync(valid, importer, context, ct);
        }
        catch (Exception e) when (e is DbUpdateException or DbException)
        {
            ImportLog.BatchFailed(logger, e, batch[0].Line, batch[^1].Line);
            context.ClearCache();
            db.ChangeTracker.Clear();
            outcomes = await WriteRowByRowAsync(valid, importer, context, ct);
        }

        var tally = new BatchTally();
        var next = 0;
        foreach (var row in batch)
        {
            tally.Add(row.Line, row.Rejection ?? outcomes[next++]);
        }

        return tally;
    }

    private async Task<IReadOnlyList<RowOutcome>> WriteTogetherAsync<TRecord>(
        List<ReadRow<TRecord>> rows, IBatchRowImporter<TRecord> importer, ImportContext context, CancellationToken ct)
        where TRecord : class
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var outcomes = await importer.WriteAsync([.. rows.Select(r => r.Record!)], context, ct);
        await transaction.CommitAsync(ct);
        context.AcceptRow();
        return outcomes;
    }

    private async Task<IReadOnlyList<RowOutcome>> WriteRowByRowAsync<TRecord>(
        List<ReadRow<TRecord>> rows, IBatchRowImporter<TRecord> importer, ImportContext context, CancellationToken ct)
        where TRecord : class
    {
        var outcomes = new List<RowOutcome>(rows.Count);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var row in rows)
        {
            await transaction.CreateSavepointAsync(RowSavepoint, ct);
            try
            {
                outcomes.Add((await importer.WriteAsync([row.Record!], context, ct))[0]);
                context.AcceptRow();
            }
            catch (Exception e) when (e is DbUpdateException or DbException)
            {
                ImportLog.RowFailed(logger, e, row.Line);
                await transaction.RollbackToSavepointAsync(RowSavepoint, ct);
                context.DiscardRow();
                outcomes.Add(RowOutcome.Rejected($"the database rejected the row: {(e.InnerException ?? e).Message}"));
            }

            await transaction.ReleaseSavepointAsync(RowSavepoint, ct);
            db.ChangeTracker.Clear();
        }

        await transaction.CommitAsync(ct);
        return outcomes;
    }
}
