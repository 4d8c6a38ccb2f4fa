using System.Diagnostics;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using Workdesk.Data;

namespace Workdesk.Bench.Generate;

/// <summary>
/// Writes rows into PostgreSQL with binary COPY, one table at a time. Secondary indexes and
/// foreign keys are dropped before the load and recreated from their saved definitions afterwards,
/// so PostgreSQL validates each foreign key once over the whole table. The triggers that write a
/// work order's search row on every work order and comment are disabled during the load, and the
/// search rows are computed from the work orders and their comments in one INSERT at the end.
/// </summary>
internal sealed class PostgresBulkDatabase(string connectionString) : BulkDatabase
{
    private readonly NpgsqlConnection connection = new(connectionString);
    private readonly List<(string Name, string Definition)> droppedIndexes = [];
    private readonly List<(string Table, string Name, string Definition)> droppedForeignKeys = [];
    private readonly List<string> tablesWithIds = [];
    private bool hasSearchTrigger;

    public override async Task PrepareAsync(CancellationToken ct)
    {
        await connection.OpenAsync(ct);

        await using (var command = new NpgsqlCommand(
            """
            SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)
            FROM pg_constraint
            WHERE contype = 'f' AND connamespace = current_schema()::regnamespace
            ORDER BY conname
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                droppedForeignKeys.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        // Indexes that back a primary key or unique constraint stay: foreign keys refer to them.
        await using (var command = new NpgsqlCommand(
            """
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
            FROM pg_index i
            JOIN pg_class t ON t.oid = i.indrelid
            WHERE t.relnamespace = current_schema()::regnamespace
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            ORDER BY 1
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                droppedIndexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (table, name, _) in droppedForeignKeys)
        {
            await ExecuteAsync($"ALTER TABLE {table} DROP CONSTRAINT {QuoteIdentifier(name)}", ct);
        }

        await using (var command = new NpgsqlCommand("SELECT COUNT(*) FROM pg_trigger WHERE tgname = 'Comments_Search'", connection))
        {
            hasSearchTrigger = (long)(await command.ExecuteScalarAsync(ct))! > 0;
        }

        if (hasSearchTrigger)
        {
            await ExecuteAsync("""ALTER TABLE "Comments" DISABLE TRIGGER "Comments_Search" """, ct);
            await ExecuteAsync("""ALTER TABLE "WorkOrders" DISABLE TRIGGER "WorkOrders_Search" """, ct);
        }

        foreach (var (name, _) in droppedIndexes)
        {
            await ExecuteAsync($"DROP INDEX {name}", ct);
        }
    }

    public override TableWriter OpenTable(string table, IReadOnlyList<Column> columns)
    {
        if (columns.Count > 0 && columns[0].Name == "Id")
        {
            tablesWithIds.Add(table);
        }

        var copy = new StringBuilder();
        copy.Append("COPY ").Append(QuoteIdentifier(table)).Append(" (");
        copy.AppendJoin(", ", columns.Select(c => QuoteIdentifier(c.Name)));
        copy.Append(") FROM STDIN (FORMAT BINARY)");
        return new PostgresTableWriter(connection.BeginBinaryImport(copy.ToString()), table, columns);
    }

    public override async Task FinishAsync(IProgress<string> progress, CancellationToken ct)
    {
        if (hasSearchTrigger)
        {
            var search = Stopwatch.GetTimestamp();
            await ExecuteAsync(PostgresSearchIndex.Fill, ct);
            await ExecuteAsync("""ALTER TABLE "Comments" ENABLE TRIGGER "Comments_Search" """, ct);
            await ExecuteAsync("""ALTER TABLE "WorkOrders" ENABLE TRIGGER "WorkOrders_Search" """, ct);
            progress.Report($"search rows computed from the work orders and comments in {Stopwatch.GetElapsedTime(search).TotalSeconds:F1} s");
        }

        var indexes = Stopwatch.GetTimestamp();
        foreach (var (_, definition) in droppedIndexes)
        {
            await ExecuteAsync(definition, ct);
        }

        progress.Report($"{droppedIndexes.Count} indexes recreated in {Stopwatch.GetElapsedTime(indexes).TotalSeconds:F1} s");

        var constraints = Stopwatch.GetTimestamp();
        foreach (var (table, name, definition) in droppedForeignKeys)
        {
            // Adding the constraint validates every existing row, so broken references fail here.
            await ExecuteAsync($"ALTER TABLE {table} ADD CONSTRAINT {QuoteIdentifier(name)} {definition}", ct);
        }

        progress.Report($"foreign keys ({droppedForeignKeys.Count}): {Stopwatch.GetElapsedTime(constraints).TotalSeconds:F1} s");

        // The rows carry explicit ids, so each identity sequence must move past the largest one
        // before the server inserts its first row.
        foreach (var table in tablesWithIds)
        {
            var quoted = QuoteIdentifier(table);
            await ExecuteAsync(
                $"SELECT setval(pg_get_serial_sequence('{quoted.Replace("'", "''", StringComparison.Ordinal)}', 'Id'), " +
                $"COALESCE((SELECT MAX(\"Id\") FROM {quoted}), 0) + 1, false)",
                ct);
        }

        // Autovacuum would analyze the new tables within minutes; doing it now measures the steady state.
        var analyze = Stopwatch.GetTimestamp();
        await ExecuteAsync("VACUUM (ANALYZE)", ct);
        progress.Report($"VACUUM (ANALYZE): {Stopwatch.GetElapsedTime(analyze).TotalSeconds:F1} s");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            connection.Dispose();
        }
    }

    private async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }

    internal static string QuoteIdentifier(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private sealed class PostgresTableWriter(NpgsqlBinaryImporter importer, string table, IReadOnlyList<Column> columns)
        : TableWriter(table, columns)
    {
        public override void Complete() => importer.Complete();

        protected override void BeginRow() => importer.StartRow();

        protected override void SetInt64(int ordinal, long? value)
        {
            if (value is { } v)
            {
                importer.Write(v, NpgsqlDbType.Bigint);
            }
            else
            {
                importer.WriteNull();
            }
        }

        protected override void SetInt32(int ordinal, int value) => importer.Write(value, NpgsqlDbType.Integer);

        protected override void SetText(int ordinal, string? value)
        {
            if (value is null)
            {
                importer.WriteNull();
            }
            else
            {
                importer.Write(value, NpgsqlDbType.Varchar);
            }
        }

        protected override void SetReal(int ordinal, double? value)
        {
            if (value is { } v)
            {
                importer.Write(v, NpgsqlDbType.Double);
            }
            else
            {
                importer.WriteNull();
            }
        }

        protected override void SetBoolean(int ordinal, bool value) => importer.Write(value, NpgsqlDbType.Boolean);

        protected override void SetTimestamp(int ordinal, DateTimeOffset? value)
        {
            if (value is { } v)
            {
                importer.Write(v.UtcDateTime, NpgsqlDbType.TimestampTz);
            }
            else
            {
                importer.WriteNull();
            }
        }

        protected override void WriteRow()
        {
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                importer.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
