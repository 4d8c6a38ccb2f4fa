using System.Globalization;

namespace Workdesk.Data;

/// <summary>
/// SQL of the SQLite full-text index "WorkOrderSearch": one FTS5 row per work order, whose rowid is
/// the work order's Id. Column "Text" contains the title, the description and the public comments,
/// and column "StaffText" the internal comments, so a search can leave out what a role may not read.
/// </summary>
/// <remarks>
/// The table is contentless (it stores only the index, not a copy of the text) and allows DELETE by
/// rowid (contentless_delete=1, SQLite 3.43 or later). Triggers on WorkOrders and Comments rewrite a
/// work order's row after every change to its text, so rows written directly with SQL are indexed
/// too. The FullTextSearch migration creates all of this; tools that bulk-load rows may drop the
/// triggers and run <see cref="Fill"/> or <see cref="FillAfter"/> once afterwards.
/// </remarks>
public static class SqliteSearchIndex
{
    public const string Table = "WorkOrderSearch";

    /// <summary>The table in which FTS5 keeps a row per indexed work order, keyed by its rowid in "id".</summary>
    public const string DocSizeTable = $"{Table}_docsize";

    /// <summary>The trigger that indexes a new work order (see <see cref="InsertTrigger"/>).</summary>
    public const string InsertTriggerName = "WorkOrders_Search_Insert";

    /// <summary>The trigger that indexes a work order again when its title or description changes.</summary>
    public const string UpdateTriggerName = "WorkOrders_Search_Update";

    /// <summary>Inserts the index rows of every work order; the table must be empty.</summary>
    public const string Fill = $"{FillAll};";

    private const string FillAll = $"""
        INSERT INTO "WorkOrderSearch" (rowid, "Text", "StaffText")
        SELECT w."Id", {TextOf}, {StaffTextOf}
        FROM "WorkOrders" AS w
        """;

    private const string TextOf = """
        w."Title" || ' ' || coalesce(w."Description", '') || ' ' ||
            coalesce((SELECT group_concat(c."Body", ' ') FROM "Comments" AS c WHERE c."WorkOrderId" = w."Id" AND c."IsInternal" = 0), '')
        """;

    private const string StaffTextOf = """
        coalesce((SELECT group_concat(c."Body", ' ') FROM "Comments" AS c WHERE c."WorkOrderId" = w."Id" AND c."IsInternal" = 1), '')
        """;

    /// <summary>Statements that replace the index row of the work order whose Id is <paramref name="id"/>, an SQL expression.</summary>
    private static string Refresh(string id) => $"""
        DELETE FROM "WorkOrderSearch" WHERE rowid = {id};
        INSERT INTO "WorkOrderSearch" (rowid, "Text", "StaffText")
        SELECT w."Id", {TextOf}, {StaffTextOf}
        FROM "WorkOrders" AS w WHERE w."Id" = {id};
        """;

    /// <summary>
    /// Inserts the index rows of the work orders whose Id is above <paramref name="lastId"/>, which
    /// have none yet. FTS5 writes its index in segments and merges them as they pile up. During
    /// this insert it lets 16 pile up per level instead of its default of 4, then goes back to 4.
    /// For 1,000,000 work orders the insert took 4.3 s instead of 6.4 s, and searches took as long.
    /// </summary>
    public static string FillAfter(long lastId) => string.Create(CultureInfo.InvariantCulture, $"""
        INSERT INTO "WorkOrderSearch" ("WorkOrderSearch", rank) VALUES ('automerge', 16);
        {FillAll} WHERE w."Id" > {lastId};
        INSERT INTO "WorkOrderSearch" ("WorkOrderSearch", rank) VALUES ('automerge', 4);
        """);

    /// <summary>
    /// A temporary trigger, <paramref name="name"/>, that does what the update trigger does but
    /// only for the work orders whose Id is at most <paramref name="lastId"/>. A bulk load that
    /// drops both work order triggers uses it, so that the work orders it writes are indexed once
    /// by <see cref="FillAfter"/> and the older ones it changes are indexed again at once.
    /// </summary>
    public static string RefreshUpTo(string name, long lastId) => string.Create(CultureInfo.InvariantCulture, $"""
        CREATE TEMP TRIGGER "{name}" AFTER UPDATE OF "Title", "Description" ON main."WorkOrders" WHEN new."Id" <= {lastId} BEGIN
        {Refresh("new.\"Id\"")}
        END;
        """);

