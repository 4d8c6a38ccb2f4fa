using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workdesk.Data.Migrations.Sqlite
{
    /// <summary>
    /// Adds FTS5 indexes over work order titles and descriptions and over comment bodies. Both are
    /// external-content tables whose rowid is the row's Id. Triggers keep them in step with every
    /// INSERT, UPDATE and DELETE, including rows written directly with SQL, and the migration fills
    /// them from the rows that already exist.
    /// </summary>
    /// <remarks>
    /// NOTE: a later migration that makes EF Core rebuild the WorkOrders or Comments table (such as
    /// changing a column type on SQLite) drops these triggers with the old table. Such a migration
    /// must create them again; WorkOrderSearchTests.SearchIndexes_ExistAfterMigrations checks that they exist.
    /// </remarks>
    public partial class FullTextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // unicode61 splits words on anything that is not a letter, digit or mark, in any script,
            // and remove_diacritics 2 lets "cafe" find "café".
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "WorkOrderSearch" USING fts5(
                    "Title", "Description",
                    content='WorkOrders', content_rowid='Id', tokenize='unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "WorkOrders_Search_Insert" AFTER INSERT ON "WorkOrders" BEGIN
                    INSERT INTO "WorkOrderSearch" (rowid, "Title", "Description") VALUES (new."Id", new."Title", new."Description");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "WorkOrders_Search_Delete" AFTER DELETE ON "WorkOrders" BEGIN
                    INSERT INTO "WorkOrderSearch" ("WorkOrderSearch", rowid, "Title", "Description") VALUES ('delete', old."Id", old."Title", old."Description");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "WorkOrders_Search_Update" AFTER UPDATE OF "Title", "Description" ON "WorkOrders" BEGIN
                    INSERT INTO "WorkOrderSearch" ("WorkOrderSearch", rowid, "Title", "Description") VALUES ('delete', old."Id", old."Title", old."Description");
                    INSERT INTO "WorkOrderSearch" (rowid, "Title", "Description") VALUES (new."Id", new."Title", new."Description");
                END;
                """);

            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "CommentSearch" USING fts5(
                    "Body",
                    content='Comments', content_rowid='Id', tokenize='unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Comments_Search_Insert" AFTER INSERT ON "Comments" BEGIN
                    INSERT INTO "CommentSearch" (rowid, "Body") VALUES (new."Id", new."Body");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Comments_Search_Delete" AFTER DELETE ON "Comments" BEGIN
                    INSERT INTO "CommentSearch" ("CommentSearch", rowid, "Body") VALUES ('delete', old."Id", old."Body");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Comments_Search_Update" AFTER UPDATE OF "Body" ON "Comments" BEGIN
                    INSERT INTO "CommentSearch" ("CommentSearch", rowid, "Body") VALUES ('delete', old."Id", old."Body");
                    INSERT INTO "CommentSearch" (rowid, "Body") VALUES (new."Id", new."Body");
                END;
                """);

            // Index the rows written before this migration.
            migrationBuilder.Sql("""INSERT INTO "WorkOrderSearch" ("WorkOrderSearch") VALUES ('rebuild');""");
            migrationBuilder.Sql("""INSERT INTO "CommentSearch" ("CommentSearch") VALUES ('rebuild');""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "Comments_Search_Update";""");
            migrationBuilder.Sql("""DROP TRIGGER "Comments_Search_Delete";""");
            migrationBuilder.Sql("""DROP TRIGGER "Comments_Search_Insert";""");
            migrationBuilder.Sql("""DROP TABLE "CommentSearch";""");
            migrationBuilder.Sql("""DROP TRIGGER "WorkOrders_Search_Update";""");
            migrationBuilder.Sql("""DROP TRIGGER "WorkOrders_Search_Delete";""");
            migrationBuilder.Sql("""DROP TRIGGER "WorkOrders_Search_Insert";""");
            migrationBuilder.Sql("""DROP TABLE "WorkOrderSearch";""");
        }
    }
}
