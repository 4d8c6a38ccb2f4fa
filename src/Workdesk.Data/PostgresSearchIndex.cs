namespace Workdesk.Data;

/// <summary>
/// SQL of the PostgreSQL full-text index: two tsvector columns on WorkOrders, each with a GIN index.
/// "SearchVector" covers the title, the description and the public comments, and "StaffSearchVector"
/// the internal comments as well, so a search can leave out what a role may not read.
/// </summary>
/// <remarks>
/// The 'simple' configuration lowercases words and neither stems them nor drops stop words, so it
/// treats every language alike. A trigger computes both columns when a work order's title or
/// description is written, and a trigger on Comments sets the work order's title to itself so that
/// the first trigger runs again. The FullTextSearch migration creates all of this; tools that
/// bulk-load comments may disable the Comments triggers and run <see cref="FillFromComments"/> once.
/// The columns are not part of the EF Core model.
/// NOTE: each vector reads at most the first 200,000 characters of its text, because a tsvector
/// may not exceed 1 MB. Words after that point in a very long comment thread are not found.
/// </remarks>
public static class PostgresSearchIndex
{
    public const int MaxTextLength = 200_000;

    private const string PublicComments = """
        (SELECT string_agg(c."Body", ' ' ORDER BY c."Id") FROM "Comments" AS c WHERE c."WorkOrderId" = NEW."Id" AND NOT c."IsInternal")
        """;

    private const string InternalComments = """
        (SELECT string_agg(c."Body", ' ' ORDER BY c."Id") FROM "Comments" AS c WHERE c."WorkOrderId" = NEW."Id" AND c."IsInternal")
        """;

    public const string AddColumns = """
        ALTER TABLE "WorkOrders" ADD COLUMN "SearchVector" tsvector, ADD COLUMN "StaffSearchVector" tsvector;
        """;

    public static readonly string CreateFunctions = $$"""
        CREATE OR REPLACE FUNCTION "WorkOrders_Search"() RETURNS trigger LANGUAGE plpgsql AS $body$
        DECLARE
            public_text text := NEW."Title" || ' ' || coalesce(NEW."Description", '');
            internal_text text;
        BEGIN
            -- A new work order has no comments yet, because their foreign key needs it first.
            IF TG_OP = 'UPDATE' THEN
                public_text := public_text || ' ' || coalesce({{PublicComments}}, '');
                internal_text := {{InternalComments}};
            END IF;
            NEW."SearchVector" := to_tsvector('simple', left(public_text, {{MaxTextLength}}));
            NEW."StaffSearchVector" := CASE WHEN internal_text IS NULL THEN NEW."SearchVector"
                ELSE to_tsvector('simple', left(public_text || ' ' || internal_text, {{MaxTextLength}})) END;
            RETURN NEW;
        END
        $body$;
        CREATE OR REPLACE FUNCTION "Comments_Search"() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') AND OLD."WorkOrderId" IS NOT NULL THEN
                UPDATE "WorkOrders" SET "Title" = "Title" WHERE "Id" = OLD."WorkOrderId";
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') AND NEW."WorkOrderId" IS NOT NULL
               AND (TG_OP = 'INSERT' OR NEW."WorkOrderId" IS DISTINCT FROM OLD."WorkOrderId") THEN
                UPDATE "WorkOrders" SET "Title" = "Title" WHERE "Id" = NEW."WorkOrderId";
            END IF;
            RETURN NULL;
        END
        $body$;
        """;

    public const string CreateTriggers = """
        CREATE TRIGGER "WorkOrders_Search" BEFORE INSERT OR UPDATE OF "Title", "Description" ON "WorkOrders"
            FOR EACH ROW EXECUTE FUNCTION "WorkOrders_Search"();
        CREATE TRIGGER "Comments_Search" AFTER INSERT OR DELETE OR UPDATE OF "Body", "IsInternal", "WorkOrderId" ON "Comments"
            FOR EACH ROW EXECUTE FUNCTION "Comments_Search"();
        """;

    public const string CreateIndexes = """
        CREATE INDEX "IX_WorkOrders_SearchVector" ON "WorkOrders" USING GIN ("SearchVector");
        CREATE INDEX "IX_WorkOrders_StaffSearchVector" ON "WorkOrders" USING GIN ("StaffSearchVector");
        """;

    /// <summary>Computes both columns of every work order that has comments, in one set-based UPDATE.</summary>
    public static readonly string FillFromComments = $$"""
        UPDATE "WorkOrders" AS w SET
            "SearchVector" = to_tsvector('simple', left(w."Title" || ' ' || coalesce(w."Description", '') || ' ' || coalesce(c.public_text, ''), {{MaxTextLength}})),
            "StaffSearchVector" = to_tsvector('simple', left(w."Title" || ' ' || coalesce(w."Description", '') || ' ' || coalesce(c.public_text, '') || ' ' || coalesce(c.internal_text, ''), {{MaxTextLength}}))
        FROM (
            SELECT "WorkOrderId",
                   string_agg("Body", ' ' ORDER BY "Id") FILTER (WHERE NOT "IsInternal") AS public_text,
                   string_agg("Body", ' ' ORDER BY "Id") FILTER (WHERE "IsInternal") AS internal_text
            FROM "Comments" WHERE "WorkOrderId" IS NOT NULL GROUP BY "WorkOrderId") AS c
        WHERE c."WorkOrderId" = w."Id";
        """;
}
