using Microsoft.EntityFrameworkCore.Design;

namespace Workdesk.Data;

/// <summary>Lets `dotnet ef migrations add` build the SQLite context without the server.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteWorkdeskDbContext>
{
    public SqliteWorkdeskDbContext CreateDbContext(string[] args) =>
        (SqliteWorkdeskDbContext)DatabaseSetup.CreateContext(DatabaseSettings.ForSqliteFile(Path.Combine(Path.GetTempPath(), "workdesk-design.db")));
}

/// <summary>Lets `dotnet ef migrations add` build the PostgreSQL context; it never connects.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresWorkdeskDbContext>
{
    public PostgresWorkdeskDbContext CreateDbContext(string[] args) =>
        (PostgresWorkdeskDbContext)DatabaseSetup.CreateContext(new DatabaseSettings(DatabaseProvider.Postgres, "Host=127.0.0.1;Database=workdesk_design"));
}
