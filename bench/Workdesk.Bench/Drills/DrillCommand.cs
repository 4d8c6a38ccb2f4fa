using System.CommandLine;
using System.CommandLine.Parsing;
using Npgsql;
using Workdesk.Bench.Load;
using Workdesk.Data;

namespace Workdesk.Bench.Drills;

/// <summary>
/// `workdesk-bench drill`: starts the server as a child process on 127.0.0.1 and runs the
/// durability and concurrency drills against it. Exits with 0 only when every check passed.
/// </summary>
internal static class DrillCommand
{
    public const string Kill = "kill";
    public const string Idempotency = "idempotency";
    public const string IfMatch = "if-match";
    public static readonly string[] All = [Kill, Idempotency, IfMatch];

    private static readonly Option<string> DrillNames = new("--drills")
    {
        Description = $"Comma-separated drills to run in order: {string.Join(", ", All)} (default: all).",
        DefaultValueFactory = _ => string.Join(',', All),
    };

    private static readonly Option<string> DataDirectory = new("--data-dir")
    {
        Description = "The server's data folder; with SQLite the database is DATA_DIR/workdesk.db, such as one written by `generate`.",
        Required = true,
    };

    private static readonly Option<string> DatabaseOption = new Option<string>("--database")
    {
        Description = "Database provider: sqlite or postgres.",
        DefaultValueFactory = _ => "sqlite",
    }.AcceptOnlyFromAmong("sqlite", "postgres");

    private static readonly Option<string?> ConnectionString = new("--connection-string")
    {
        Description = "PostgreSQL connection string, required for postgres. Its host must be 127.0.0.1, ::1 or localhost.",
    };

    private static readonly Option<string> ServerDll = new("--server-dll")
    {
        Description = "The built server program to start.",
        DefaultValueFactory = _ => "src/Workdesk.Server/bin/Release/net10.0/workdesk.dll",
    };

    private static readonly Option<string> TokenFile = new("--token-file")
    {
        Description = "File whose first line is the API token of an administrator, as written by `generate --token-file`.",
        Required = true,
    };

    private static readonly Option<int> Clients = new("--clients")
    {
        Description = "Concurrent clients of the kill and idempotency drills (1 to 256).",
        DefaultValueFactory = _ => 16,
    };

    private static readonly Option<TimeSpan> KillAfter = new("--kill-after")
    {
        Description = "How long the create load runs before the kill drill sends SIGKILL, such as 10s. If no create was acknowledged by then, the kill waits for the first one (at most 60 s).",
        DefaultValueFactory = _ => TimeSpan.FromSeconds(10),
        CustomParser = ParseDuration,
    };

    private static readonly Option<int> Creates = new("--creates")
    {
        Description = "Keys the idempotency drill creates work orders with; every tenth is sent twice.",
        DefaultValueFactory = _ => 1_000,
    };

    private static readonly Option<int> Updaters = new("--updaters")
    {
        Description = "Clients of the If-Match drill that update one work order at the same time (2 to 256).",
        DefaultValueFactory = _ => 50,
    };

    public static Command Create()
    {
        var command = new Command("drill", "Kills the server during creates, repeats creates with one Idempotency-Key, and races If-Match updates; checks that nothing is lost or duplicated.");
        foreach (var option in new Option[] { DrillNames, DataDirectory, DatabaseOption, ConnectionString, ServerDll, TokenFile, Clients, KillAfter, Creates, Updaters })
        {
            command.Options.Add(option);
        }

        command.SetAction(RunAsync);
        return command;
    }

    /// <summary>Returns null when the connection string names a loopback host, or else the problem.</summary>
    public static string? CheckLoopbackDatabase(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            return $"--connection-string is invalid: {e.Message}";
        }

