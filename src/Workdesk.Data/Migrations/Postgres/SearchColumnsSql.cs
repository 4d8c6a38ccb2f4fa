namespace Workdesk.Data.Migrations.Postgres;

/// <summary>
/// SQL of the first PostgreSQL full-text index, kept for the migrations that built it: two tsvector
/// columns on WorkOrders, filled by a BEFORE trigger on work orders and a trigger on comments that
/// sets a work order's title to itself. The SearchTable migration moves the vectors into a table of
/// their own (see <see cref="PostgresSearchIndex"/>).
/// </summary>
internal static class SearchColumnsSql
{
    private const int MaxTextLength = PostgresSearchIndex.MaxTextLength;

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
}
