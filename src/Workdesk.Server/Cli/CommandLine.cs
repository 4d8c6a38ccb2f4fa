using System.CommandLine;
using Workdesk.Server.Hosting;

namespace Workdesk.Server.Cli;

/// <summary>The `workdesk` command: serve (the default), migrate, user, import and export.</summary>
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

    public static Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Workdesk: work orders, requests, assets and locations in one self-hosted server.");
        root.Options.Add(DataDirectory);
        root.Options.Add(DatabaseProvider);
        root.Options.Add(ConnectionString);

        var serve = ServeCommand.Create();
        root.Subcommands.Add(serve);
        root.Subcommands.Add(MigrateCommand.Create());
        root.Subcommands.Add(UserCommands.Create());
        foreach (var command in DataCommands.Create())
        {
            root.Subcommands.Add(command);
        }

        // With no command, or only options that the host understands, `workdesk` serves.
        root.TreatUnmatchedTokensAsErrors = false;
        root.SetAction((result, ct) => ServeCommand.RunAsync(result, ct));
        return root.Parse(args).InvokeAsync();
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
