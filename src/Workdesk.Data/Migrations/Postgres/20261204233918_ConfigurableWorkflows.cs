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

            migrationBuilder.AddColumn<decimal>(
                name: "EstimatedCost",
                table: "WorkOrders",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EstimatedCostCurrency",
                table: "WorkOrders",
                type: "character varying(3)",
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Impact",
                table: "WorkOrders",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StatusKey",
                table: "WorkOrders",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Urgency",
                table: "WorkOrders",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "WorkflowVersion",
                table: "WorkOrders",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<long>(
                name: "ManagerId",
                table: "Locations",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ApprovalRules",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false, defaultValue: true),
                    WorkOrderType = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    MinPriority = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    MinEstimatedCost = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    LocationId = table.Column<long>(type: "bigint", nullable: true),
                    GateStatus = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Steps = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApprovalRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApprovalRules_Locations_LocationId",
                        column: x => x.LocationId,
                        principalTable: "Locations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PriorityMatrixCells",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Urgency = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Impact = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Priority = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PriorityMatrixCells", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProcedureTemplates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Definition = table.Column<string>(type: "character varying(1000000)", maxLength: 1000000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProcedureTemplates", x => x.Id);
                });

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

            migrationBuilder.CreateTable(
                name: "WorkOrderApprovals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WorkOrderId = table.Column<long>(type: "bigint", nullable: false),
                    RuleId = table.Column<long>(type: "bigint", nullable: true),
                    RuleName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    GateStatus = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Steps = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    CurrentStep = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkOrderApprovals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkOrderApprovals_ApprovalRules_RuleId",
                        column: x => x.RuleId,
                        principalTable: "ApprovalRules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_WorkOrderApprovals_WorkOrders_WorkOrderId",
                        column: x => x.WorkOrderId,
                        principalTable: "WorkOrders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProcedureLinks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TemplateId = table.Column<long>(type: "bigint", nullable: false),
                    WorkOrderType = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    AssetTypeId = table.Column<long>(type: "bigint", nullable: true),
                    AssetId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProcedureLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProcedureLinks_AssetTypes_AssetTypeId",
                        column: x => x.AssetTypeId,
                        principalTable: "AssetTypes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProcedureLinks_Assets_AssetId",
                        column: x => x.AssetId,
                        principalTable: "Assets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProcedureLinks_ProcedureTemplates_TemplateId",
                        column: x => x.TemplateId,
                        principalTable: "ProcedureTemplates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WorkOrderProcedures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WorkOrderId = table.Column<long>(type: "bigint", nullable: false),
                    TemplateId = table.Column<long>(type: "bigint", nullable: true),
                    TemplateVersion = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Definition = table.Column<string>(type: "character varying(1000000)", maxLength: 1000000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkOrderProcedures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkOrderProcedures_ProcedureTemplates_TemplateId",
                        column: x => x.TemplateId,
                        principalTable: "ProcedureTemplates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_WorkOrderProcedures_WorkOrders_WorkOrderId",
                        column: x => x.WorkOrderId,
                        principalTable: "WorkOrders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ApprovalDecision",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApprovalId = table.Column<long>(type: "bigint", nullable: false),
                    Step = table.Column<int>(type: "integer", nullable: false),
                    Approved = table.Column<bool>(type: "boolean", nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    DecidedById = table.Column<long>(type: "bigint", nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApprovalDecision", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApprovalDecision_Users_DecidedById",
                        column: x => x.DecidedById,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ApprovalDecision_WorkOrderApprovals_ApprovalId",
                        column: x => x.ApprovalId,
                        principalTable: "WorkOrderApprovals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StepResults",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProcedureId = table.Column<long>(type: "bigint", nullable: false),
                    StepKey = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Value = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    AttachmentId = table.Column<long>(type: "bigint", nullable: true),
                    SignerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RecordedById = table.Column<long>(type: "bigint", nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FollowUpWorkOrderId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StepResults", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StepResults_Attachments_AttachmentId",
                        column: x => x.AttachmentId,
                        principalTable: "Attachments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StepResults_Users_RecordedById",
                        column: x => x.RecordedById,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StepResults_WorkOrderProcedures_ProcedureId",
                        column: x => x.ProcedureId,
                        principalTable: "WorkOrderProcedures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_StepResults_WorkOrders_FollowUpWorkOrderId",
                        column: x => x.FollowUpWorkOrderId,
                        principalTable: "WorkOrders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_Type_WorkflowVersion",
                table: "WorkOrders",
                columns: new[] { "Type", "WorkflowVersion" });

            migrationBuilder.CreateIndex(
                name: "IX_Locations_ManagerId",
                table: "Locations",
                column: "ManagerId");

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalDecision_ApprovalId",
                table: "ApprovalDecision",
                column: "ApprovalId");

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalDecision_DecidedById",
                table: "ApprovalDecision",
                column: "DecidedById");

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalRules_LocationId",
                table: "ApprovalRules",
                column: "LocationId");

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalRules_Name",
                table: "ApprovalRules",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PriorityMatrixCells_Urgency_Impact",
                table: "PriorityMatrixCells",
                columns: new[] { "Urgency", "Impact" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProcedureLinks_AssetId",
                table: "ProcedureLinks",
                column: "AssetId");

            migrationBuilder.CreateIndex(
                name: "IX_ProcedureLinks_AssetTypeId",
                table: "ProcedureLinks",
                column: "AssetTypeId");

            migrationBuilder.CreateIndex(
                name: "IX_ProcedureLinks_TemplateId",
                table: "ProcedureLinks",
                column: "TemplateId");

            migrationBuilder.CreateIndex(
                name: "IX_ProcedureLinks_WorkOrderType",
                table: "ProcedureLinks",
                column: "WorkOrderType");

            migrationBuilder.CreateIndex(
                name: "IX_ProcedureTemplates_Name",
                table: "ProcedureTemplates",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StepResults_AttachmentId",
                table: "StepResults",
                column: "AttachmentId");

            migrationBuilder.CreateIndex(
                name: "IX_StepResults_FollowUpWorkOrderId",
                table: "StepResults",
                column: "FollowUpWorkOrderId");

            migrationBuilder.CreateIndex(
                name: "IX_StepResults_ProcedureId_StepKey",
                table: "StepResults",
                columns: new[] { "ProcedureId", "StepKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StepResults_RecordedById",
                table: "StepResults",
                column: "RecordedById");

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
                name: "IX_WorkOrderApprovals_RuleId",
                table: "WorkOrderApprovals",
                column: "RuleId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrderApprovals_State",
                table: "WorkOrderApprovals",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrderApprovals_WorkOrderId_RuleId",
                table: "WorkOrderApprovals",
                columns: new[] { "WorkOrderId", "RuleId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrderProcedures_TemplateId",
                table: "WorkOrderProcedures",
                column: "TemplateId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrderProcedures_WorkOrderId",
                table: "WorkOrderProcedures",
                column: "WorkOrderId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrderTypes_Key",
                table: "WorkOrderTypes",
                column: "Key",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Locations_Users_ManagerId",
                table: "Locations",
                column: "ManagerId",
                principalTable: "Users",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Locations_Users_ManagerId",
                table: "Locations");

            migrationBuilder.DropTable(
                name: "ApprovalDecision");

            migrationBuilder.DropTable(
                name: "PriorityMatrixCells");

            migrationBuilder.DropTable(
                name: "ProcedureLinks");

            migrationBuilder.DropTable(
                name: "StepResults");

            migrationBuilder.DropTable(
                name: "WorkflowVersions");

            migrationBuilder.DropTable(
                name: "WorkOrderTypes");

            migrationBuilder.DropTable(
                name: "WorkOrderApprovals");

            migrationBuilder.DropTable(
                name: "WorkOrderProcedures");

            migrationBuilder.DropTable(
                name: "ApprovalRules");

            migrationBuilder.DropTable(
                name: "ProcedureTemplates");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_Type_WorkflowVersion",
                table: "WorkOrders");

            migrationBuilder.DropIndex(
                name: "IX_Locations_ManagerId",
                table: "Locations");

            migrationBuilder.DropColumn(
                name: "CustomFields",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "EstimatedCost",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "EstimatedCostCurrency",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "Impact",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "StatusKey",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "Urgency",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "WorkflowVersion",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "ManagerId",
                table: "Locations");
        }
    }
}
