using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Workdesk.Data;
using Workdesk.Server.Features.Import;

namespace Workdesk.Server.Infrastructure;

/// <summary>
/// Inserts one new record with an INSERT ... RETURNING statement of its own instead of a save,
/// stores the new key in the record and attaches it to the context as unchanged.
/// </summary>
/// <remarks>
/// A save builds its command, its parameters and its change list anew each time. For a work
/// order create on SQLite that happens inside the group commit's turn, where no other create can
/// run, so it limited the create rate. On the group's connection the statement stays prepared
/// and values are bound by position. Every mapped column is written from the record, so a column
/// with a database default must have that default as its CLR default too. Records the new one
/// refers to through navigations with unset keys are attached as added, for the next save.
/// </remarks>
internal static class RecordInsert<TEntity> where TEntity : class
{
    private static readonly ConcurrentDictionary<IModel, Shape> Shapes = new();

    // One prepared statement per long-lived SQLite connection, such as the group commit's.
    private static readonly ConditionalWeakTable<SqliteConnection, PositionalStatement> Prepared = [];

    /// <summary>Inserts the record, which the context must not track yet, sets its key and attaches it.</summary>
    public static async Task InsertAsync(WorkdeskDbContext db, TEntity record, CancellationToken ct)
    {
        await db.BeforeWritingAsync(ct);
        var shape = Shapes.GetOrAdd(db.Model, _ => Shape.Of(db));
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var cached = db.Database.GetDbConnection() is SqliteConnection sqlite && SqliteStatementCache.Covers(sqlite)
                ? Prepared.GetValue(sqlite, _ => PositionalStatement.Prepare(db, shape.Sql, shape.Names))
                : null;
            var statement = cached ?? PositionalStatement.Prepare(db, shape.Sql, shape.Names);
            try
            {
                await shape.ExecuteAsync(statement, record, ct);
            }
            finally
            {
                if (cached is null)
                {
                    statement.Dispose();
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        db.Attach(record);
    }

    private sealed record Shape(IProperty Key, IProperty[] Columns, string Sql, string[] Names)
    {
        public static Shape Of(WorkdeskDbContext db)
        {
            var entity = db.Model.FindEntityType(typeof(TEntity))
                ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not part of the model.");
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var key = entity.FindPrimaryKey()!.Properties.Single();
            var columns = RowInserts<TEntity>.WrittenColumns(entity);
            var names = columns.Select((_, i) => PositionalStatement.Placeholder(db, $"p{i}")).ToArray();
            var sql = db.GetService<ISqlGenerationHelper>();

            // The statement reads the first two returned columns, so the key is returned twice.
            var keyColumn = sql.DelimitIdentifier(key.GetColumnName(table)!);
            var text = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} "
                + $"({string.Join(", ", columns.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)))}) "
                + $"VALUES ({string.Join(", ", names)}) RETURNING {keyColumn}, {keyColumn}";
            return new Shape(key, columns, text, names);
        }

        public async Task ExecuteAsync(PositionalStatement statement, TEntity record, CancellationToken ct)
        {
            for (var position = 0; position < Columns.Length; position++)
            {
                var property = Columns[position];
                statement.Set(position, property.GetGetter().GetClrValue(record), (RelationalTypeMapping)property.GetTypeMapping());
            }

            var returned = await statement.ExecuteAsync((id, _) => Key.PropertyInfo!.SetValue(record, id), ct);
            if (returned != 1)
            {
                throw new InvalidOperationException($"The INSERT into {typeof(TEntity).Name} returned {returned} keys for one row.");
            }
        }
    }
}
