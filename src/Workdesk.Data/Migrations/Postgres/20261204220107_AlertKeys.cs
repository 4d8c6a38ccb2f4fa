using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workdesk.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AlertKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AlertCount",
                table: "WorkOrders",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "AlertKey",
                table: "WorkOrders",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_AlertKey_Status",
                table: "WorkOrders",
                columns: new[] { "AlertKey", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_AlertKey_Status",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "AlertCount",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "AlertKey",
                table: "WorkOrders");
        }
    }
}
