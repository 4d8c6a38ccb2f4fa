using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Workdesk.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PreventiveMaintenance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ScheduleId",
                table: "WorkOrders",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CalendarFeeds",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TeamId = table.Column<long>(type: "bigint", nullable: true),
                    UserId = table.Column<long>(type: "bigint", nullable: true),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedById = table.Column<long>(type: "bigint", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalendarFeeds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CalendarFeeds_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CalendarFeeds_Users_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_CalendarFeeds_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MaintenanceSchedules",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false, defaultValue: "preventive"),
                    Instructions = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    Priority = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AssigneeUserId = table.Column<long>(type: "bigint", nullable: true),
                    TeamId = table.Column<long>(type: "bigint", nullable: true),
                    EstimatedHours = table.Column<double>(type: "double precision", nullable: true),
                    LeadTimeDays = table.Column<int>(type: "integer", nullable: false, defaultValue: 0),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    SelectionAssetTypeId = table.Column<long>(type: "bigint", nullable: true),
                    SelectionLocationId = table.Column<long>(type: "bigint", nullable: true),
                    SelectionCategory = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Trigger = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, defaultValue: "Calendar"),
                    StartsAt = table.Column<string>(type: "character varying(19)", maxLength: 19, nullable: false),
                    TimeZone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Rule = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    IntervalCount = table.Column<int>(type: "integer", nullable: true),
                    IntervalUnit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    MeterName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    MeterInterval = table.Column<double>(type: "double precision", nullable: true),
                    Threshold = table.Column<double>(type: "double precision", nullable: true),
                    Direction = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ResetBand = table.Column<double>(type: "double precision", nullable: true),
                    RecurrenceChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CatchUp = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, defaultValue: "All"),
                    WaitForPrevious = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false),
                    ManufacturerInterval = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    DeviationJustification = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    DeviationApprovedById = table.Column<long>(type: "bigint", nullable: true),
                    DeviationApprovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedById = table.Column<long>(type: "bigint", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MaintenanceSchedules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MaintenanceSchedules_AssetTypes_SelectionAssetTypeId",
                        column: x => x.SelectionAssetTypeId,
                        principalTable: "AssetTypes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MaintenanceSchedules_Locations_SelectionLocationId",
                        column: x => x.SelectionLocationId,
                        principalTable: "Locations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MaintenanceSchedules_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_MaintenanceSchedules_Users_AssigneeUserId",
                        column: x => x.AssigneeUserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_MaintenanceSchedules_Users_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_MaintenanceSchedules_Users_DeviationApprovedById",
                        column: x => x.DeviationApprovedById,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Meters",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AssetId = table.Column<long>(type: "bigint", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NameKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Unit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    IsCumulative = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false),
                    LastValue = table.Column<double>(type: "double precision", nullable: true),
                    LastTotal = table.Column<double>(type: "double precision", nullable: true),
                    LastReadAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Meters", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Meters_Assets_AssetId",
                        column: x => x.AssetId,
                        principalTable: "Assets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SensorTokens",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Prefix = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AssetId = table.Column<long>(type: "bigint", nullable: true),
                    CreatedById = table.Column<long>(type: "bigint", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastUsedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SensorTokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SensorTokens_Assets_AssetId",
                        column: x => x.AssetId,
                        principalTable: "Assets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SensorTokens_Users_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "ScheduleAssets",
                columns: table => new
                {
                    ScheduleId = table.Column<long>(type: "bigint", nullable: false),
                    AssetId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScheduleAssets", x => new { x.ScheduleId, x.AssetId });
                    table.ForeignKey(
                        name: "FK_ScheduleAssets_Assets_AssetId",
                        column: x => x.AssetId,
                        principalTable: "Assets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ScheduleAssets_MaintenanceSchedules_ScheduleId",
                        column: x => x.ScheduleId,
                        principalTable: "MaintenanceSchedules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MeterReadings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MeterId = table.Column<long>(type: "bigint", nullable: false),
                    Value = table.Column<double>(type: "double precision", nullable: false),
                    Total = table.Column<double>(type: "double precision", nullable: false),
                    TakenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, defaultValue: "Manual"),
                    IsReset = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false),
                    RolloverValue = table.Column<double>(type: "double precision", nullable: true),
                    RecordedById = table.Column<long>(type: "bigint", nullable: true),
                    SensorTokenId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeterReadings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeterReadings_Meters_MeterId",
                        column: x => x.MeterId,
                        principalTable: "Meters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MeterReadings_SensorTokens_SensorTokenId",
                        column: x => x.SensorTokenId,
                        principalTable: "SensorTokens",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_MeterReadings_Users_RecordedById",
                        column: x => x.RecordedById,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "ScheduleOccurrences",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ScheduleId = table.Column<long>(type: "bigint", nullable: false),
                    AssetId = table.Column<long>(type: "bigint", nullable: false),
                    Key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, defaultValue: "Created"),
                    WorkOrderId = table.Column<long>(type: "bigint", nullable: true),
                    MeterTarget = table.Column<double>(type: "double precision", nullable: true),
                    TriggerReadingId = table.Column<long>(type: "bigint", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScheduleOccurrences", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScheduleOccurrences_Assets_AssetId",
                        column: x => x.AssetId,
                        principalTable: "Assets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ScheduleOccurrences_MaintenanceSchedules_ScheduleId",
                        column: x => x.ScheduleId,
                        principalTable: "MaintenanceSchedules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ScheduleOccurrences_MeterReadings_TriggerReadingId",
                        column: x => x.TriggerReadingId,
                        principalTable: "MeterReadings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ScheduleOccurrences_WorkOrders_WorkOrderId",
                        column: x => x.WorkOrderId,
                        principalTable: "WorkOrders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_ScheduleId",
                table: "WorkOrders",
                column: "ScheduleId");

            migrationBuilder.CreateIndex(
                name: "IX_CalendarFeeds_CreatedById",
                table: "CalendarFeeds",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_CalendarFeeds_TeamId",
                table: "CalendarFeeds",
                column: "TeamId");

            migrationBuilder.CreateIndex(
                name: "IX_CalendarFeeds_TokenHash",
                table: "CalendarFeeds",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CalendarFeeds_UserId",
                table: "CalendarFeeds",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_MaintenanceSchedules_AssigneeUserId",
                table: "MaintenanceSchedules",
                column: "AssigneeUserId");

            migrationBuilder.CreateIndex(
                name: "IX_MaintenanceSchedules_CreatedById",
                table: "MaintenanceSchedules",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_MaintenanceSchedules_DeviationApprovedById",
                table: "MaintenanceSchedules",
                column: "DeviationApprovedById");

            migrationBuilder.CreateIndex(
                name: "IX_MaintenanceSchedules_SelectionAssetTypeId",
                table: "MaintenanceSchedules",
                column: "SelectionAssetTypeId");

            migrationBuilder.CreateIndex(
                name: "IX_MaintenanceSchedules_SelectionLocationId",
                table: "MaintenanceSchedules",
                column: "SelectionLocationId");

            migrationBuilder.CreateIndex(
                name: "IX_MaintenanceSchedules_TeamId",
                table: "MaintenanceSchedules",
                column: "TeamId");

            migrationBuilder.CreateIndex(
                name: "IX_MeterReadings_MeterId_TakenAt",
                table: "MeterReadings",
                columns: new[] { "MeterId", "TakenAt" });

            migrationBuilder.CreateIndex(
                name: "IX_MeterReadings_RecordedById",
                table: "MeterReadings",
                column: "RecordedById");

            migrationBuilder.CreateIndex(
                name: "IX_MeterReadings_SensorTokenId",
                table: "MeterReadings",
                column: "SensorTokenId");

            migrationBuilder.CreateIndex(
                name: "IX_Meters_AssetId_NameKey",
                table: "Meters",
                columns: new[] { "AssetId", "NameKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ScheduleAssets_AssetId",
                table: "ScheduleAssets",
                column: "AssetId");

            migrationBuilder.CreateIndex(
                name: "IX_ScheduleOccurrences_AssetId",
                table: "ScheduleOccurrences",
                column: "AssetId");

            migrationBuilder.CreateIndex(
                name: "IX_ScheduleOccurrences_ScheduleId_AssetId_DueAt",
                table: "ScheduleOccurrences",
                columns: new[] { "ScheduleId", "AssetId", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ScheduleOccurrences_ScheduleId_AssetId_Key",
                table: "ScheduleOccurrences",
                columns: new[] { "ScheduleId", "AssetId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ScheduleOccurrences_TriggerReadingId",
                table: "ScheduleOccurrences",
                column: "TriggerReadingId");

            migrationBuilder.CreateIndex(
                name: "IX_ScheduleOccurrences_WorkOrderId",
                table: "ScheduleOccurrences",
                column: "WorkOrderId");

            migrationBuilder.CreateIndex(
                name: "IX_SensorTokens_AssetId",
                table: "SensorTokens",
                column: "AssetId");

            migrationBuilder.CreateIndex(
                name: "IX_SensorTokens_CreatedById",
                table: "SensorTokens",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_SensorTokens_TokenHash",
                table: "SensorTokens",
                column: "TokenHash",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_WorkOrders_MaintenanceSchedules_ScheduleId",
                table: "WorkOrders",
                column: "ScheduleId",
                principalTable: "MaintenanceSchedules",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_WorkOrders_MaintenanceSchedules_ScheduleId",
                table: "WorkOrders");

            migrationBuilder.DropTable(
                name: "CalendarFeeds");

            migrationBuilder.DropTable(
                name: "ScheduleAssets");

            migrationBuilder.DropTable(
                name: "ScheduleOccurrences");

            migrationBuilder.DropTable(
                name: "MaintenanceSchedules");

            migrationBuilder.DropTable(
                name: "MeterReadings");

            migrationBuilder.DropTable(
                name: "Meters");

            migrationBuilder.DropTable(
                name: "SensorTokens");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_ScheduleId",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "ScheduleId",
                table: "WorkOrders");
        }
    }
}
