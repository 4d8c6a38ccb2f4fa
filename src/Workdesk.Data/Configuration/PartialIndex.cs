namespace Workdesk.Data.Configuration;

/// <summary>Filters for partial indexes, written in SQL that SQLite and PostgreSQL both accept.</summary>
internal static class PartialIndex
{
    /// <summary>Returns the filter of an index that leaves out the rows where <paramref name="column"/> is NULL.</summary>
    public static string NotNull(string column) => $"\"{column}\" IS NOT NULL";
}
