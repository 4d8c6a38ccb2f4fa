using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Workdesk.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ConfigurableWorkflows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CustomFields",
                table: "WorkOrders",
                type: "character varying(20000)",
                maxLength: 20000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StatusKey",
                table: "WorkOrders",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "WorkflowVersion",
                table: "WorkOrders",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "WorkflowVersions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TypeKey = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Definition = table.Column<string>(type: "character varying(1000000)", maxLength: 1000000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkflowVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkflowVersions_Users_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "WorkOrderTypes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CurrentVersion = table.Column<int>(type: "integer", nullable: false, defaultValue: 1),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkOrderTypes", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_Type_WorkflowVersion",
                table: "WorkOrders",
                columns: new[] { "Type", "WorkflowVersion" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowVersions_CreatedById",
                table: "WorkflowVersions",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowVersions_TypeKey_Number",
                table: "WorkflowVersions",
                columns: new[] { "TypeKey", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrderTypes_Key",
                table: "WorkOrderTypes",
                column: "Key",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WorkflowVersions");

            migrationBuilder.DropTable(
                name: "WorkOrderTypes");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_Type_WorkflowVersion",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "CustomFields",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "StatusKey",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "WorkflowVersion",
                table: "WorkOrders");
        }
    }
}
