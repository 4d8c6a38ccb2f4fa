using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Workdesk.Bench.Generate;
using Workdesk.Data;

namespace Workdesk.Bench.Tests;

/// <summary>
/// Databases for the generator and smoke tests: a SQLite file in a temporary folder, or a new
/// database on the PostgreSQL server named by WORKDESK_TEST_POSTGRES, dropped on dispose.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    public static readonly string? PostgresServer =
        Environment.GetEnvironmentVariable("WORKDESK_TEST_POSTGRES") is { Length: > 0 } value ? value : null;

    private BenchDatabase(string provider, string dataDirectory, DatabaseSettings settings)
    {
        Provider = provider;
        DataDirectory = dataDirectory;
        Settings = settings;
    }

    /// <summary>"sqlite" or "postgres", as the server's Workdesk:Database:Provider setting spells it.</summary>
    public string Provider { get; }

    /// <summary>The server's data folder; for SQLite it contains workdesk.db.</summary>
    public string DataDirectory { get; }

    public DatabaseSettings Settings { get; }

    /// <summary>Returns a new database of the provider, or skips the test when PostgreSQL is not available.</summary>
    public static BenchDatabase Create(string provider)
    {
        var folder = Directory.CreateTempSubdirectory("workdesk-bench-test-").FullName;
        if (provider == "sqlite")
        {
            return new BenchDatabase(provider, folder, DatabaseSettings.ForSqliteFile(Path.Combine(folder, "workdesk.db")));
        }

        if (PostgresServer is null)
        {
            Directory.Delete(folder);
            Assert.Skip("WORKDESK_TEST_POSTGRES is not set; run ./test.sh, which starts a throwaway PostgreSQL server.");
        }

        var builder = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = "workdesk_bench_test_" + Guid.NewGuid().ToString("N")[..12] };
        return new BenchDatabase(provider, folder, new DatabaseSettings(DatabaseProvider.Postgres, builder.ConnectionString));
    }

    public Task<GeneratedDataSet> GenerateAsync(DataSetSize size) =>
        GenerateCommand.GenerateAsync(Settings, size, replace: false, new TimedProgress(TextWriter.Null), TestContext.Current.CancellationToken);

    /// <summary>Runs a query that returns one number.</summary>
    public async Task<long> ScalarAsync(string sql)
    {
        await using var db = DatabaseSetup.CreateContext(Settings);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Settings.Provider == DatabaseProvider.Postgres)
        {
            NpgsqlConnection.ClearAllPools();
            var target = new NpgsqlConnectionStringBuilder(Settings.ConnectionString);
            var maintenance = new NpgsqlConnectionStringBuilder(Settings.ConnectionString) { Database = "postgres", Pooling = false };
            await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{target.Database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a finalizing connection only leaves a temporary folder behind.
        }
    }
}
