using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Workdesk.Server.Features.Import;

/// <summary>
/// Switches a SQLite database out of write-ahead logging for a bulk load that has the file to
/// itself, and back afterwards.
/// </summary>
/// <remarks>
/// In WAL mode every page a large transaction writes goes to the log first, and the checkpoint
/// after the commit copies it into the database file. A 1,000,000-row Boston import therefore
/// wrote its 2 GB twice, and took 63 to 67 s with 17 to 21 s in the kernel. With a rollback
/// journal SQLite writes the new pages into the file once and journals only the pages that
/// existed before: 50 to 53 s, with 9.5 s in the kernel, on the same 2-core machine.
/// <para>
/// SQLite leaves WAL mode only when no other connection, in this process or another, has the file
/// open, so a running server keeps the import in WAL mode. A process that opens the file during
/// the load waits for it, up to its 30 s timeout: every Workdesk connection starts by setting WAL
/// mode, which SQLite allows only once the load has ended. A crash leaves a hot journal, which
/// SQLite rolls back the next time anything opens the file, so nothing of the load remains.
/// </para>
/// </remarks>
internal static class SqliteRollbackJournal
{
    /// <summary>
    /// Switches the open connection's database to a rollback journal and returns true, or returns
    /// false, having changed nothing, when another connection has the file open.
    /// </summary>
    public static async Task<bool> TryEnterAsync(DbConnection connection, CancellationToken ct)
    {
        // Idle connections of this process's pool hold the file open too.
        SqliteConnection.ClearPool((SqliteConnection)connection);
        try
        {
            return await SetModeAsync(connection, "DELETE", timeoutSeconds: 1, ct) == "delete";
        }
        catch (SqliteException e) when (IsLocked(e))
        {
            return false;
        }
    }

    /// <summary>
    /// Switches the database back to WAL mode. When a reader has the file open it waits up to the
    /// busy timeout; should that fail, the next Workdesk connection switches it instead.
    /// </summary>
    public static async Task LeaveAsync(DbConnection connection)
    {
        try
        {
            await SetModeAsync(connection, "WAL", timeoutSeconds: 30, CancellationToken.None);
        }
        catch (SqliteException e) when (IsLocked(e))
        {
            // Every read-write Workdesk connection sets WAL mode when it opens (see SqlitePragmas).
        }
    }

    private static bool IsLocked(SqliteException e) =>
        e.SqliteErrorCode is SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED;

    private static async Task<string?> SetModeAsync(DbConnection connection, string mode, int timeoutSeconds, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = " + mode;
        command.CommandTimeout = timeoutSeconds;
        return (string?)await command.ExecuteScalarAsync(ct);
    }
}