    /// <summary>
    /// The trigger that indexes a new work order. A new work order has no comments yet, because
    /// their foreign key needs it first, so the trigger indexes only the title and description.
    /// It skips the work orders of a transaction that ran <see cref="Defer"/>, which indexes them itself.
    /// </summary>
    public const string InsertTrigger = $"""
        CREATE TRIGGER "WorkOrders_Search_Insert" AFTER INSERT ON "WorkOrders"
        WHEN NOT EXISTS (SELECT 1 FROM "{DeferralTable}" WHERE "AfterId" < new."Id") BEGIN
        INSERT INTO "WorkOrderSearch" (rowid, "Text", "StaffText")
        VALUES (new."Id", new."Title" || ' ' || coalesce(new."Description", ''), '');
        END;
        """;

    /// <summary>
    /// The table whose row makes the insert trigger skip new work orders. It has a row only inside
    /// a transaction that ran <see cref="Defer"/> and has not yet run <see cref="IndexDeferred"/>,
    /// so no other connection reads one, and a crash leaves it empty.
    /// </summary>
    public const string DeferralTable = "SearchIndexDeferral";

    /// <summary>Creates <see cref="DeferralTable"/>.</summary>
    public const string CreateDeferralTable = $"""
        CREATE TABLE "{DeferralTable}" ("AfterId" INTEGER NOT NULL);
        """;

    /// <summary>
    /// Makes the insert trigger skip the work orders that the current transaction writes from now
    /// on. The transaction must run <see cref="IndexDeferred"/> before it commits.
    /// </summary>
    /// <remarks>
    /// FTS5 writes its pending terms as a new index segment whenever a savepoint starts (its
    /// xSavepoint method in fts5_main.c). The group commit writes many work orders in one
    /// transaction, each in a savepoint of its own, so it would add a segment per work order, and
    /// merging them held up writes at 1,000,000 work orders. Indexed together at the end, they
    /// add one segment. The docsize table, where FTS5 keeps a row per indexed work order, shows
    /// which have one already.
    /// </remarks>
    public const string Defer = $"""
        INSERT INTO "{DeferralTable}" ("AfterId") SELECT coalesce(max("Id"), 0) FROM "WorkOrders";
        """;

    /// <summary>
    /// Indexes the work orders written since <see cref="Defer"/> that have no index row yet (a
    /// comment or an edit may have indexed one already), then ends the deferral.
    /// </summary>
    public const string IndexDeferred = $"""
        {FillAll}
        WHERE w."Id" > (SELECT min("AfterId") FROM "{DeferralTable}")
            AND NOT EXISTS (SELECT 1 FROM "{DocSizeTable}" AS d WHERE d."id" = w."Id");
        DELETE FROM "{DeferralTable}";
        """;

    public const string CreateTable = """
        CREATE VIRTUAL TABLE "WorkOrderSearch" USING fts5(
            "Text", "StaffText",
            content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
        """;

    /// <summary>The triggers as name and CREATE TRIGGER statement.</summary>
    public static IReadOnlyList<(string Name, string Sql)> Triggers { get; } =
    [
        (InsertTriggerName, InsertTrigger),
        (UpdateTriggerName, $"""
            CREATE TRIGGER "WorkOrders_Search_Update" AFTER UPDATE OF "Title", "Description" ON "WorkOrders" BEGIN
            {Refresh("new.\"Id\"")}
            END;
            """),
        ("WorkOrders_Search_Delete", """
            CREATE TRIGGER "WorkOrders_Search_Delete" AFTER DELETE ON "WorkOrders" BEGIN
            DELETE FROM "WorkOrderSearch" WHERE rowid = old."Id";
            END;
            """),
        ("Comments_Search_Insert", $"""
            CREATE TRIGGER "Comments_Search_Insert" AFTER INSERT ON "Comments" WHEN new."WorkOrderId" IS NOT NULL BEGIN
            {Refresh("new.\"WorkOrderId\"")}
            END;
            """),
        ("Comments_Search_Update", $"""
            CREATE TRIGGER "Comments_Search_Update" AFTER UPDATE OF "Body", "IsInternal", "WorkOrderId" ON "Comments" BEGIN
            {Refresh("old.\"WorkOrderId\"")}
            {Refresh("new.\"WorkOrderId\"")}
            END;
            """),
        ("Comments_Search_Delete", $"""
            CREATE TRIGGER "Comments_Search_Delete" AFTER DELETE ON "Comments" WHEN old."WorkOrderId" IS NOT NULL BEGIN
            {Refresh("old.\"WorkOrderId\"")}
            END;
            """),
    ];
}