        var hosts = (builder.Host ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (hosts.Length == 0)
        {
            return "--connection-string has no Host; use Host=127.0.0.1.";
        }

        foreach (var host in hosts)
        {
            if (host is not ("127.0.0.1" or "::1" or "[::1]" or "localhost"))
            {
                return $"--connection-string Host '{host}' is not on this machine; the drills only run against 127.0.0.1, ::1 or localhost.";
            }
        }

        return null;
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
        var errors = new List<string>();
        var names = parse.GetValue(DrillNames)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var unknown in names.Where(n => !All.Contains(n)))
        {
            errors.Add($"--drills: '{unknown}' is unknown; use {string.Join(", ", All)}.");
        }

        var clients = parse.GetValue(Clients);
        if (clients is < 1 or > LoadCommand.MaxClients)
        {
            errors.Add($"--clients must be between 1 and {LoadCommand.MaxClients}; got {clients}.");
        }

        var updaters = parse.GetValue(Updaters);
        if (updaters is < 2 or > LoadCommand.MaxClients)
        {
            errors.Add($"--updaters must be between 2 and {LoadCommand.MaxClients}; got {updaters}.");
        }

        var creates = parse.GetValue(Creates);
        if (creates < 10)
        {
            errors.Add($"--creates must be 10 or more, so that some keys are repeated; got {creates}.");
        }

        var dataDirectory = Path.GetFullPath(parse.GetValue(DataDirectory)!);
        DatabaseSettings? database = null;
        if (parse.GetValue(DatabaseOption) == "postgres")
        {
            var connectionString = parse.GetValue(ConnectionString);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                errors.Add("--database postgres needs --connection-string, such as \"Host=127.0.0.1;Database=workdesk_bench;Username=workdesk\".");
            }
            else if (CheckLoopbackDatabase(connectionString) is { } problem)
            {
                errors.Add(problem);
            }
            else
            {
                database = new DatabaseSettings(DatabaseProvider.Postgres, connectionString);
            }
        }
        else if (!File.Exists(Path.Combine(dataDirectory, "workdesk.db")))
        {
            errors.Add($"--data-dir: '{dataDirectory}' has no workdesk.db; generate one with `generate --sqlite-file {Path.Combine(dataDirectory, "workdesk.db")}`.");
        }
        else
        {
            database = DatabaseSettings.ForSqliteFile(Path.Combine(dataDirectory, "workdesk.db"));
        }

        var tokenFile = parse.GetValue(TokenFile)!;
        var token = File.Exists(tokenFile) ? (await File.ReadAllLinesAsync(tokenFile, ct)).FirstOrDefault()?.Trim() : null;
        if (string.IsNullOrEmpty(token))
        {
            errors.Add($"--token-file '{tokenFile}' does not exist or is empty.");
        }

        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                await Console.Error.WriteLineAsync("error: " + error);
            }

            return 2;
        }

        var launch = new ServerLaunch(Path.GetFullPath(parse.GetValue(ServerDll)!), dataDirectory, database!, Path.Combine(dataDirectory, "drill-server.log"));
        var results = new List<DrillResult>();
        try
        {
            foreach (var name in names)
            {
                results.Add(await RunOneAsync(name, launch, token!, clients, parse.GetValue(KillAfter), creates, updaters, Console.Out, ct));
                await results[^1].WriteAsync(Console.Out);
            }
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TimeoutException)
        {
            await Console.Error.WriteLineAsync($"error: the drill failed to run: {e.Message}");
            return 1;
        }

        return results.All(r => r.Passed) ? 0 : 1;
    }

    /// <summary>Runs one drill. The kill drill starts and kills its own servers; the others share one server.</summary>
    public static async Task<DrillResult> RunOneAsync(
        string name, ServerLaunch launch, string token, int clients, TimeSpan killAfter, int creates, int updaters, TextWriter output, CancellationToken ct)
    {
        if (name == Kill)
        {
            return await KillDrill.RunAsync(launch, token, clients, killAfter, output, ct);
        }

        await using var server = await ServerProcess.StartAsync(launch, TimeSpan.FromSeconds(120), ct);
        using var client = KillDrill.CreateClient(server.BaseAddress, token, Math.Max(clients, updaters));
        return name == Idempotency
            ? await IdempotencyDrill.RunAsync(client, creates, clients, output, ct)
            : await IfMatchDrill.RunAsync(client, updaters, output, ct);
    }
}
