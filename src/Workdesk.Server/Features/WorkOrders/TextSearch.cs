using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;

namespace Workdesk.Server.Features.WorkOrders;

/// <summary>
/// Word search over work orders and their comments, backed by SQLite FTS5 (see SqliteSearchIndex)
/// or PostgreSQL full-text columns (see PostgresSearchIndex), and the LIKE helpers that other lists use.
/// </summary>
/// <remarks>
/// A word is a run of letters, digits and combining marks in any script. A work order matches when
/// every word occurs somewhere in its title, description and comments. The last word also matches words that start with it, so that results follow typing,
/// unless it is a single character, which matches only itself. Case never matters. SQLite also
/// ignores diacritics; PostgreSQL's 'simple' configuration keeps them, so there "cafe" does not
/// find "café".
/// </remarks>
public static class TextSearch
{
    public const int MaxQueryLength = 500;
    public const int MaxWords = 32;

    /// <summary>Splits search text into words, or returns a problem for the <c>q</c> parameter when it is too long.</summary>
    public static Result<IReadOnlyList<string>> ParseWords(string text)
    {
        if (text.Length > MaxQueryLength)
        {
            return Error.Invalid("q", $"q is {text.Length} characters long; search with at most {MaxQueryLength}.");
        }

        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsWordPart(rune))
            {
                word.Append(rune.ToString());
                continue;
            }

            if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        if (words.Count > MaxWords)
        {
            return Error.Invalid("q", $"q has {words.Count} words; search with at most {MaxWords}.");
        }

        return Result<IReadOnlyList<string>>.From(words);
    }

    /// <summary>
    /// Builds a query for the ids of the work orders that match every word. Internal comments count
    /// only when <paramref name="includeInternalComments"/> is set, so that a search never reveals
    /// their text to people who may not read them. The caller still applies the visibility rules.
    /// </summary>
    public static IQueryable<long> MatchingWorkOrderIds(WorkdeskDbContext db, IReadOnlyList<string> words, bool includeInternalComments)
    {
        ArgumentOutOfRangeException.ThrowIfZero(words.Count);
        if (db.Provider == DatabaseProvider.Postgres)
        {
            var tsquery = PostgresQuery(words);
            return includeInternalComments
                ? db.Database.SqlQuery<long>($"""
                    SELECT "WorkOrderId" AS "Value" FROM "WorkOrderSearch" WHERE coalesce("StaffSearchVector", "SearchVector") @@ to_tsquery('simple', {tsquery})
                    """)
                : db.Database.SqlQuery<long>($"""
                    SELECT "WorkOrderId" AS "Value" FROM "WorkOrderSearch" WHERE "SearchVector" @@ to_tsquery('simple', {tsquery})
                    """);
        }

        // The "Text" column leaves out internal comments, which are in "StaffText".
        var match = includeInternalComments ? SqliteQuery(words) : "{Text} : (" + SqliteQuery(words) + ")";
        return db.Database.SqlQuery<long>($"""
            SELECT rowid AS "Value" FROM "WorkOrderSearch" WHERE "WorkOrderSearch" MATCH {match}
            """);
    }

    /// <summary>
    /// Returns an FTS5 query such as <c>"leaking" "valv"*</c>: every word in double quotes, which
    /// FTS5 reads as a string whatever it contains, joined by the implicit AND.
    /// </summary>
    public static string SqliteQuery(IReadOnlyList<string> words)
    {
        var query = new StringBuilder();
        for (var i = 0; i < words.Count; i++)
        {
            if (i > 0)
            {
                query.Append(' ');
            }

            query.Append('"').Append(words[i]).Append('"');
            if (IsPrefix(words, i))
            {
                query.Append('*');
            }
        }

        return query.ToString();
    }

    /// <summary>
    /// Returns a to_tsquery text such as <c>'leaking' &amp; 'valv':*</c>. Each word is quoted, so
    /// PostgreSQL's parser splits it the way it split the indexed text.
    /// </summary>
    public static string PostgresQuery(IReadOnlyList<string> words)
    {
        var query = new StringBuilder();
        for (var i = 0; i < words.Count; i++)
        {
            if (i > 0)
            {
                query.Append(" & ");
            }

            query.Append('\'').Append(words[i]).Append('\'');
            if (IsPrefix(words, i))
            {
                query.Append(":*");
            }
        }

        return query.ToString();
    }

    /// <summary>Escapes the LIKE wildcards so that user text matches literally.</summary>
    public static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);

    private static bool IsPrefix(IReadOnlyList<string> words, int index) =>
        index == words.Count - 1 && words[index].EnumerateRunes().Count() > 1;

    // Words contain no quote, backslash or operator character, so they never change the meaning of
    // the FTS5 or tsquery syntax around them.
    private static bool IsWordPart(Rune rune) =>
        Rune.IsLetterOrDigit(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
}
