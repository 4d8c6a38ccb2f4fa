using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Workdesk.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ServiceLevels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "FirstRespondedAt",
                table: "WorkOrders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ResolutionDueAt",
                table: "WorkOrders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ResponseDueAt",
                table: "WorkOrders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SlaBreachRecordedAt",
                table: "WorkOrders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SlaPausedSeconds",
                table: "WorkOrders",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SlaPausedSince",
                table: "WorkOrders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SlaPolicyId",
                table: "WorkOrders",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "CalendarId",
                table: "Locations",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Calendars",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TimeZone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Hours = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Holidays = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    IsDefault = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Calendars", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SlaPolicies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Rank = table.Column<int>(type: "integer", nullable: false),
                    Priority = table.Column<int>(type: "integer", nullable: true),
                    Type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Category = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LocationId = table.Column<long>(type: "bigint", nullable: true),
                    ResponseMinutes = table.Column<int>(type: "integer", nullable: true),
                    ResolutionMinutes = table.Column<int>(type: "integer", nullable: false),
                    AtRiskMinutes = table.Column<int>(type: "integer", nullable: false),
                    PausedStatuses = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    CalendarId = table.Column<long>(type: "bigint", nullable: true),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SlaPolicies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SlaPolicies_Calendars_CalendarId",
                        column: x => x.CalendarId,
                        principalTable: "Calendars",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SlaPolicies_Locations_LocationId",
                        column: x => x.LocationId,
                        principalTable: "Locations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_ResolutionDueAt_Status",
                table: "WorkOrders",
                columns: new[] { "ResolutionDueAt", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_SlaPolicyId",
                table: "WorkOrders",
                column: "SlaPolicyId");

            migrationBuilder.CreateIndex(
                name: "IX_Locations_CalendarId",
                table: "Locations",
                column: "CalendarId");

            migrationBuilder.CreateIndex(
                name: "IX_Calendars_Name",
                table: "Calendars",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SlaPolicies_CalendarId",
                table: "SlaPolicies",
                column: "CalendarId");

            migrationBuilder.CreateIndex(
                name: "IX_SlaPolicies_IsActive_Rank",
                table: "SlaPolicies",
                columns: new[] { "IsActive", "Rank" });

            migrationBuilder.CreateIndex(
                name: "IX_SlaPolicies_LocationId",
                table: "SlaPolicies",
                column: "LocationId");

            migrationBuilder.CreateIndex(
                name: "IX_SlaPolicies_Name",
                table: "SlaPolicies",
                column: "Name",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Locations_Calendars_CalendarId",
                table: "Locations",
                column: "CalendarId",
                principalTable: "Calendars",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_WorkOrders_SlaPolicies_SlaPolicyId",
                table: "WorkOrders",
                column: "SlaPolicyId",
                principalTable: "SlaPolicies",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Locations_Calendars_CalendarId",
                table: "Locations");

            migrationBuilder.DropForeignKey(
                name: "FK_WorkOrders_SlaPolicies_SlaPolicyId",
                table: "WorkOrders");

            migrationBuilder.DropTable(
                name: "SlaPolicies");

            migrationBuilder.DropTable(
                name: "Calendars");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_ResolutionDueAt_Status",
                table: "WorkOrders");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_SlaPolicyId",
                table: "WorkOrders");

            migrationBuilder.DropIndex(
                name: "IX_Locations_CalendarId",
                table: "Locations");

            migrationBuilder.DropColumn(
                name: "FirstRespondedAt",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "ResolutionDueAt",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "ResponseDueAt",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "SlaBreachRecordedAt",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "SlaPausedSeconds",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "SlaPausedSince",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "SlaPolicyId",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "CalendarId",
                table: "Locations");
        }
    }
}
