using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workdesk.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AssetTeam : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "TeamId",
                table: "Assets",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Assets_TeamId",
                table: "Assets",
                column: "TeamId");

            migrationBuilder.AddForeignKey(
                name: "FK_Assets_Teams_TeamId",
                table: "Assets",
                column: "TeamId",
                principalTable: "Teams",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Assets_Teams_TeamId",
                table: "Assets");

            migrationBuilder.DropIndex(
                name: "IX_Assets_TeamId",
                table: "Assets");

            migrationBuilder.DropColumn(
                name: "TeamId",
                table: "Assets");
        }
    }
}
