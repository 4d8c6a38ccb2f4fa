using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workdesk.Data.Migrations.Sqlite
{
    /// <summary>
    /// Adds the table that lets a transaction index its new work orders together before it commits,
    /// and the insert trigger that reads it (see <see cref="SqliteSearchIndex.Defer"/>).
    /// </summary>
    public partial class DeferredSearchIndexing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SqliteSearchIndex.CreateDeferralTable);
            migrationBuilder.Sql($"""DROP TRIGGER "{SqliteSearchIndex.InsertTriggerName}";""");
            migrationBuilder.Sql(SqliteSearchIndex.InsertTrigger);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""DROP TRIGGER "{SqliteSearchIndex.InsertTriggerName}";""");
            migrationBuilder.Sql("""
                CREATE TRIGGER "WorkOrders_Search_Insert" AFTER INSERT ON "WorkOrders" BEGIN
                INSERT INTO "WorkOrderSearch" (rowid, "Text", "StaffText")
                VALUES (new."Id", new."Title" || ' ' || coalesce(new."Description", ''), '');
                END;
                """);
            migrationBuilder.Sql("""DROP TABLE "SearchIndexDeferral";""");
        }
    }
}
