using System.CommandLine;
using Workdesk.Server.Hosting;

namespace Workdesk.Server.Cli;

/// <summary>The `workdesk` command: serve (the default), migrate, user, import, export and config.</summary>
public static class CommandLine
{
    public static readonly Option<string?> DataDirectory = new("--data-dir")
    {
        Description = "Folder for the SQLite database and attachments (default: ./data).",
        Recursive = true,
    };

    public static readonly Option<string?> DatabaseProvider = new("--database")
    {
        Description = "Database provider: sqlite (default) or postgres.",
        Recursive = true,
    };

    public static readonly Option<string?> ConnectionString = new("--connection-string")
    {
        Description = "Database connection string; required for postgres, optional for sqlite.",
        Recursive = true,
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Workdesk: work orders, requests, assets and locations in one self-hosted server.");
        root.Options.Add(DataDirectory);
        root.Options.Add(DatabaseProvider);
        root.Options.Add(ConnectionString);

        var serve = ServeCommand.Create();
        root.Subcommands.Add(serve);
        root.Subcommands.Add(MigrateCommand.Create());
        root.Subcommands.Add(UserCommands.Create());
        root.Subcommands.Add(ConfigCommands.Create());
        foreach (var command in DataCommands.Create())
        {
            root.Subcommands.Add(command);
        }

        // With no command, or only options that the host understands, `workdesk` serves.
        root.TreatUnmatchedTokensAsErrors = false;
        root.SetAction((result, ct) => ServeCommand.RunAsync(result, ct));
        try
        {
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.Net.Sockets.SocketException or Npgsql.NpgsqlException)
        {
            // Set-up problems (a wrong setting, a port in use, an unreachable database) get one
            // line that explains what to do, not a stack trace.
            await Console.Error.WriteLineAsync("error: " + Explain(e));
            return 1;
        }
    }

    private static string Explain(Exception error)
    {
        var innermost = error;
        while (innermost.InnerException is not null && innermost is not Npgsql.NpgsqlException)
        {
            innermost = innermost.InnerException;
        }

        if (error is IOException && error.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            return error.Message + " Is Workdesk already running? Stop it, or choose another address with --urls.";
        }

        return innermost is Npgsql.NpgsqlException or System.Net.Sockets.SocketException
            ? $"the database could not be reached: {innermost.Message} Check --connection-string and that the server runs."
            : error.Message;
    }

    /// <summary>Turns the global options into configuration overrides for the "Workdesk" section.</summary>
    public static string[] ConfigurationArguments(ParseResult result)
    {
        var overrides = new List<string>();
        Add(overrides, "DataDirectory", result.GetValue(DataDirectory));
        Add(overrides, "Database:Provider", result.GetValue(DatabaseProvider));
        Add(overrides, "Database:ConnectionString", result.GetValue(ConnectionString));
        return [.. overrides];
    }

    private static void Add(List<string> overrides, string key, string? value)
    {
        if (value is not null)
        {
            overrides.Add($"--{ServerSettings.Section}:{key}={value}");
        }
    }
}
