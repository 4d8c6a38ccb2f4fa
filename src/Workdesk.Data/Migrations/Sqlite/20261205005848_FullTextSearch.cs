using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workdesk.Data.Migrations.Sqlite
{
    /// <summary>
    /// Adds the FTS5 index over work order titles, descriptions and comments, with the triggers
    /// that keep it current, and indexes the work orders that already exist (see <see cref="SqliteSearchIndex"/>).
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
            migrationBuilder.Sql(SqliteSearchIndex.CreateTable);
            foreach (var (_, sql) in SqliteSearchIndex.Triggers)
            {
                migrationBuilder.Sql(sql);
            }

            migrationBuilder.Sql(SqliteSearchIndex.Fill);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (name, _) in SqliteSearchIndex.Triggers)
            {
                migrationBuilder.Sql($"""DROP TRIGGER "{name}";""");
            }

            migrationBuilder.Sql($"""DROP TABLE "{SqliteSearchIndex.Table}";""");
        }
    }
}
