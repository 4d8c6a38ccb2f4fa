namespace Workdesk.Data;

/// <summary>
/// SQL of the PostgreSQL full-text index: the table "WorkOrderSearch", with a row of tsvectors for
/// each work order and a GIN index on each. "SearchVector" covers the title, the description and
/// the public comments. "StaffSearchVector" adds the internal comments, and is null when a work
/// order has none, so a search can leave out what a role may not read.
/// </summary>
/// <remarks>
/// The 'simple' configuration lowercases words and neither stems them nor drops stop words, so it
/// treats every language alike. The vectors are stripped of word positions, which only ranking
/// and phrase search read. Triggers on WorkOrders and Comments keep the rows current. Tools that
/// bulk-load work orders and comments may disable both triggers and run <see cref="Fill"/> once.
/// The table is not part of the EF Core model.
/// <para>
/// The vectors used to be two columns of WorkOrders, which made its rows about 920 bytes instead of
/// about 250. Counting the first 10,001 matches of a common word reads a table page for almost
/// every match, and the narrow rows of this table fit more to a page. At 1,000,000 work orders
/// (EXPLAIN ANALYZE, PostgreSQL 15, the benchmark data set) such a count took 44 to 76 ms here,
/// against 74 to 171 ms on WorkOrders.
/// </para>
/// NOTE: each vector reads at most the first 200,000 characters of its text, because a tsvector
/// may not exceed 1 MB. Words after that point in a very long comment thread are not found.
/// </remarks>
public static class PostgresSearchIndex
{
    public const int MaxTextLength = 200_000;

    /// <summary>The condition of a search that includes internal comments, which the staff index covers.</summary>
    public const string StaffVector = """coalesce("StaffSearchVector", "SearchVector")""";

    public const string CreateTable = """
        CREATE TABLE "WorkOrderSearch" (
            "WorkOrderId" bigint PRIMARY KEY REFERENCES "WorkOrders" ("Id") ON DELETE CASCADE,
            "SearchVector" tsvector NOT NULL,
            "StaffSearchVector" tsvector);
        """;

    public const string CreateIndexes = $"""
        CREATE INDEX "IX_WorkOrderSearch_SearchVector" ON "WorkOrderSearch" USING GIN ("SearchVector");
        CREATE INDEX "IX_WorkOrderSearch_StaffSearchVector" ON "WorkOrderSearch" USING GIN (({StaffVector}));
        """;

    /// <summary>
    /// The functions behind the triggers. "WorkOrderSearch_Refresh" computes one work order's row
    /// from its text and comments. A new work order gets its row straight from its title and
    /// description, because it cannot have comments yet: their foreign key needs it first.
    /// </summary>
    public static readonly string CreateFunctions = $$"""
        CREATE OR REPLACE FUNCTION "WorkOrderSearch_Refresh"(work_order_id bigint) RETURNS void LANGUAGE plpgsql AS $body$
        DECLARE
            public_text text;
            internal_text text;
        BEGIN
            SELECT {{PublicText("w")}}, c.internal_text
            INTO public_text, internal_text
            FROM "WorkOrders" AS w,
                 (SELECT {{CommentTexts}} FROM "Comments" WHERE "WorkOrderId" = work_order_id) AS c
            WHERE w."Id" = work_order_id;
            IF NOT FOUND THEN
                RETURN;
            END IF;
            INSERT INTO "WorkOrderSearch" ("WorkOrderId", "SearchVector", "StaffSearchVector")
            VALUES (work_order_id, {{Vector("public_text")}}, {{StaffVectorOf("public_text", "internal_text")}})
            {{ReplaceExisting}};
        END
        $body$;
        CREATE OR REPLACE FUNCTION "WorkOrders_Search"() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                INSERT INTO "WorkOrderSearch" ("WorkOrderId", "SearchVector")
                VALUES (NEW."Id", {{Vector("NEW.\"Title\" || ' ' || coalesce(NEW.\"Description\", '')")}});
            ELSE
                PERFORM "WorkOrderSearch_Refresh"(NEW."Id");
            END IF;
            RETURN NULL;
        END
        $body$;
        CREATE OR REPLACE FUNCTION "Comments_Search"() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') AND OLD."WorkOrderId" IS NOT NULL THEN
                PERFORM "WorkOrderSearch_Refresh"(OLD."WorkOrderId");
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') AND NEW."WorkOrderId" IS NOT NULL
               AND (TG_OP = 'INSERT' OR NEW."WorkOrderId" IS DISTINCT FROM OLD."WorkOrderId") THEN
                PERFORM "WorkOrderSearch_Refresh"(NEW."WorkOrderId");
            END IF;
            RETURN NULL;
        END
        $body$;
        """;

    public const string CreateTriggers = """
        CREATE TRIGGER "WorkOrders_Search" AFTER INSERT OR UPDATE OF "Title", "Description" ON "WorkOrders"
            FOR EACH ROW EXECUTE FUNCTION "WorkOrders_Search"();
        CREATE TRIGGER "Comments_Search" AFTER INSERT OR DELETE OR UPDATE OF "Body", "IsInternal", "WorkOrderId" ON "Comments"
            FOR EACH ROW EXECUTE FUNCTION "Comments_Search"();
        """;

    /// <summary>Computes the row of every work order in one set-based statement, replacing rows that exist.</summary>
    public static readonly string Fill = $$"""
        INSERT INTO "WorkOrderSearch" ("WorkOrderId", "SearchVector", "StaffSearchVector")
        SELECT t."Id", {{Vector("t.public_text")}}, {{StaffVectorOf("t.public_text", "t.internal_text")}}
        FROM (
            SELECT w."Id", {{PublicText("w")}} AS public_text, c.internal_text
            FROM "WorkOrders" AS w
            LEFT JOIN (
                SELECT "WorkOrderId", {{CommentTexts}}
                FROM "Comments" WHERE "WorkOrderId" IS NOT NULL GROUP BY "WorkOrderId") AS c ON c."WorkOrderId" = w."Id") AS t
        {{ReplaceExisting}};
        """;

    /// <summary>The two texts of a work order's comments, as aggregates over its rows of Comments.</summary>
    private const string CommentTexts = """
        string_agg("Body", ' ' ORDER BY "Id") FILTER (WHERE NOT "IsInternal") AS public_text,
        string_agg("Body", ' ' ORDER BY "Id") FILTER (WHERE "IsInternal") AS internal_text
        """;

    private const string ReplaceExisting = """
        ON CONFLICT ("WorkOrderId") DO UPDATE
            SET "SearchVector" = EXCLUDED."SearchVector", "StaffSearchVector" = EXCLUDED."StaffSearchVector"
        """;

    /// <summary>The public text of the work order <paramref name="alias"/>, joined to comment texts named <c>c</c>.</summary>
    private static string PublicText(string alias) =>
        $"""{alias}."Title" || ' ' || coalesce({alias}."Description", '') || ' ' || coalesce(c.public_text, '')""";

    private static string Vector(string text) => $"strip(to_tsvector('simple', left({text}, {MaxTextLength})))";

    private static string StaffVectorOf(string publicText, string internalText) =>
        $"CASE WHEN {internalText} IS NULL THEN NULL ELSE {Vector($"{publicText} || ' ' || {internalText}")} END";
}
