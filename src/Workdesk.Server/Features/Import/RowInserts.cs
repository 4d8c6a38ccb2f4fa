using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Workdesk.Data;

namespace Workdesk.Server.Features.Import;

/// <summary>
/// Inserts new records with multi-row INSERT statements in the current transaction, without the
/// change tracker. A batch import writes its requests, work orders and history entries here:
/// through the change tracker, EF Core's command building, change detection and the garbage it
/// left took about 40 % of the import's time. The statements are the same on SQLite and
/// PostgreSQL. Every mapped column is written from the record, so the records must be complete:
/// database defaults, the change tracker's version bump and the records' navigations are not
/// applied.
/// </summary>
internal sealed class RowInserts<TEntity> where TEntity : class
{
    // Microsoft.Data.Sqlite binds each parameter by name, and finding a name takes longer the more
    // parameters a statement has. Measured on SQLite with a 30,000-row Boston import: the 150,000
    // history entries (8 columns) took 3.1 s in statements of 20 rows and 11.2 s in statements of
    // 100 rows. So a statement gets about 160 parameters, however many columns the table has.
    private const int ParametersPerStatement = 160;

    private readonly WorkdeskDbContext db;
    private readonly IProperty[] columns;
    private readonly IProperty key;
    private readonly string insert;
    private readonly int rowsPerStatement;

    /// <summary>The parameter of each row and column as written in the SQL, such as "@p0_1".</summary>
    private readonly string[,] placeholders;

    /// <summary>Prepares the INSERT statement of every mapped column except the store-generated key.</summary>
    /// <param name="returnedBy">
    /// A unique column of the records, such as an external id. When given, each statement returns
    /// the new keys with this column, and <see cref="InsertAsync"/> stores each key in its record.
    /// </param>
    public RowInserts(WorkdeskDbContext db, string? returnedBy = null)
    {
        this.db = db;
        var entity = db.Model.FindEntityType(typeof(TEntity))
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not part of the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        key = entity.FindPrimaryKey()!.Properties.Single();
        columns = [.. entity.GetProperties().Where(p => !p.IsPrimaryKey() && p.GetComputedColumnSql() is null)];
        if (columns.FirstOrDefault(p => p.IsShadowProperty()) is { } shadow)
        {
            throw new InvalidOperationException($"{typeof(TEntity).Name}.{shadow.Name} is a shadow property, so its value cannot be read from the records.");
        }

        rowsPerStatement = Math.Max(1, ParametersPerStatement / columns.Length);

        var sql = db.GetService<ISqlGenerationHelper>();
        placeholders = new string[rowsPerStatement, columns.Length];
        for (var row = 0; row < rowsPerStatement; row++)
        {
            for (var column = 0; column < columns.Length; column++)
            {
                placeholders[row, column] = sql.GenerateParameterNamePlaceholder($"p{row}_{column}");
            }
        }

        var columnList = string.Join(", ", columns.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)));
        insert = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({columnList}) VALUES ";
        if (returnedBy is not null)
        {
            ReturnedBy = entity.FindProperty(returnedBy) ?? throw new ArgumentException($"{typeof(TEntity).Name} has no property {returnedBy}.", nameof(returnedBy));
            Returning = $" RETURNING {sql.DelimitIdentifier(key.GetColumnName(table)!)}, {sql.DelimitIdentifier(ReturnedBy.GetColumnName(table)!)}";
        }
    }

    private IProperty? ReturnedBy { get; }

    private string Returning { get; } = "";

    /// <summary>
    /// Inserts the records. With a returned-by column, it stores the database's key in each
    /// record, so those records must have distinct, non-null values in that column.
    /// </summary>
    public async Task InsertAsync(IReadOnlyList<TEntity> records, CancellationToken ct)
    {
        if (records.Count == 0)
        {
            return;
        }

        var byReturnedValue = ReturnedBy is null ? null : records.ToDictionary(r => ReturnedBy.GetGetter().GetClrValue(r)!);

        // The command of a full chunk is reused, so the database parses and plans it once.
        await using var full = CreateCommand(rowsPerStatement);
        foreach (var chunk in records.Chunk(rowsPerStatement))
        {
            if (chunk.Length == rowsPerStatement)
            {
                await ExecuteAsync(full, chunk, byReturnedValue, ct);
            }
            else
            {
                await using var last = CreateCommand(chunk.Length);
                await ExecuteAsync(last, chunk, byReturnedValue, ct);
            }
        }
    }

    private DbCommand CreateCommand(int rows)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var text = new StringBuilder(insert);
        for (var row = 0; row < rows; row++)
        {
            text.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < columns.Length; column++)
            {
                text.Append(column == 0 ? "" : ", ").Append(placeholders[row, column]);
            }

            text.Append(')');
        }

        command.CommandText = text.Append(Returning).ToString();
        return command;
    }

    private async Task ExecuteAsync(DbCommand command, TEntity[] chunk, Dictionary<object, TEntity>? byReturnedValue, CancellationToken ct)
    {
        // The parameters are named as in the SQL, prefix included. Microsoft.Data.Sqlite looks a
        // name without a prefix up four times (as given, then with @, $ and :), and those look-ups
        // took most of an import's time. Npgsql accepts the prefixed names too.
        command.Parameters.Clear();
        for (var row = 0; row < chunk.Length; row++)
        {
            for (var column = 0; column < columns.Length; column++)
            {
                var property = columns[column];
                command.Parameters.Add(CreateParameter(command, property, placeholders[row, column], property.GetGetter().GetClrValue(chunk[row])));
            }
        }

        if (byReturnedValue is null)
        {
            await command.ExecuteNonQueryAsync(ct);
            return;
        }

        // The order of RETURNING rows is not defined by either database, so each key is matched to
        // its record by the returned-by column.
        await using var reader = await command.ExecuteReaderAsync(ct);
        var returned = 0;
        while (await reader.ReadAsync(ct))
        {
            var record = byReturnedValue[reader.GetValue(1)];
            key.PropertyInfo!.SetValue(record, reader.GetInt64(0));
            returned++;
        }

        if (returned != chunk.Length)
        {
            throw new InvalidOperationException($"The INSERT into {typeof(TEntity).Name} returned {returned} keys for {chunk.Length} rows.");
        }
    }

    /// <summary>Creates the parameter through the column's type mapping, which applies the provider's conversions, such as dates to UTC ticks on SQLite.</summary>
    private static DbParameter CreateParameter(DbCommand command, IProperty property, string name, object? value) =>
        ((RelationalTypeMapping)property.GetTypeMapping()).CreateParameter(command, name, value, property.IsNullable);
}
