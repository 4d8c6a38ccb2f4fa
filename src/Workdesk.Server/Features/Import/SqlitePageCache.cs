using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Workdesk.Data;

namespace Workdesk.Server.Features.Import;

/// <summary>
/// Gives SQLite a larger page cache while a batch import runs. With SQLite's default of 2 MiB, the
/// pages of the work order indexes stop fitting once the table has a few hundred thousand rows, so
/// inserts read them from the file again. Measured with a 1,000,000-row Boston import on SQLite:
/// 160 s of CPU (61 s in the kernel) with the default cache and 152 s (46 s) with 64 MiB.
/// </summary>
internal sealed class SqlitePageCache : IAsyncDisposable
{
    /// <summary>The cache size during an import, in KiB. The pragma takes it as a negative number.</summary>
    private const int ImportCacheKibibytes = 64 * 1024;

    private readonly WorkdeskDbContext db;
    private readonly long previousSize;

    private SqlitePageCache(WorkdeskDbContext db, long previousSize)
    {
        this.db = db;
        this.previousSize = previousSize;
    }

    /// <summary>
    /// Opens the context's connection and enlarges its cache until disposed, when the size goes
    /// back to what it was and the connection closes. Returns null on PostgreSQL.
    /// </summary>
    public static async Task<SqlitePageCache?> EnlargeAsync(WorkdeskDbContext db, CancellationToken ct)
    {
        if (db.Provider != DatabaseProvider.Sqlite)
        {
            return null;
        }

        // The pragma belongs to one connection, so the connection stays open for the whole import.
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        var previous = Convert.ToInt64(await ExecuteAsync(connection, "PRAGMA cache_size", ct), CultureInfo.InvariantCulture);
        await ExecuteAsync(connection, $"PRAGMA cache_size = -{ImportCacheKibibytes}", ct);
        return new SqlitePageCache(db, previous);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ExecuteAsync(db.Database.GetDbConnection(), string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = {previousSize}"), CancellationToken.None);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<object?> ExecuteAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(ct);
    }
}
