using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Workdesk.Data;
using Workdesk.Domain.WorkOrders;

namespace Workdesk.Server.Features.Import;

/// <summary>
/// Inserts history entries with multi-row INSERT statements in the current transaction. Each
/// imported service request adds four or five entries, and saving them through the change tracker
/// took about twice as long as these statements, so a batch import writes them here.
/// </summary>
internal static class ActivityInserts
{
    // Binding grows faster than the number of parameters in Microsoft.Data.Sqlite, which binds
    // each one by name. Measured on SQLite with a 30,000-row Boston import: the 150,000 entries
    // took 3.1 s in statements of 20 rows and 11.2 s in statements of 100 rows.
    private const int RowsPerStatement = 20;

    /// <summary>The columns written, by property name, with the value of each entry.</summary>
    private static readonly (string Property, Func<Activity, object?> Value)[] Columns =
    [
        (nameof(Activity.EntityType), a => a.EntityType),
        (nameof(Activity.EntityId), a => a.EntityId),
        (nameof(Activity.At), a => a.At),
        (nameof(Activity.ActorId), a => a.ActorId),
        (nameof(Activity.Action), a => a.Action),
        (nameof(Activity.Field), a => a.Field),
        (nameof(Activity.OldValue), a => a.OldValue),
        (nameof(Activity.NewValue), a => a.NewValue),
    ];

    public static async Task InsertAsync(WorkdeskDbContext db, IReadOnlyList<Activity> activities, CancellationToken ct)
    {
        if (activities.Count == 0)
        {
            return;
        }

        var entity = db.Model.FindEntityType(typeof(Activity))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var properties = Columns.Select(c => entity.FindProperty(c.Property)!).ToArray();
        var sql = db.GetService<ISqlGenerationHelper>();
        var columnList = string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)));
        var insert = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({columnList}) VALUES ";

        // The command of a full chunk is reused, so the database parses and plans it once.
        await using var full = CreateCommand(db, insert, properties, RowsPerStatement);
        foreach (var chunk in activities.Chunk(RowsPerStatement))
        {
            if (chunk.Length == RowsPerStatement)
            {
                await ExecuteAsync(full, properties, chunk, ct);
            }
            else
            {
                await using var last = CreateCommand(db, insert, properties, chunk.Length);
                await ExecuteAsync(last, properties, chunk, ct);
            }
        }
    }

    private static DbCommand CreateCommand(WorkdeskDbContext db, string insert, IProperty[] properties, int rows)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var text = new StringBuilder(insert);
        for (var row = 0; row < rows; row++)
        {
            text.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < properties.Length; column++)
            {
                text.Append(column == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder(ParameterName(row, column)));
            }

            text.Append(')');
        }

        command.CommandText = text.ToString();
        return command;
    }

    private static async Task ExecuteAsync(DbCommand command, IProperty[] properties, Activity[] chunk, CancellationToken ct)
    {
        command.Parameters.Clear();
        for (var row = 0; row < chunk.Length; row++)
        {
            for (var column = 0; column < properties.Length; column++)
            {
                command.Parameters.Add(CreateParameter(command, properties[column], ParameterName(row, column), Columns[column].Value(chunk[row])));
            }
        }

        await command.ExecuteNonQueryAsync(ct);
    }

    private static string ParameterName(int row, int column) => $"p{row}_{column}";

    /// <summary>Creates the parameter through the column's type mapping, which applies the provider's conversions, such as dates to UTC ticks on SQLite.</summary>
    private static DbParameter CreateParameter(DbCommand command, IProperty property, string name, object? value) =>
        ((RelationalTypeMapping)property.GetTypeMapping()).CreateParameter(command, name, value, property.IsNullable);
}
