using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workdesk.Data.Migrations.Sqlite
{
    /// <summary>
    /// Replaces the search trigger on new work orders with one that skips the comments, which a new
    /// work order cannot have yet (see <see cref="SqliteSearchIndex.InsertTrigger"/>).
    /// </summary>
    public partial class LeanerSearchTriggers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "WorkOrders_Search_Insert";""");
            migrationBuilder.Sql(SqliteSearchIndex.InsertTrigger);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The new trigger writes the same index rows as the one it replaced, so it stays.
        }
    }
}
