using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workdesk.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AssetDepth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AssetId",
                table: "Attachments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "AssetTypeId",
                table: "Attachments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "AssetTypeId",
                table: "Assets",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Criticality",
                table: "Assets",
                type: "INTEGER",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<string>(
                name: "Currency",
                table: "Assets",
                type: "TEXT",
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CustomFields",
                table: "Assets",
                type: "TEXT",
                maxLength: 10000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ExpectedLifeYears",
                table: "Assets",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "InstallDate",
                table: "Assets",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Path",
                table: "Assets",
                type: "TEXT",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<decimal>(
                name: "PurchaseCost",
                table: "Assets",
                type: "TEXT",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "Assets",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "InService");

            migrationBuilder.AddColumn<DateOnly>(
                name: "WarrantyEnd",
                table: "Assets",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "WarrantyStart",
                table: "Assets",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AssetDowntimes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AssetId = table.Column<long>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssetDowntimes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssetDowntimes_Assets_AssetId",
                        column: x => x.AssetId,
                        principalTable: "Assets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AssetMoves",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AssetId = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ActorId = table.Column<long>(type: "INTEGER", nullable: true),
                    FromLocationId = table.Column<long>(type: "INTEGER", nullable: true),
                    ToLocationId = table.Column<long>(type: "INTEGER", nullable: true),
                    FromParentId = table.Column<long>(type: "INTEGER", nullable: true),
                    ToParentId = table.Column<long>(type: "INTEGER", nullable: true),
                    MovedWithAssetId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssetMoves", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssetMoves_Assets_AssetId",
                        column: x => x.AssetId,
                        principalTable: "Assets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AssetTypes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Manufacturer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Model = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DefaultProcedure = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    CustomFieldNames = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssetTypes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AssetTypePart",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AssetTypeId = table.Column<long>(type: "INTEGER", nullable: false),
                    PartNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Quantity = table.Column<decimal>(type: "TEXT", precision: 18, scale: 3, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssetTypePart", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssetTypePart_AssetTypes_AssetTypeId",
                        column: x => x.AssetTypeId,
                        principalTable: "AssetTypes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Attachments_AssetId",
                table: "Attachments",
                column: "AssetId");

            migrationBuilder.CreateIndex(
                name: "IX_Attachments_AssetTypeId",
                table: "Attachments",
                column: "AssetTypeId");

            migrationBuilder.CreateIndex(
                name: "IX_Assets_AssetTypeId",
                table: "Assets",
                column: "AssetTypeId");

            migrationBuilder.CreateIndex(
                name: "IX_Assets_Path",
                table: "Assets",
                column: "Path");

            migrationBuilder.CreateIndex(
                name: "IX_Assets_Status_Criticality",
                table: "Assets",
                columns: new[] { "Status", "Criticality" });

            migrationBuilder.CreateIndex(
                name: "IX_Assets_WarrantyEnd",
                table: "Assets",
                column: "WarrantyEnd");

            migrationBuilder.CreateIndex(
                name: "IX_AssetDowntimes_AssetId_StartedAt",
                table: "AssetDowntimes",
                columns: new[] { "AssetId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AssetMoves_AssetId_At",
                table: "AssetMoves",
                columns: new[] { "AssetId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AssetTypePart_AssetTypeId_PartNumber",
                table: "AssetTypePart",
                columns: new[] { "AssetTypeId", "PartNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AssetTypes_ExternalId",
                table: "AssetTypes",
                column: "ExternalId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AssetTypes_Name",
                table: "AssetTypes",
                column: "Name",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Assets_AssetTypes_AssetTypeId",
                table: "Assets",
                column: "AssetTypeId",
                principalTable: "AssetTypes",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Attachments_AssetTypes_AssetTypeId",
                table: "Attachments",
                column: "AssetTypeId",
                principalTable: "AssetTypes",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_Attachments_Assets_AssetId",
                table: "Attachments",
                column: "AssetId",
                principalTable: "Assets",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Assets_AssetTypes_AssetTypeId",
                table: "Assets");

            migrationBuilder.DropForeignKey(
                name: "FK_Attachments_AssetTypes_AssetTypeId",
                table: "Attachments");

            migrationBuilder.DropForeignKey(
                name: "FK_Attachments_Assets_AssetId",
                table: "Attachments");

            migrationBuilder.DropTable(
                name: "AssetDowntimes");

            migrationBuilder.DropTable(
                name: "AssetMoves");

            migrationBuilder.DropTable(
                name: "AssetTypePart");

            migrationBuilder.DropTable(
                name: "AssetTypes");

            migrationBuilder.DropIndex(
                name: "IX_Attachments_AssetId",
                table: "Attachments");

            migrationBuilder.DropIndex(
                name: "IX_Attachments_AssetTypeId",
                table: "Attachments");

            migrationBuilder.DropIndex(
                name: "IX_Assets_AssetTypeId",
                table: "Assets");

            migrationBuilder.DropIndex(
                name: "IX_Assets_Path",
                table: "Assets");

            migrationBuilder.DropIndex(
                name: "IX_Assets_Status_Criticality",
                table: "Assets");

            migrationBuilder.DropIndex(
                name: "IX_Assets_WarrantyEnd",
                table: "Assets");

            migrationBuilder.DropColumn(
                name: "AssetId",
                table: "Attachments");

            migrationBuilder.DropColumn(
                name: "AssetTypeId",
                table: "Attachments");

            migrationBuilder.DropColumn(
                name: "AssetTypeId",
                table: "Assets");

            migrationBuilder.DropColumn(
                name: "Criticality",
                table: "Assets");

            migrationBuilder.DropColumn(
                name: "Currency",
                table: "Assets");

            migrationBuilder.DropColumn(
                name: "CustomFields",
                table: "Assets");

            migrationBuilder.DropColumn(
                name: "ExpectedLifeYears",
                table: "Assets");

            migrationBuilder.DropColumn(
                name: "InstallDate",
                table: "Assets");

            migrationBuilder.DropColumn(
                name: "Path",
                table: "Assets");

            migrationBuilder.DropColumn(
                name: "PurchaseCost",
                table: "Assets");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "Assets");

            migrationBuilder.DropColumn(
                name: "WarrantyEnd",
                table: "Assets");

            migrationBuilder.DropColumn(
                name: "WarrantyStart",
                table: "Assets");
        }
    }
}
