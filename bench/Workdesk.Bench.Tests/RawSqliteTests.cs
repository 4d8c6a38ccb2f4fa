using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Workdesk.Bench.Raw;
using Workdesk.Data;

namespace Workdesk.Bench.Tests;

public class RawSqliteTests
{
    [Fact]
    public void Measure_commits_rows_with_several_writers()
    {
        var folder = Directory.CreateTempSubdirectory("workdesk-raw-test-").FullName;
        try
        {
            var path = Path.Combine(folder, "raw.db");

            var run = RawSqliteCommand.Measure(path, writers: 4, TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);

            Assert.Equal(4, run.Writers);
            Assert.True(run.Commits > 0);
            Assert.Equal(0, run.BusyRetries);
            using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            connection.Open();
            using var count = connection.CreateCommand();
            count.CommandText = """SELECT COUNT(*) FROM "Rows" """;
            Assert.Equal(run.Commits, (long)count.ExecuteScalar()!);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("journal_mode")]
    [InlineData("synchronous")]
    [InlineData("busy_timeout")]
    [InlineData("foreign_keys")]
    public async Task Raw_connection_uses_server_pragmas(string pragma)
    {
        var folder = Directory.CreateTempSubdirectory("workdesk-raw-test-").FullName;
        try
        {
            var settings = DatabaseSettings.ForSqliteFile(Path.Combine(folder, "server.db"));
            await using var server = DatabaseSetup.CreateContext(settings);
            await server.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
            using var raw = RawSqliteCommand.Open($"Data Source={Path.Combine(folder, "raw.db")};Pooling=False");

            Assert.Equal(Read(server.Database.GetDbConnection(), pragma), Read(raw, pragma));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Read(System.Data.Common.DbConnection connection, string pragma)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + pragma;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
