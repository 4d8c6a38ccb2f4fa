using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Workdesk.Data;
using Workdesk.Domain.Requests;

namespace Workdesk.Server.Features.Import;

/// <summary>Links new requests to their work orders with multi-row UPDATE statements in the current transaction.</summary>
internal static class RequestLinks
{
    /// <summary>
    /// Sets the work order of each request and raises its version, as saving the change through
    /// the change tracker would. The statement form, UPDATE ... FROM (VALUES ...), runs on SQLite
    /// 3.33 or later and on PostgreSQL, which both name the columns of VALUES column1, column2.
    /// </summary>
    public static async Task SetWorkOrdersAsync(WorkdeskDbContext db, IReadOnlyList<(long RequestId, long WorkOrderId)> links, CancellationToken ct)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var (update, where) = StatementParts(db, sql);
        var rowsPerStatement = PositionalStatement.ParametersPerStatement(db) / 2;
        using var statements = new ChunkStatements(rowsPerStatement, rows => Prepare(db, update, where, rows));
        foreach (var chunk in links.Chunk(rowsPerStatement))
        {
            var statement = statements.For(chunk.Length);
            for (var row = 0; row < chunk.Length; row++)
            {
                statement.Set(2 * row, chunk[row].RequestId);
                statement.Set((2 * row) + 1, chunk[row].WorkOrderId);
            }

            var updated = await statement.ExecuteAsync(null, ct);
            if (updated != chunk.Length)
            {
                throw new InvalidOperationException($"Linking {chunk.Length} requests to their work orders updated {updated} rows.");
            }
        }
    }

    private static PositionalStatement Prepare(WorkdeskDbContext db, string update, string where, int rows)
    {
        var text = new StringBuilder(update);
        var names = new List<string>(2 * rows);
        for (var row = 0; row < rows; row++)
        {
            var request = PositionalStatement.Placeholder(db, $"r{row}");
            var workOrder = PositionalStatement.Placeholder(db, $"w{row}");
            text.Append(row == 0 ? "(" : ", (").Append(request).Append(", ").Append(workOrder).Append(')');
            names.Add(request);
            names.Add(workOrder);
        }

        return PositionalStatement.Prepare(db, text.Append(where).ToString(), names);
    }

    /// <summary>Returns the SQL before and after the VALUES rows, with the table and column names of the model.</summary>
    private static (string Update, string Where) StatementParts(WorkdeskDbContext db, ISqlGenerationHelper sql)
    {
        var entity = db.Model.FindEntityType(typeof(WorkRequest))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);

        var name = sql.DelimitIdentifier(table.Name, table.Schema);
        var version = Column(nameof(WorkRequest.Version));
        return (
            $"UPDATE {name} SET {Column(nameof(WorkRequest.WorkOrderId))} = v.column2, {version} = {version} + 1 FROM (VALUES ",
            $") AS v WHERE {name}.{Column(nameof(WorkRequest.Id))} = v.column1");
    }
}
