using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workdesk.Data.Migrations.Postgres
{
    /// <summary>
    /// Adds the full-text columns of work orders with their GIN indexes and the triggers that keep
    /// them current, and computes them for the work orders that already exist (see <see cref="SearchColumnsSql"/>).
    /// </summary>
    public partial class FullTextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SearchColumnsSql.AddColumns);
            migrationBuilder.Sql(SearchColumnsSql.CreateFunctions);
            migrationBuilder.Sql(SearchColumnsSql.CreateTriggers);

            // Setting the title to itself runs the trigger, which reads each work order's comments.
            migrationBuilder.Sql("""UPDATE "WorkOrders" SET "Title" = "Title";""");
            migrationBuilder.Sql(SearchColumnsSql.CreateIndexes);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "Comments_Search" ON "Comments";
                DROP TRIGGER "WorkOrders_Search" ON "WorkOrders";
                DROP FUNCTION "Comments_Search"();
                DROP FUNCTION "WorkOrders_Search"();
                DROP INDEX "IX_WorkOrders_StaffSearchVector";
                DROP INDEX "IX_WorkOrders_SearchVector";
                ALTER TABLE "WorkOrders" DROP COLUMN "StaffSearchVector", DROP COLUMN "SearchVector";
                """);
        }
    }
}
