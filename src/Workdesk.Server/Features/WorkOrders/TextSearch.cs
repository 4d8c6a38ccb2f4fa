using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.WorkOrders;

namespace Workdesk.Server.Features.WorkOrders;

/// <summary>Case-insensitive substring search on the text columns of a record.</summary>
public static class TextSearch
{
    // NOTE: a LIKE '%text%' scan reads every candidate row, so search slows down at millions of
    // work orders. Full-text indexes (SQLite FTS5, PostgreSQL tsvector) would keep it fast.
    public static Expression<Func<WorkOrder, bool>> WorkOrderMatches(DatabaseProvider provider, string text)
    {
        var pattern = "%" + EscapeLike(text) + "%";
        return provider == DatabaseProvider.Postgres
            ? w => EF.Functions.ILike(w.Title, pattern, "\\") || EF.Functions.ILike(w.Description ?? "", pattern, "\\")
            : w => EF.Functions.Like(w.Title, pattern, "\\") || EF.Functions.Like(w.Description ?? "", pattern, "\\");
    }

    /// <summary>Escapes the LIKE wildcards so that user text matches literally.</summary>
    public static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
