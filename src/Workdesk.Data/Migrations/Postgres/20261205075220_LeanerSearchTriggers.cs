using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workdesk.Data.Migrations.Postgres
{
    /// <summary>
    /// Replaces the search function of work orders with one that reads no comments for a new work
    /// order, which cannot have any yet, and computes the staff vector only when internal comments
    /// add to it (see <see cref="SearchColumnsSql"/>).
    /// </summary>
    public partial class LeanerSearchTriggers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SearchColumnsSql.CreateFunctions);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The new function computes the same vectors as the one it replaced, so it stays.
        }
    }
}
