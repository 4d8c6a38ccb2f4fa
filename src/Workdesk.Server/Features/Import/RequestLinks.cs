using System.Data.Common;
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
    // Two parameters a row. RowInserts explains why a statement gets about 160 parameters.
    private const int RowsPerStatement = 80;

    /// <summary>
    /// Sets the work order of each request and raises its version, as saving the change through
    /// the change tracker would. The statement form, UPDATE ... FROM (VALUES ...), runs on SQLite
    /// 3.33 or later and on PostgreSQL, which both name the columns of VALUES column1, column2.
    /// </summary>
    public static async Task SetWorkOrdersAsync(WorkdeskDbContext db, IReadOnlyList<(long RequestId, long WorkOrderId)> links, CancellationToken ct)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var (update, where) = StatementParts(db, sql);
        foreach (var chunk in links.Chunk(RowsPerStatement))
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var text = new StringBuilder(update);
            for (var row = 0; row < chunk.Length; row++)
            {
                // Named with their prefix, as in RowInserts.
                var request = sql.GenerateParameterNamePlaceholder($"r{row}");
                var workOrder = sql.GenerateParameterNamePlaceholder($"w{row}");
                text.Append(row == 0 ? "(" : ", (").Append(request).Append(", ").Append(workOrder).Append(')');
                AddParameter(command, request, chunk[row].RequestId);
                AddParameter(command, workOrder, chunk[row].WorkOrderId);
            }

            command.CommandText = text.Append(where).ToString();
            var updated = await command.ExecuteNonQueryAsync(ct);
            if (updated != chunk.Length)
            {
                throw new InvalidOperationException($"Linking {chunk.Length} requests to their work orders updated {updated} rows.");
            }
        }
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

    private static void AddParameter(DbCommand command, string name, long value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
