using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workdesk.Data.Migrations.Postgres
{
    /// <summary>
    /// Moves the full-text vectors of work orders out of WorkOrders into the table "WorkOrderSearch"
    /// (see <see cref="PostgresSearchIndex"/>), stripped of word positions, and points the triggers
    /// at it. The vectors that exist are copied, not computed again.
    /// </summary>
    public partial class SearchTable : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PostgresSearchIndex.CreateTable);
            migrationBuilder.Sql("""
                INSERT INTO "WorkOrderSearch" ("WorkOrderId", "SearchVector", "StaffSearchVector")
                SELECT "Id", strip(coalesce("SearchVector", ''::tsvector)),
                       CASE WHEN "StaffSearchVector" IS DISTINCT FROM "SearchVector" THEN strip("StaffSearchVector") END
                FROM "WorkOrders";
                DROP TRIGGER "WorkOrders_Search" ON "WorkOrders";
                DROP TRIGGER "Comments_Search" ON "Comments";
                DROP INDEX "IX_WorkOrders_StaffSearchVector";
                DROP INDEX "IX_WorkOrders_SearchVector";
                ALTER TABLE "WorkOrders" DROP COLUMN "StaffSearchVector", DROP COLUMN "SearchVector";
                """);
            migrationBuilder.Sql(PostgresSearchIndex.CreateFunctions);
            migrationBuilder.Sql(PostgresSearchIndex.CreateTriggers);
            migrationBuilder.Sql(PostgresSearchIndex.CreateIndexes);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "WorkOrders_Search" ON "WorkOrders";
                DROP TRIGGER "Comments_Search" ON "Comments";
                DROP FUNCTION "WorkOrderSearch_Refresh"(bigint);
                """);
            migrationBuilder.Sql(SearchColumnsSql.AddColumns);
            migrationBuilder.Sql("""
                UPDATE "WorkOrders" AS w SET "SearchVector" = s."SearchVector", "StaffSearchVector" = coalesce(s."StaffSearchVector", s."SearchVector")
                FROM "WorkOrderSearch" AS s WHERE s."WorkOrderId" = w."Id";
                DROP TABLE "WorkOrderSearch";
                """);
            migrationBuilder.Sql(SearchColumnsSql.CreateFunctions);
            migrationBuilder.Sql(SearchColumnsSql.CreateTriggers);
            migrationBuilder.Sql(SearchColumnsSql.CreateIndexes);
        }
    }
}
