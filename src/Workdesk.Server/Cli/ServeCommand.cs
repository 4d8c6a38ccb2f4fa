using System.CommandLine;
using Workdesk.Data;
using Workdesk.Server.Hosting;

namespace Workdesk.Server.Cli;

public static class ServeCommand
{
    private static readonly Option<string?> Urls = new("--urls")
    {
        Description = $"Addresses to listen on, separated by ';' (default: {WebApp.DefaultUrl}).",
    };

    public static Command Create()
    {
        var command = new Command("serve", "Runs the server: the API, the web pages and the background jobs (the default command).");
        command.Options.Add(Urls);
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((result, ct) => RunAsync(result, ct));
        return command;
    }

    public static async Task<int> RunAsync(ParseResult result, CancellationToken ct)
    {
        var hostArguments = new List<string>(CommandLine.ConfigurationArguments(result));
        hostArguments.AddRange(result.UnmatchedTokens);
        if (result.GetValue(Urls) is { } urls)
        {
            hostArguments.Add($"--urls={urls}");
        }

        var app = WebApp.Build([.. hostArguments]);
        // A category of its own, so that the start line shows even where ASP.NET Core's own
        // categories log only warnings.
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Workdesk.Server");
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            if (WebApp.IsGeneratingOpenApiDocument)
            {
                return;
            }

            var addresses = string.Join(", ", app.Urls);
            var database = app.Services.GetRequiredService<DatabaseSettings>();
            ServerLog.Started(logger, addresses, database.Describe());
        });
        await app.RunAsync(ct);
        return 0;
    }
}

internal static partial class ServerLog
{
    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Workdesk is listening on {Addresses}; data: {Database}")]
    public static partial void Started(ILogger logger, string addresses, string database);
}
