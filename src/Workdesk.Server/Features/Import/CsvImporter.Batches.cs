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
    /// <remarks>
    /// The next batch is read and parsed on another thread while the current one is written, so
    /// on a machine with two cores the parsing no longer adds to the import's time.
    /// </remarks>
    private async Task ReadBatchesAsync<TRecord>(
        RowSource source, IBatchRowImporter<TRecord> importer, ImportOptions options, ImportReport report, CancellationToken ct)
        where TRecord : class
    {
        var context = new ImportContext(db, locations, clock.GetUtcNow(), options.ActorId);
        await using var cache = await SqlitePageCache.EnlargeAsync(db, ct);
        db.Database.AutoSavepointsEnabled = false;
        db.ChangeTracker.Clear();
        await using var bulk = source.Bytes >= options.OneTransactionFromBytes ? await SqliteBulkLoad.BeginAsync(db, options.WriteInPlaceWhenAlone, ct) : null;
        if (bulk is not null)
        {
            report.AddNote("The file is large, so it was written as one transaction and the indexes of work orders and requests were built once at the end.");
        }

        if (bulk is { InPlace: true })
        {
            report.AddNote("Nothing else had the database open, so the import wrote into the database file directly instead of through the write-ahead log.");
        }

        var reading = ReadBatchAsync(source, importer, options.BatchSize, ct);
        var line = 1L;
        try
        {
            while (await reading is { Rows.Count: > 0 } read)
            {
                reading = read.More
                    ? Task.Run(() => ReadBatchAsync(source, importer, options.BatchSize, ct), ct)
                    : Task.FromResult(new BatchRead<TRecord>([], false, null));
                report.StoppedEarly = read.Stopped ?? report.StoppedEarly;
                line = read.Rows[^1].Line;
                if (!await TryWriteBatchAsync(read.Rows, importer, context, report, oneTransaction: bulk is not null, ct))
                {
                    return;
                }
            }

            if (bulk is not null)
            {
                await CommitBulkAsync(bulk, report, line, ct);
            }
        }
        finally
        {
            // The file is not touched again until the read in progress has finished.
            await reading.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    private async Task CommitBulkAsync(SqliteBulkLoad bulk, ImportReport report, long line, CancellationToken ct)
    {
        try
        {
            await bulk.CommitAsync(ct);
        }
        catch (DbException e)
        {
            StopAfterDatabaseFailure(report, e, line, oneTransaction: true);
        }
    }

    /// <summary>Writes one batch and adds its outcomes to the report. Returns false when the database failed, which stops the import.</summary>
    /// <param name="oneTransaction">Whether the batch is part of a bulk load, which a failure rolls back as a whole.</param>
    private async Task<bool> TryWriteBatchAsync<TRecord>(
        List<ReadRow<TRecord>> batch, IBatchRowImporter<TRecord> importer, ImportContext context, ImportReport report, bool oneTransaction, CancellationToken ct)
        where TRecord : class
    {
        try
        {
            report.Add(await WriteBatchAsync(batch, importer, context, ct));
            return true;
        }
        catch (Exception e) when (e is DbException or DbUpdateException or InvalidOperationException)
        {
            StopAfterDatabaseFailure(report, e, batch[^1].Line, oneTransaction);
            return false;
        }
        finally
        {
            context.ClearCache();
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The rows of one batch, whether the file has more after them, and why reading stopped early, if it did.</summary>
    private sealed record BatchRead<TRecord>(List<ReadRow<TRecord>> Rows, bool More, string? Stopped)
        where TRecord : class;

    /// <summary>Reads up to <paramref name="batchSize"/> rows, and whether the file has more after them.</summary>
    private async Task<BatchRead<TRecord>> ReadBatchAsync<TRecord>(
        RowSource source, IBatchRowImporter<TRecord> importer, int batchSize, CancellationToken ct)
        where TRecord : class
    {
        var batch = new List<ReadRow<TRecord>>(batchSize);
        var line = 1L;
        try
        {
            while (batch.Count < batchSize)
            {
                if (!await source.Csv.ReadAsync(ct))
                {
                    return new(batch, false, null);
                }

                line = source.Csv.LineNumber;
                batch.Add(ReadRecord(source, importer));
            }

            return new(batch, true, null);
        }
        catch (CsvFormatException e)
        {
            // The rows read so far are complete, so they are still written.
            ImportLog.Stopped(logger, e, e.LineNumber);
            return new(batch, false, $"Stopped at line {(e.LineNumber > 0 ? e.LineNumber : line + 1)}: {e.Message} Rows after it were not read.");
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
        await using var batch = await BatchTransaction.BeginAsync(db, ct);
        var outcomes = await importer.WriteAsync([.. rows.Select(r => r.Record!)], context, ct);
        await batch.CommitAsync(ct);
        context.AcceptRow();
        return outcomes;
    }

    private async Task<IReadOnlyList<RowOutcome>> WriteRowByRowAsync<TRecord>(
        List<ReadRow<TRecord>> rows, IBatchRowImporter<TRecord> importer, ImportContext context, CancellationToken ct)
        where TRecord : class
    {
        var outcomes = new List<RowOutcome>(rows.Count);
        await using var batch = await BatchTransaction.BeginAsync(db, ct);
        foreach (var row in rows)
        {
            await batch.Transaction.CreateSavepointAsync(RowSavepoint, ct);
            try
            {
                outcomes.Add((await importer.WriteAsync([row.Record!], context, ct))[0]);
                context.AcceptRow();
            }
            catch (Exception e) when (e is DbUpdateException or DbException)
            {
                ImportLog.RowFailed(logger, e, row.Line);
                await batch.Transaction.RollbackToSavepointAsync(RowSavepoint, ct);
                context.DiscardRow();
                outcomes.Add(RowOutcome.Rejected($"the database rejected the row: {(e.InnerException ?? e).Message}"));
            }

            await batch.Transaction.ReleaseSavepointAsync(RowSavepoint, ct);
            db.ChangeTracker.Clear();
        }

        await batch.CommitAsync(ct);
        return outcomes;
    }
}
