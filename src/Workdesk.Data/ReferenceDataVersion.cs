namespace Workdesk.Data;

/// <summary>
/// The single row whose <see cref="Value"/> grows whenever data that servers cache in memory
/// changes: work order types, workflow versions, service-level policies, procedure links,
/// approval rules, webhook subscriptions, and what authenticates a request (API tokens, users,
/// their sites and the paths of locations). Servers reload what they cached when the value differs
/// from the one they loaded it at.
/// </summary>
/// <remarks>
/// Database triggers raise the value (see <see cref="ReferenceDataTriggers"/>), so changes made by
/// another server node, by the CLI or with plain SQL are seen as well as those of this process.
/// </remarks>
public sealed class ReferenceDataVersion
{
    /// <summary>The id of the only row.</summary>
    public const int RowId = 1;

    public int Id { get; set; }

    public long Value { get; set; }
}

/// <summary>SQL of the triggers that raise <see cref="ReferenceDataVersion.Value"/> on every change to a cached table.</summary>
public static class ReferenceDataTriggers
{
    /// <summary>The tables whose rows the server caches; a change to any of them raises the version.</summary>
    public static IReadOnlyList<string> Tables { get; } =
    [
        "WorkOrderTypes", "WorkflowVersions", "SlaPolicies", "ProcedureLinks", "ApprovalRules", "WebhookSubscriptions",
        "ApiTokens", "Users", "UserSites",
    ];

    private static readonly string[] Changes = ["INSERT", "UPDATE", "DELETE"];

    private const string Bump = """UPDATE "ReferenceDataVersions" SET "Value" = "Value" + 1 WHERE "Id" = 1;""";

    /// <summary>
    /// SQLite triggers are per row, so each table gets one per kind of change. Of locations, only a
    /// changed path or a deletion matters, because the server caches the paths of users' sites.
    /// </summary>
    public static IEnumerable<string> CreateSqlite() =>
        (from table in Tables
         from change in Changes
         select $"""
            CREATE TRIGGER "{table}_Reference_{change}" AFTER {change} ON "{table}" BEGIN
            {Bump}
            END;
            """)
        .Append($"""
            CREATE TRIGGER "Locations_Reference_UPDATE" AFTER UPDATE OF "Path" ON "Locations" BEGIN
            {Bump}
            END;
            """)
        .Append($"""
            CREATE TRIGGER "Locations_Reference_DELETE" AFTER DELETE ON "Locations" BEGIN
            {Bump}
            END;
            """);

    public static IEnumerable<string> DropSqlite() =>
        (from table in Tables
         from change in Changes
         select $"""DROP TRIGGER "{table}_Reference_{change}";""")
        .Append("""DROP TRIGGER "Locations_Reference_UPDATE";""")
        .Append("""DROP TRIGGER "Locations_Reference_DELETE";""");

    /// <summary>PostgreSQL triggers run once per statement, so a bulk update raises the version once.</summary>
    public static IEnumerable<string> CreatePostgres() =>
        new[]
        {
            $"""
            CREATE FUNCTION "Reference_Changed"() RETURNS trigger LANGUAGE plpgsql AS $body$
            BEGIN
                {Bump}
                RETURN NULL;
            END
            $body$;
            """,
        }.Concat(Tables.Select(table => $"""
            CREATE TRIGGER "{table}_Reference" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}"
                FOR EACH STATEMENT EXECUTE FUNCTION "Reference_Changed"();
            """))
        .Append("""
            CREATE TRIGGER "Locations_Reference" AFTER UPDATE OF "Path" OR DELETE OR TRUNCATE ON "Locations"
                FOR EACH STATEMENT EXECUTE FUNCTION "Reference_Changed"();
            """);

    public static IEnumerable<string> DropPostgres() =>
        Tables.Append("Locations").Select(table => $"""DROP TRIGGER "{table}_Reference" ON "{table}";""")
            .Append("""DROP FUNCTION "Reference_Changed"();""");
}
