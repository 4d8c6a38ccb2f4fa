using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Workdesk.Bench.Load;

namespace Workdesk.Bench.Raw;

/// <summary>The commit rate of one raw run: how many writers, how many rows they committed, and in how long.</summary>
internal sealed record RawRun(int Writers, long Commits, double Seconds, double CommitsPerSecond, long BusyRetries);

/// <summary>
/// `workdesk-bench raw-sqlite`: the ceiling for creates on this machine. Writers on their own
/// connections commit one single-row INSERT per transaction into a new SQLite file, with the
/// pragmas the server sets on every connection (see SqlitePragmas in Workdesk.Data).
/// </summary>
internal static class RawSqliteCommand
{
    /// <summary>The server's pragmas: WAL, a sync of the WAL on every commit, and a 30 s busy timeout.</summary>
    public const string ServerPragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static readonly Option<string> Folder = new("--dir")
    {
        Description = "Folder for the test file raw.db, on the disk the server's data is on. The file is replaced.",
        Required = true,
    };

    private static readonly Option<string> WriterCounts = new("--writers")
    {
        Description = "Comma-separated numbers of concurrent writers to measure, one run each (default: 1,16).",
        DefaultValueFactory = _ => "1,16",
    };

    private static readonly Option<TimeSpan> Duration = new("--duration")
    {
        Description = "How long each run commits, such as 10s (at most 10 minutes).",
        DefaultValueFactory = _ => TimeSpan.FromSeconds(10),
        CustomParser = ParseDuration,
    };

    private static readonly Option<string?> JsonOut = new("--json-out") { Description = "File to save the runs to as JSON." };

    public static Command Create()
    {
        var command = new Command("raw-sqlite", "Measures single-row commits per second in plain Microsoft.Data.Sqlite with the server's durability settings.");
        foreach (var option in new Option[] { Folder, WriterCounts, Duration, JsonOut })
        {
            command.Options.Add(option);
        }

        command.SetAction(RunAsync);
        return command;
    }

    private static TimeSpan ParseDuration(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (!Durations.TryParse(text, out var duration) || duration <= TimeSpan.Zero || duration > TimeSpan.FromMinutes(10))
        {
            result.AddError($"'{text}' is not a valid duration: use a number with ms, s or m, such as 10s, up to 10m.");
        }

        return duration;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        var writers = new List<int>();
        foreach (var part in parse.GetValue(WriterCounts)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > LoadCommand.MaxClients)
            {
                await Console.Error.WriteLineAsync($"error: --writers: '{part}' is not a number from 1 to {LoadCommand.MaxClients}.");
                return 2;
            }

            writers.Add(count);
        }

        var path = Path.Combine(Path.GetFullPath(parse.GetValue(Folder)!), "raw.db");
        var runs = new List<RawRun>();
        foreach (var count in writers)
        {
            var run = Measure(path, count, parse.GetValue(Duration), ct);
            runs.Add(run);
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"raw SQLite, {run.Writers} {(run.Writers == 1 ? "writer" : "writers")}: {run.Commits} commits in {run.Seconds:F1} s, {run.CommitsPerSecond:F1} commits/s, {run.BusyRetries} busy retries"));
        }

        if (parse.GetValue(JsonOut) is { } output)
        {
            await File.WriteAllTextAsync(output, JsonSerializer.Serialize(runs, Indented), ct);
        }

        return 0;
    }

    /// <summary>Creates a new file at <paramref name="path"/> and lets <paramref name="writers"/> threads commit rows into it for <paramref name="duration"/>.</summary>
    public static RawRun Measure(string path, int writers, TimeSpan duration, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }

        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 30 }.ToString();
        using (var setup = Open(connectionString))
        {
            Execute(setup, """CREATE TABLE "Rows" ("Id" INTEGER PRIMARY KEY AUTOINCREMENT, "Title" TEXT NOT NULL, "CreatedAt" INTEGER NOT NULL)""");
        }

        long commits = 0;
        long busyRetries = 0;
        using var start = new Barrier(writers + 1);
        var stopAt = 0L;
        var threads = Enumerable.Range(0, writers).Select(writer => new Thread(() =>
        {
            using var connection = Open(connectionString);
            using var insert = connection.CreateCommand();
            insert.CommandText = """INSERT INTO "Rows" ("Title", "CreatedAt") VALUES ($title, $createdAt)""";
            var title = insert.Parameters.Add("$title", SqliteType.Text);
            var createdAt = insert.Parameters.Add("$createdAt", SqliteType.Integer);
            insert.Prepare();
            start.SignalAndWait(ct);
            for (var sequence = 0L; Stopwatch.GetTimestamp() < Volatile.Read(ref stopAt) && !ct.IsCancellationRequested; sequence++)
            {
                title.Value = string.Create(CultureInfo.InvariantCulture, $"Raw insert {writer}-{sequence}");
                createdAt.Value = DateTimeOffset.UtcNow.UtcTicks;
                try
                {
                    // Without an explicit transaction each INSERT is its own transaction and commit.
                    insert.ExecuteNonQuery();
                    Interlocked.Increment(ref commits);
                }
                catch (SqliteException e) when (e.SqliteErrorCode == 5)
                {
                    // SQLITE_BUSY after the 30 s busy timeout; the server would return an error here.
                    Interlocked.Increment(ref busyRetries);
                }
            }
        })).ToList();

        foreach (var thread in threads)
        {
            thread.Start();
        }

        var started = Stopwatch.GetTimestamp();
        Volatile.Write(ref stopAt, started + (long)(duration.TotalSeconds * Stopwatch.Frequency));
        start.SignalAndWait(ct);
        foreach (var thread in threads)
        {
            thread.Join();
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return new RawRun(writers, commits, seconds, commits / seconds, busyRetries);
    }

    internal static SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        Execute(connection, ServerPragmas);
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
