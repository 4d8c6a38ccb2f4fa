using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Workdesk.Data;
using Workdesk.Domain.Requests;
using Workdesk.Domain.WorkOrders;

namespace Workdesk.Server.Features.Import;

/// <summary>
/// Writes a large 311 file into SQLite as one transaction. The indexes whose keys are scattered
/// through the file, and the search index rows of the new work orders, are built once at the end
/// instead of row by row.
/// </summary>
/// <remarks>
/// A due date or a location puts each new row on a different index page, and with a transaction
/// per batch every commit wrote those pages again. A 1,000,000-row Boston import on a 2-core
/// machine took 144 s with a transaction per 500 rows. As one transaction, with the other import
/// changes made at the same time, it took about 70 s, of which the final build and commit took 21 s.
/// The unique indexes stay, because the import looks rows up by them.
/// <para>
/// SQLite runs schema changes inside the transaction, so a failure or a stop of the process rolls
/// everything back and leaves the indexes and triggers as they were. Readers see the data as it
/// was before the import until it commits. Writers wait for it, up to the 30 s busy timeout.
/// </para>
/// </remarks>
internal sealed class SqliteBulkLoad : IAsyncDisposable
{
    /// <summary>The size from which the command line writes a file as one transaction: about 80,000 rows of a 311 export.</summary>
    public const long LargeFileBytes = 32L * 1024 * 1024;

    /// <summary>The temporary trigger that keeps the search index of older work orders current during the load.</summary>
    private const string RefreshTrigger = "import_search_refresh";

    private readonly WorkdeskDbContext db;
    private readonly IDbContextTransaction transaction;
    private readonly long lastIdBefore;
    private readonly IReadOnlyList<SchemaObject> deferred;
    private bool committed;

    private SqliteBulkLoad(WorkdeskDbContext db, IDbContextTransaction transaction, long lastIdBefore, IReadOnlyList<SchemaObject> deferred, bool inPlace)
    {
        this.db = db;
        this.transaction = transaction;
        this.lastIdBefore = lastIdBefore;
        this.deferred = deferred;
        InPlace = inPlace;
    }

    /// <summary>Whether the load writes through a rollback journal instead of the WAL (see <see cref="SqliteRollbackJournal"/>).</summary>
    public bool InPlace { get; }

    /// <summary>A row of sqlite_schema.</summary>
    private sealed record SchemaObject(string Type, string Name, string Sql)
    {
        public string DropStatement => string.Concat("DROP ", Type.ToUpperInvariant(), " \"", Name.Replace("\"", "\"\"", StringComparison.Ordinal), "\"");
    }

    /// <summary>
    /// Begins the transaction and drops what <see cref="CommitAsync"/> builds again. Returns null,
    /// having changed nothing, on PostgreSQL.
    /// </summary>
    /// <param name="inPlaceWhenAlone">Whether to switch to a rollback journal when no other connection has the file open.</param>
    public static async Task<SqliteBulkLoad?> BeginAsync(WorkdeskDbContext db, bool inPlaceWhenAlone, CancellationToken ct)
    {
        if (db.Provider != DatabaseProvider.Sqlite)
        {
            return null;
        }

        await db.Database.OpenConnectionAsync(ct);
        var inPlace = false;
        IDbContextTransaction? transaction = null;
        try
        {
            inPlace = inPlaceWhenAlone && await SqliteRollbackJournal.TryEnterAsync(db.Database.GetDbConnection(), ct);
            transaction = await db.Database.BeginTransactionAsync(ct);
            var lastId = await db.WorkOrders.MaxAsync(w => (long?)w.Id, ct) ?? 0;
            var deferred = await DeferredObjectsAsync(db, ct);
            foreach (var item in deferred)
            {
                await db.Database.ExecuteSqlRawAsync(item.DropStatement, ct);
            }

            await db.Database.ExecuteSqlRawAsync(SqliteSearchIndex.RefreshUpTo(RefreshTrigger, lastId), ct);
            return new SqliteBulkLoad(db, transaction, lastId, deferred, inPlace);
        }
        catch
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }

            await LeaveJournalAsync(db, inPlace);
            await db.Database.CloseConnectionAsync();
            throw;
        }
    }

    /// <summary>Indexes the new work orders for search, builds the dropped indexes and triggers again, and commits.</summary>
    public async Task CommitAsync(CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync(SqliteSearchIndex.FillAfter(lastIdBefore), ct);
        await DropRefreshTriggerAsync(ct);
        foreach (var item in deferred)
        {
            await db.Database.ExecuteSqlRawAsync(item.Sql, ct);
        }

        await transaction.CommitAsync(ct);
        committed = true;
    }

    /// <summary>Rolls everything back unless <see cref="CommitAsync"/> succeeded.</summary>
    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        if (!committed)
        {
            // Temporary objects belong to the connection, which goes back to the pool.
            await DropRefreshTriggerAsync(CancellationToken.None);
        }

        await LeaveJournalAsync(db, InPlace);
        await db.Database.CloseConnectionAsync();
    }

    private static async Task LeaveJournalAsync(WorkdeskDbContext db, bool inPlace)
    {
        if (inPlace)
        {
            await SqliteRollbackJournal.LeaveAsync(db.Database.GetDbConnection());
        }
    }

    private Task<int> DropRefreshTriggerAsync(CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync($"DROP TRIGGER IF EXISTS temp.\"{RefreshTrigger}\"", ct);

    /// <summary>
    /// The indexes keyed by a value that a 311 file does not write in order (a due date, a
    /// location, an update time), and the two search triggers that index new and changed work
    /// orders. The other indexes grow at their end as the file is read, which costs little.
    /// </summary>
    private static async Task<List<SchemaObject>> DeferredObjectsAsync(WorkdeskDbContext db, CancellationToken ct)
    {
        string[] scattered = [nameof(WorkOrder.DueAt), nameof(WorkOrder.LocationId), nameof(WorkOrder.UpdatedAt)];
        var indexes = new[] { typeof(WorkOrder), typeof(WorkRequest) }
            .SelectMany(t => db.Model.FindEntityType(t)!.GetIndexes())
            .Where(i => !i.IsUnique && i.Properties.Any(p => scattered.Contains(p.Name)))
            .Select(i => i.GetDatabaseName()!)
            .ToHashSet(StringComparer.Ordinal);
        var objects = await db.Database.SqlQueryRaw<SchemaObject>(
                """
                SELECT type AS "Type", name AS "Name", sql AS "Sql" FROM sqlite_schema
                WHERE sql IS NOT NULL AND (type = 'index' OR type = 'trigger' AND name IN ({0}, {1}))
                """,
                SqliteSearchIndex.InsertTriggerName, SqliteSearchIndex.UpdateTriggerName)
            .ToListAsync(ct);
        return [.. objects.Where(o => o.Type == "trigger" || indexes.Contains(o.Name))];
    }
}
