using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Workdesk.Data;

namespace Workdesk.Bench.Generate;

/// <summary>
/// Writes rows into a SQLite file with one prepared INSERT per table, committing every
/// <see cref="RowsPerTransaction"/> rows. During the load the journal and fsync are off and foreign
/// keys are not enforced; <see cref="FinishAsync"/> turns WAL back on and runs PRAGMA foreign_key_check.
/// The triggers that keep the FTS5 search index in step are dropped during the load too, and the
/// index is filled once at the end, which is faster than indexing row by row.
/// </summary>
internal sealed class SqliteBulkDatabase : BulkDatabase
{
    public const int RowsPerTransaction = 50_000;

    private readonly SqliteConnection connection;
    private readonly List<SqliteCommand> commands = [];
    private readonly List<(string Name, string Sql)> droppedIndexes = [];
    private readonly List<(string Name, string Sql)> droppedTriggers = [];
    private bool hasSearchIndex;
    private SqliteTransaction? transaction;
    private int rowsInTransaction;

    public SqliteBulkDatabase(string connectionString)
    {
        // A private connection: the pool would keep EF Core's connection, whose pragmas differ.
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = false };
        connection = new SqliteConnection(builder.ToString());
    }

    public override async Task PrepareAsync(CancellationToken ct)
    {
        await connection.OpenAsync(ct);

        // Safe only because a failed generation leaves a file that is thrown away: with the journal
        // off, a crash mid-transaction corrupts the database.
        await ExecuteAsync(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA foreign_keys=OFF; " +
            "PRAGMA cache_size=-524288; PRAGMA temp_store=MEMORY;",
            ct);

        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                droppedIndexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, _) in droppedIndexes)
        {
            await ExecuteAsync($"DROP INDEX {Quote(name)}", ct);
        }

        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT type, name, sql FROM sqlite_master WHERE type = 'trigger' OR (type = 'table' AND name = $searchTable) ORDER BY name";
            list.Parameters.AddWithValue("$searchTable", SqliteSearchIndex.Table);
            await using var reader = await list.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                if (reader.GetString(0) == "trigger")
                {
                    droppedTriggers.Add((reader.GetString(1), reader.GetString(2)));
                }
                else
                {
                    hasSearchIndex = true;
                }
            }
        }

        foreach (var (name, _) in droppedTriggers)
        {
            await ExecuteAsync($"DROP TRIGGER {Quote(name)}", ct);
        }

        transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
    }

    public override TableWriter OpenTable(string table, IReadOnlyList<Column> columns)
    {
        var sql = new StringBuilder();
        sql.Append("INSERT INTO ").Append(Quote(table)).Append(" (");
        sql.AppendJoin(", ", columns.Select(c => Quote(c.Name)));
        sql.Append(") VALUES (");
        sql.AppendJoin(", ", columns.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)));
        sql.Append(')');

        var command = connection.CreateCommand();
        command.CommandText = sql.ToString();
        command.Transaction = transaction;
        var parameters = new SqliteParameter[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            parameters[i] = command.CreateParameter();
            parameters[i].ParameterName = "$p" + i.ToString(CultureInfo.InvariantCulture);
            parameters[i].Value = DBNull.Value;
            command.Parameters.Add(parameters[i]);
        }

        command.Prepare();
        commands.Add(command);
        return new SqliteTableWriter(this, command, parameters, table, columns);
    }

    public override async Task FinishAsync(IProgress<string> progress, CancellationToken ct)
    {
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
            await transaction.DisposeAsync();
            transaction = null;
        }

        var indexes = Stopwatch.GetTimestamp();
        foreach (var (_, sql) in droppedIndexes)
        {
            await ExecuteAsync(sql, ct);
        }

        progress.Report($"{droppedIndexes.Count} indexes recreated in {Stopwatch.GetElapsedTime(indexes).TotalSeconds:F1} s");

        var search = Stopwatch.GetTimestamp();
        if (hasSearchIndex)
        {
            await ExecuteAsync(SqliteSearchIndex.Fill, ct);
        }

        foreach (var (_, sql) in droppedTriggers)
        {
            await ExecuteAsync(sql, ct);
        }

        progress.Report($"search index filled and {droppedTriggers.Count} triggers recreated in {Stopwatch.GetElapsedTime(search).TotalSeconds:F1} s");

        var check = Stopwatch.GetTimestamp();
        var problems = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA foreign_key_check";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct) && problems.Count < 10)
            {
                problems.Add($"{reader.GetString(0)} row {reader.GetInt64(1)} -> {reader.GetString(2)}");
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                "The generated rows break foreign keys (first ones: " + string.Join("; ", problems) + "). This is a bug in the generator.");
        }

        progress.Report($"foreign key check: {Stopwatch.GetElapsedTime(check).TotalSeconds:F1} s");

        // The server opens every connection in WAL mode; setting it here leaves a file that looks
        // like one the server wrote.
        await ExecuteAsync("PRAGMA journal_mode=WAL", ct);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var command in commands)
            {
                command.Dispose();
            }

            transaction?.Dispose();
            connection.Dispose();
        }
    }

    /// <summary>Counts a written row and commits when the transaction has reached its size.</summary>
    private void RowWritten()
    {
        if (++rowsInTransaction < RowsPerTransaction)
        {
            return;
        }

        transaction!.Commit();
        transaction.Dispose();
        transaction = connection.BeginTransaction();
        foreach (var command in commands)
        {
            command.Transaction = transaction;
        }

        rowsInTransaction = 0;
    }

    private async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private sealed class SqliteTableWriter(
        SqliteBulkDatabase database, SqliteCommand command, SqliteParameter[] parameters, string table, IReadOnlyList<Column> columns)
        : TableWriter(table, columns)
    {
        public override void Complete()
        {
        }

        protected override void SetInt64(int ordinal, long? value) => parameters[ordinal].Value = value is { } v ? v : DBNull.Value;

        protected override void SetInt32(int ordinal, int value) => parameters[ordinal].Value = value;

        protected override void SetText(int ordinal, string? value) => parameters[ordinal].Value = value is null ? DBNull.Value : value;

        protected override void SetReal(int ordinal, double? value) => parameters[ordinal].Value = value is { } v ? v : DBNull.Value;

        protected override void SetBoolean(int ordinal, bool value) => parameters[ordinal].Value = value ? 1L : 0L;

        // Workdesk's SQLite context stores every DateTimeOffset as UTC ticks in an INTEGER column.
        protected override void SetTimestamp(int ordinal, DateTimeOffset? value) =>
            parameters[ordinal].Value = value is { } v ? v.UtcTicks : DBNull.Value;

        protected override void WriteRow()
        {
            command.ExecuteNonQuery();
            database.RowWritten();
        }
    }
}
