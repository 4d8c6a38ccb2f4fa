using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workdesk.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LeanerIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkRequests_AssetId",
                table: "WorkRequests");

            migrationBuilder.DropIndex(
                name: "IX_WorkRequests_RequesterId",
                table: "WorkRequests");

            migrationBuilder.DropIndex(
                name: "IX_WorkRequests_WorkOrderId",
                table: "WorkRequests");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_AlertKey_Status",
                table: "WorkOrders");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_AssetId",
                table: "WorkOrders");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_LocationId_DueAt",
                table: "WorkOrders");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_ParentId",
                table: "WorkOrders");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_RequesterId",
                table: "WorkOrders");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_RequestId",
                table: "WorkOrders");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_ResolutionDueAt_Status",
                table: "WorkOrders");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_ScheduleId",
                table: "WorkOrders");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_SlaPolicyId",
                table: "WorkOrders");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_VendorId",
                table: "WorkOrders");

            migrationBuilder.CreateIndex(
                name: "IX_WorkRequests_AssetId",
                table: "WorkRequests",
                column: "AssetId",
                filter: "\"AssetId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_WorkRequests_RequesterId",
                table: "WorkRequests",
                column: "RequesterId",
                filter: "\"RequesterId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_WorkRequests_WorkOrderId",
                table: "WorkRequests",
                column: "WorkOrderId",
                filter: "\"WorkOrderId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_AlertKey_Status",
                table: "WorkOrders",
                columns: new[] { "AlertKey", "Status" },
                filter: "\"AlertKey\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_AssetId",
                table: "WorkOrders",
                column: "AssetId",
                filter: "\"AssetId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_ParentId",
                table: "WorkOrders",
                column: "ParentId",
                filter: "\"ParentId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_RequesterId",
                table: "WorkOrders",
                column: "RequesterId",
                filter: "\"RequesterId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_RequestId",
                table: "WorkOrders",
                column: "RequestId",
                filter: "\"RequestId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_ResolutionDueAt_Status",
                table: "WorkOrders",
                columns: new[] { "ResolutionDueAt", "Status" },
                filter: "\"ResolutionDueAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_ScheduleId",
                table: "WorkOrders",
                column: "ScheduleId",
                filter: "\"ScheduleId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_SlaPolicyId",
                table: "WorkOrders",
                column: "SlaPolicyId",
                filter: "\"SlaPolicyId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_VendorId",
                table: "WorkOrders",
                column: "VendorId",
                filter: "\"VendorId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkRequests_AssetId",
                table: "WorkRequests");

            migrationBuilder.DropIndex(
                name: "IX_WorkRequests_RequesterId",
                table: "WorkRequests");

            migrationBuilder.DropIndex(
                name: "IX_WorkRequests_WorkOrderId",
                table: "WorkRequests");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_AlertKey_Status",
                table: "WorkOrders");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_AssetId",
                table: "WorkOrders");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_ParentId",
                table: "WorkOrders");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_RequesterId",
                table: "WorkOrders");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_RequestId",
                table: "WorkOrders");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_ResolutionDueAt_Status",
                table: "WorkOrders");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_ScheduleId",
                table: "WorkOrders");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_SlaPolicyId",
                table: "WorkOrders");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_VendorId",
                table: "WorkOrders");

            migrationBuilder.CreateIndex(
                name: "IX_WorkRequests_AssetId",
                table: "WorkRequests",
                column: "AssetId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkRequests_RequesterId",
                table: "WorkRequests",
                column: "RequesterId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkRequests_WorkOrderId",
                table: "WorkRequests",
                column: "WorkOrderId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_AlertKey_Status",
                table: "WorkOrders",
                columns: new[] { "AlertKey", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_AssetId",
                table: "WorkOrders",
                column: "AssetId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_LocationId_DueAt",
                table: "WorkOrders",
                columns: new[] { "LocationId", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_ParentId",
                table: "WorkOrders",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_RequesterId",
                table: "WorkOrders",
                column: "RequesterId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_RequestId",
                table: "WorkOrders",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_ResolutionDueAt_Status",
                table: "WorkOrders",
                columns: new[] { "ResolutionDueAt", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_ScheduleId",
                table: "WorkOrders",
                column: "ScheduleId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_SlaPolicyId",
                table: "WorkOrders",
                column: "SlaPolicyId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_VendorId",
                table: "WorkOrders",
                column: "VendorId");
        }
    }
}
