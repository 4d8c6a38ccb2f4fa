using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Workdesk.Data;

namespace Workdesk.Bench.Drills;

/// <summary>
/// Checks a Workdesk database after a crash: the engine's own integrity check, and that no work
/// order is half-written, that is, that each has the rows its create transaction writes with it.
/// </summary>
internal static class DatabaseChecks
{
    /// <summary>Runs the checks and adds them to <paramref name="result"/>.</summary>
    public static async Task RunAsync(DatabaseSettings settings, DrillResult result, CancellationToken ct)
    {
        await using var connection = Open(settings);
        await connection.OpenAsync(ct);
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            await CheckSqliteAsync(connection, result, ct);
        }
        else
        {
            await CheckPostgresAsync(connection, result, ct);
        }

        // WorkOrderService writes the "created" history entry in the same transaction as the work order.
        var withoutHistory = await ScalarAsync(connection, """
            SELECT COUNT(*) FROM "WorkOrders" w
            WHERE NOT EXISTS (SELECT 1 FROM "Activities" a
                              WHERE a."EntityType" = 'work_order' AND a."EntityId" = w."Id" AND a."Action" = 'created')
            """, ct);
        result.Check("every work order has its created history entry", withoutHistory == 0, $"{withoutHistory} without one");

        var historyWithoutOrder = await ScalarAsync(connection, """
            SELECT COUNT(*) FROM "Activities" a
            WHERE a."EntityType" = 'work_order' AND a."Action" = 'created'
              AND NOT EXISTS (SELECT 1 FROM "WorkOrders" w WHERE w."Id" = a."EntityId")
            """, ct);
        result.Check("every created history entry has its work order", historyWithoutOrder == 0, $"{historyWithoutOrder} without one");

        // Idempotency records are written in the create's transaction and point at what it created.
        var danglingKeys = await ScalarAsync(connection, """
            SELECT COUNT(*) FROM "IdempotencyRecords" r
            WHERE r."ResourceLocation" LIKE '/api/v1/work-orders/%'
              AND NOT EXISTS (SELECT 1 FROM "WorkOrders" w WHERE '/api/v1/work-orders/' || CAST(w."Id" AS TEXT) = r."ResourceLocation")
            """, ct);
        result.Check("every idempotency key points at an existing work order", danglingKeys == 0, $"{danglingKeys} point at none");
    }

    private static DbConnection Open(DatabaseSettings settings) => settings.Provider == DatabaseProvider.Sqlite
        ? new SqliteConnection(new SqliteConnectionStringBuilder(settings.ConnectionString) { Pooling = false }.ToString())
        : new NpgsqlConnection(new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Pooling = false, CommandTimeout = 600 }.ToString());

    private static async Task CheckSqliteAsync(DbConnection connection, DrillResult result, CancellationToken ct)
    {
        var integrity = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA integrity_check";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct) && integrity.Count < 10)
            {
                integrity.Add(reader.GetString(0));
            }
        }

        result.Check("PRAGMA integrity_check", integrity is ["ok"], string.Join("; ", integrity));

        var foreignKeyProblems = 0L;
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA foreign_key_check";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                foreignKeyProblems++;
            }
        }

        result.Check("PRAGMA foreign_key_check", foreignKeyProblems == 0, $"{foreignKeyProblems} rows break a foreign key");

        // FTS5's own check verifies the structure of the index.
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"INSERT INTO \"{SqliteSearchIndex.Table}\" (\"{SqliteSearchIndex.Table}\") VALUES ('integrity-check')";
            await command.ExecuteNonQueryAsync(ct);
            result.Check("FTS5 integrity-check of the search index", true, "ok");
        }
        catch (SqliteException e)
        {
            result.Check("FTS5 integrity-check of the search index", false, e.Message);
        }

        // The insert trigger, or for a group of creates the statement just before the group's
        // commit, writes the index row in the work order's own transaction, so each work order has one.
        var unindexed = await ScalarAsync(connection, $"""
            SELECT (SELECT COUNT(*) FROM "WorkOrders") - (SELECT COUNT(*) FROM "{SqliteSearchIndex.Table}")
            """, ct);
        result.Check("every work order has its search index row", unindexed == 0, $"{unindexed} work orders more than index rows");

        // A deferral row lives only inside the transaction that writes it, so none is ever committed.
        var deferrals = await ScalarAsync(connection, $"SELECT COUNT(*) FROM \"{SqliteSearchIndex.DeferralTable}\"", ct);
        result.Check("no search index deferral is left", deferrals == 0, $"{deferrals} rows in {SqliteSearchIndex.DeferralTable}");
    }

    private static async Task<bool> TryInstallAmcheckAsync(DbConnection connection, CancellationToken ct)
    {
        try
        {
            await ExecuteAsync(connection, "CREATE EXTENSION IF NOT EXISTS amcheck", ct);
            return true;
        }
        catch (DbException error) when (error.SqlState == "42501")
        {
            return false;
        }
    }

    private static async Task CheckPostgresAsync(DbConnection connection, DrillResult result, CancellationToken ct)
    {
        // amcheck (a contrib module shipped with PostgreSQL) verifies the structure of every B-tree index.
        var available = await ScalarAsync(connection, "SELECT COUNT(*) FROM pg_available_extensions WHERE name = 'amcheck'", ct);
        if (available == 0)
        {
            result.Check("amcheck bt_index_check on every B-tree index", false, "the amcheck extension is not installed on this server, so the index check could not run");
        }
        else if (!await TryInstallAmcheckAsync(connection, ct))
        {
            result.Check("amcheck bt_index_check on every B-tree index", false, "this role may not install the amcheck extension; install it in the database as a superuser (CREATE EXTENSION amcheck) and grant EXECUTE on bt_index_check");
        }
        else
        {
            var checkedIndexes = await ScalarAsync(connection, """
                SELECT COUNT(*) FROM (
                    SELECT bt_index_check(c.oid, true)
                    FROM pg_index i
                    JOIN pg_class c ON c.oid = i.indexrelid
                    JOIN pg_am am ON am.oid = c.relam
                    JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE am.amname = 'btree' AND n.nspname = 'public' AND i.indisvalid) AS checked
                """, ct);
            result.Check("amcheck bt_index_check on every B-tree index", true, $"{checkedIndexes} indexes checked, heap included");
        }

        var invalidIndexes = await ScalarAsync(connection, "SELECT COUNT(*) FROM pg_index WHERE NOT indisvalid", ct);
        result.Check("no invalid index", invalidIndexes == 0, $"{invalidIndexes} invalid");
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 600;
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }
}
