using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workdesk.Data.Migrations.Postgres
{
    /// <summary>
    /// Adds a stored tsvector column with a GIN index to work orders (title and description) and to
    /// comments (body). The columns are generated, so PostgreSQL fills them for the existing rows
    /// when it adds them and keeps them current on every write, including COPY.
    /// </summary>
    /// <remarks>
    /// The 'simple' configuration lowercases words and neither stems them nor drops stop words, so it
    /// treats every language alike. The columns are not part of the EF Core model.
    /// </remarks>
    public partial class FullTextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE "WorkOrders" ADD COLUMN "SearchVector" tsvector
                    GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, "Title" || ' ' || coalesce("Description", ''))) STORED;
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_WorkOrders_SearchVector" ON "WorkOrders" USING GIN ("SearchVector");""");
            migrationBuilder.Sql("""
                ALTER TABLE "Comments" ADD COLUMN "SearchVector" tsvector
                    GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, "Body")) STORED;
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_Comments_SearchVector" ON "Comments" USING GIN ("SearchVector");""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_Comments_SearchVector";""");
            migrationBuilder.Sql("""ALTER TABLE "Comments" DROP COLUMN "SearchVector";""");
            migrationBuilder.Sql("""DROP INDEX "IX_WorkOrders_SearchVector";""");
            migrationBuilder.Sql("""ALTER TABLE "WorkOrders" DROP COLUMN "SearchVector";""");
        }
    }
}
