using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;
using Workdesk.Data;

namespace Workdesk.Server.Features.Import;

/// <summary>
/// One SQL text with many parameters, run again and again on the context's connection and
/// transaction with values set by position. The SQL writes each parameter once, as
/// <see cref="Placeholder"/> gives it, in the order of <c>parameterNames</c>.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite binds every parameter by name, and SQLite finds a name by comparing it
/// with each name before it, so a statement of 160 parameters costs about 13,000 string
/// comparisons each time it runs. In a 200,000-row Boston import those comparisons took 13 % of
/// the CPU. On SQLite this class therefore prepares the statement itself and binds by position.
/// On PostgreSQL it sets named Npgsql parameters, which have no such cost.
/// </remarks>
internal abstract class PositionalStatement : IDisposable
{
    // Parameters of a multi-row statement, however many columns a row has. Measured with Boston
    // imports: on SQLite, 200,000 rows took 15 s of user CPU with 160 and 21 s with 2,000. On
    // PostgreSQL, 100,000 rows took 32 s with 160 (a work order statement held 3 rows), 23 s with
    // 2,000 and 27 s with 8,000.
    private const int SqliteParametersPerStatement = 500;
    private const int PostgresParametersPerStatement = 2000;

    /// <summary>Returns how many parameters a multi-row statement on the context's database should have.</summary>
    public static int ParametersPerStatement(WorkdeskDbContext db) =>
        db.Provider == DatabaseProvider.Sqlite ? SqliteParametersPerStatement : PostgresParametersPerStatement;

    /// <summary>
    /// Returns how the SQL names a parameter: "?" on SQLite, where values are bound by position
    /// (parsing a statement with named parameters compares each name with every name before it),
    /// and the provider's named form otherwise.
    /// </summary>
    public static string Placeholder(WorkdeskDbContext db, string name) =>
        db.Provider == DatabaseProvider.Sqlite ? "?" : db.GetService<ISqlGenerationHelper>().GenerateParameterNamePlaceholder(name);

    /// <summary>Prepares the statement on the context's open connection.</summary>
    public static PositionalStatement Prepare(WorkdeskDbContext db, string sql, IReadOnlyList<string> parameterNames) =>
        db.Database.GetDbConnection() is SqliteConnection { Handle: { } handle }
            ? new SqliteStatement(handle, sql)
            : new CommandStatement(db, sql, parameterNames);

    /// <summary>
    /// Sets the value at a position, starting at 0. With a type mapping, the value is converted as
    /// EF Core would convert it, such as a date to UTC ticks on SQLite.
    /// </summary>
    public abstract void Set(int position, object? value, RelationalTypeMapping? mapping = null);

    /// <summary>
    /// Runs the statement with the values set. With <paramref name="onRow"/>, passes it the first
    /// two columns of each row the statement returns and returns the number of those rows;
    /// without, returns the number of rows changed.
    /// </summary>
    public abstract Task<int> ExecuteAsync(Action<long, object?>? onRow, CancellationToken ct);

    public abstract void Dispose();

    private sealed class CommandStatement : PositionalStatement
    {
        private readonly DbCommand command;
        private readonly IReadOnlyList<string> names;

        public CommandStatement(WorkdeskDbContext db, string sql, IReadOnlyList<string> names)
        {
            command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = sql;
            this.names = names;
            for (var position = 0; position < names.Count; position++)
            {
                command.Parameters.Add(command.CreateParameter());
            }
        }

        public override void Set(int position, object? value, RelationalTypeMapping? mapping = null)
        {
            // The type mapping creates the parameter, so its conversion and database type apply.
            var parameter = mapping?.CreateParameter(command, names[position], value) ?? command.CreateParameter();
            parameter.ParameterName = names[position];
            parameter.Value ??= value ?? DBNull.Value;
            command.Parameters[position] = parameter;
        }

        public override async Task<int> ExecuteAsync(Action<long, object?>? onRow, CancellationToken ct)
        {
            if (onRow is null)
            {
                return await command.ExecuteNonQueryAsync(ct);
            }

            await using var reader = await command.ExecuteReaderAsync(ct);
            var rows = 0;
            while (await reader.ReadAsync(ct))
            {
                onRow(reader.GetInt64(0), reader.GetValue(1));
                rows++;
            }

            return rows;
        }

        public override void Dispose() => command.Dispose();
    }

    private sealed class SqliteStatement : PositionalStatement
    {
        private readonly sqlite3 connection;
        private readonly sqlite3_stmt statement;

        public SqliteStatement(sqlite3 connection, string sql)
        {
            this.connection = connection;
            Check(raw.sqlite3_prepare_v2(connection, sql, out statement));
        }

        public override void Set(int position, object? value, RelationalTypeMapping? mapping = null)
        {
            if (mapping?.Converter is { } converter && value is not null)
            {
                value = converter.ConvertToProvider(value);
            }

            var index = position + 1;
            Check(value switch
            {
                null or DBNull => raw.sqlite3_bind_null(statement, index),
                string text => raw.sqlite3_bind_text(statement, index, text),
                long number => raw.sqlite3_bind_int64(statement, index, number),
                int number => raw.sqlite3_bind_int64(statement, index, number),
                short number => raw.sqlite3_bind_int64(statement, index, number),
                byte number => raw.sqlite3_bind_int64(statement, index, number),
                bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
                double real => raw.sqlite3_bind_double(statement, index, real),
                float real => raw.sqlite3_bind_double(statement, index, real),
                // As Microsoft.Data.Sqlite writes a decimal, so that EF Core reads and compares it the same way.
                decimal number => raw.sqlite3_bind_text(statement, index, number.ToString("0.0###########################", CultureInfo.InvariantCulture)),
                byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
                _ => throw new NotSupportedException($"A value of type {value.GetType().Name} cannot be bound by position; convert it in the model first."),
            });
        }

        public override Task<int> ExecuteAsync(Action<long, object?>? onRow, CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                int result;
                var rows = 0;
                while ((result = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
                {
                    onRow?.Invoke(raw.sqlite3_column_int64(statement, 0), ColumnValue(1));
                    rows++;
                }

                if (result != raw.SQLITE_DONE)
                {
                    SqliteException.ThrowExceptionForRC(result, connection);
                }

                return Task.FromResult(onRow is null ? raw.sqlite3_changes(connection) : rows);
            }
            finally
            {
                raw.sqlite3_reset(statement);
                raw.sqlite3_clear_bindings(statement);
            }
        }

        public override void Dispose() => statement.Dispose();

        private object? ColumnValue(int column) => raw.sqlite3_column_type(statement, column) switch
        {
            raw.SQLITE_INTEGER => raw.sqlite3_column_int64(statement, column),
            raw.SQLITE_FLOAT => raw.sqlite3_column_double(statement, column),
            raw.SQLITE_TEXT => raw.sqlite3_column_text(statement, column).utf8_to_string(),
            raw.SQLITE_BLOB => raw.sqlite3_column_blob(statement, column).ToArray(),
            _ => null,
        };

        private void Check(int result)
        {
            if (result != raw.SQLITE_OK)
            {
                SqliteException.ThrowExceptionForRC(result, connection);
            }
        }
    }
}
