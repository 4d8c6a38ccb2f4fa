using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Workdesk.Data;

/// <summary>Where the data lives: the provider and its connection string.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>Builds the settings for a SQLite file, creating its folder when missing.</summary>
    public static DatabaseSettings ForSqliteFile(string path)
    {
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var builder = new SqliteConnectionStringBuilder { DataSource = fullPath, Pooling = true, DefaultTimeout = 30 };
        return new DatabaseSettings(DatabaseProvider.Sqlite, builder.ToString());
    }

    /// <summary>A description for logs and the admin page, without any password.</summary>
    public string Describe()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            return "SQLite file " + new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        }

        var builder = new DbConnectionStringBuilder { ConnectionString = ConnectionString };
        builder.Remove("Password");
        builder.Remove("Pwd");
        return "PostgreSQL " + builder.ConnectionString;
    }
}

public static class DatabaseSetup
{
    /// <summary>Statements Npgsql keeps prepared on each PostgreSQL connection (its Max Auto Prepare).</summary>
    private const int PostgresAutoPrepared = 100;

    /// <summary>
    /// Registers <see cref="WorkdeskDbContext"/> for the provider that <paramref name="resolve"/>
    /// names. The settings are resolved when first needed, so test hosts can override configuration.
    /// </summary>
    public static IServiceCollection AddWorkdeskDatabase(this IServiceCollection services, Func<IServiceProvider, DatabaseSettings> resolve)
    {
        services.AddSingleton(resolve);

        // Pooled contexts keep their internal services between requests, and their options are
        // built once from the singleton settings. Each scope still gets its own empty context.
        services.AddDbContextPool<SqliteWorkdeskDbContext>(
            (sp, options) => ConfigureSqlite(options, sp.GetRequiredService<DatabaseSettings>().ConnectionString));
        services.AddDbContextPool<PostgresWorkdeskDbContext>(
            (sp, options) => ConfigurePostgres(options, sp.GetRequiredService<DatabaseSettings>().ConnectionString));
        services.AddScoped<WorkdeskDbContext>(sp => sp.GetRequiredService<DatabaseSettings>().Provider == DatabaseProvider.Sqlite
            ? sp.GetRequiredService<SqliteWorkdeskDbContext>()
            : sp.GetRequiredService<PostgresWorkdeskDbContext>());
        return services;
    }

    /// <summary>Creates a context outside dependency injection, for the CLI and tools.</summary>
    public static WorkdeskDbContext CreateContext(DatabaseSettings settings)
    {
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            var options = new DbContextOptionsBuilder<SqliteWorkdeskDbContext>();
            ConfigureSqlite(options, settings.ConnectionString);
            return new SqliteWorkdeskDbContext(options.Options);
        }

        var postgresOptions = new DbContextOptionsBuilder<PostgresWorkdeskDbContext>();
        ConfigurePostgres(postgresOptions, settings.ConnectionString);
        return new PostgresWorkdeskDbContext(postgresOptions.Options);
    }

    /// <summary>
    /// Opens a SQLite connection outside EF Core with the same pragmas as the contexts' connections,
    /// for code that shares one connection between several contexts.
    /// </summary>
    public static async Task<SqliteConnection> OpenSqliteAsync(string connectionString, CancellationToken ct)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(ct);
            await SqlitePragmas.Instance.ApplyAsync(connection, ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    internal static void ConfigureSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString).AddInterceptors(SqlitePragmas.Instance, SqliteStatementCache.Instance);

    internal static void ConfigurePostgres(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(WithAutoPrepare(connectionString));

    /// <summary>
    /// Returns the connection string with Npgsql's automatic preparation turned on, unless it sets
    /// that already. A statement run a few times on a connection is then prepared there, so
    /// PostgreSQL parses it once. The reads that need a plan for their values ask for one with
    /// <see cref="PostgresPlans.BeginPlannedForValuesAsync"/>.
    /// </summary>
    public static string WithAutoPrepare(string connectionString)
    {
        var parsed = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (parsed.Keys.Cast<string>().Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = PostgresAutoPrepared }.ConnectionString;
    }
}

/// <summary>
/// Sets the pragmas every SQLite connection needs: WAL for concurrent readers, FULL sync so an
/// acknowledged commit survives power loss, a busy timeout so writers queue instead of failing.
/// </summary>
/// <remarks>
/// These settings stay with the native connection, which the connection pool keeps open between
/// uses, so they are set once per native connection rather than on every open.
/// </remarks>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    private const string Pragmas =
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";

    // Switching a file into WAL mode writes its header, which a read-only connection cannot do.
    // EF Core opens one to check that the file exists, and the file is out of WAL mode after an
    // import that stopped while it wrote in place (see SqliteRollbackJournal in the server).
    private const string ReadOnlyPragmas = "PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";

    // Native connection handles that already have the pragmas; an entry goes away with its handle.
    private readonly ConditionalWeakTable<object, object> configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!NeedsPragmas(connection))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = PragmasFor(connection);
        command.ExecuteNonQuery();
        MarkConfigured(connection);
    }

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default) =>
        ApplyAsync(connection, cancellationToken);

    /// <summary>Sets the pragmas on an open connection unless its native connection has them already.</summary>
    public async Task ApplyAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (!NeedsPragmas(connection))
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = PragmasFor(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        MarkConfigured(connection);
    }

    private static string PragmasFor(DbConnection connection) =>
        new SqliteConnectionStringBuilder(connection.ConnectionString).Mode == SqliteOpenMode.ReadOnly ? ReadOnlyPragmas : Pragmas;

    private bool NeedsPragmas(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || !configured.TryGetValue(handle, out _);

    private void MarkConfigured(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            configured.AddOrUpdate(handle, handle);
        }
    }
}
