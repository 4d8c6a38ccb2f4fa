using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Serilog;
using Workdesk.Data;
using Workdesk.Server.Hosting;

namespace Workdesk.Server.Cli;

/// <summary>
/// Builds the services a command needs without starting the web server, with the same
/// configuration sources as `serve` and the database migrated to the current schema.
/// </summary>
public static class CliServices
{
    public static Task<ServiceProvider> CreateAsync(ParseResult result, CancellationToken ct) =>
        CreateAsync(
            new ConfigurationBuilder()
                .SetBasePath(AppContext.BaseDirectory)
                .AddJsonFile("appsettings.json", optional: true)
                .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
                .AddEnvironmentVariables()
                .AddCommandLine(CommandLine.ConfigurationArguments(result))
                .Build(),
            ct);

    /// <summary>Builds the services of a command from configuration that is already read.</summary>
    public static async Task<ServiceProvider> CreateAsync(IConfiguration configuration, CancellationToken ct)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.AddSerilog(new LoggerConfiguration()
            .MinimumLevel.Warning()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture, standardErrorFromLevel: Serilog.Events.LogEventLevel.Verbose)
            .CreateLogger(), dispose: true));
        WebApp.AddCoreServices(services, configuration);
        var provider = services.BuildServiceProvider();

        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();
        await DatabaseInitializer.MigrateAsync(db, scope.ServiceProvider.GetRequiredService<ILogger<ServerSettings>>(), ct);
        return provider;
    }
}
