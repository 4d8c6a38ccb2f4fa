using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workdesk.Data.Migrations.Postgres
{
    /// <summary>
    /// Adds the reference data version and the triggers that raise it whenever a table the server
    /// caches changes (see <see cref="ReferenceDataTriggers"/>).
    /// </summary>
    public partial class ReferenceDataVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReferenceDataVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Value = table.Column<long>(type: "bigint", nullable: false, defaultValue: 0L)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReferenceDataVersions", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "ReferenceDataVersions",
                column: "Id",
                value: 1);

            foreach (var sql in ReferenceDataTriggers.CreatePostgres())
            {
                migrationBuilder.Sql(sql);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in ReferenceDataTriggers.DropPostgres())
            {
                migrationBuilder.Sql(sql);
            }

            migrationBuilder.DropTable(
                name: "ReferenceDataVersions");
        }
    }
}
