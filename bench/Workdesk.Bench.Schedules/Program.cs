using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Workdesk.Data;
using Workdesk.Domain.Assets;
using Workdesk.Domain.Maintenance;
using Workdesk.Server.Features.Schedules;
using Workdesk.Server.Hosting;

namespace Workdesk.Bench.Schedules;

/// <summary>
/// Measures how long the generation job takes to create the work of N due schedules: it seeds N
/// assets with one daily calendar schedule each, all due, then runs the generator once and
/// reports the time and the rate. Usage:
///   workdesk-bench-schedules [--schedules N] [--data-dir DIR] [--provider sqlite|postgres] [--connection-string CS]
/// </summary>
internal static class BenchSchedulesProgram
{
    public static async Task<int> Main(string[] args)
    {
        var options = ParseOptions(args);
        var count = int.Parse(options.GetValueOrDefault("schedules", "100000"), CultureInfo.InvariantCulture);
        var dataDir = options.GetValueOrDefault("data-dir") ?? Directory.CreateTempSubdirectory("workdesk-bench-pm-").FullName;
        var settings = new List<string>
        {
            "--Workdesk:DataDirectory=" + dataDir,
            "--Workdesk:Database:Provider=" + options.GetValueOrDefault("provider", "sqlite"),
            "--Workdesk:Schedules:GenerateEverySeconds=0",
            "--Serilog:MinimumLevel:Default=Warning",
        };
        if (options.GetValueOrDefault("connection-string") is { } connection)
        {
            settings.Add("--Workdesk:Database:ConnectionString=" + connection);
        }

        var app = WebApp.Build([.. settings]);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();
            await DatabaseInitializer.MigrateAsync(db, NullLogger.Instance, CancellationToken.None);
            var seed = Stopwatch.StartNew();
            await SeedAsync(db, count);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {count} assets and schedules in {seed.Elapsed.TotalSeconds:F1} s"));
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var generator = scope.ServiceProvider.GetRequiredService<ScheduleGenerator>();
            var now = DateTimeOffset.UtcNow;
            var run = Stopwatch.StartNew();
            var result = await generator.GenerateAsync(now, null, CancellationToken.None);
            run.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"generated: {result.Created} work orders from {result.Schedules} schedules in {run.Elapsed.TotalSeconds:F1} s, {result.Created / run.Elapsed.TotalSeconds:F0} per second"));

            var again = Stopwatch.StartNew();
            var rerun = await generator.GenerateAsync(now, null, CancellationToken.None);
            again.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"re-run: {rerun.Created} created, {rerun.DuplicatesAvoided} duplicates found, in {again.Elapsed.TotalSeconds:F1} s"));
        }

        return 0;
    }

    /// <summary>Inserts the assets and their schedules in batches; each schedule is due at 06:00 UTC today.</summary>
    private static async Task SeedAsync(WorkdeskDbContext db, int count)
    {
        const int batch = 5000;
        var now = DateTimeOffset.UtcNow;
        var startsAt = now.UtcDateTime.Date.AddHours(now.UtcDateTime.Hour >= 6 ? 6 : -18);
        for (var offset = 0; offset < count; offset += batch)
        {
            var size = Math.Min(batch, count - offset);
            var assets = Enumerable.Range(offset, size)
                .Select(i => new Asset { Tag = string.Create(CultureInfo.InvariantCulture, $"PMB-{i:D7}"), Name = "Bench pump", CreatedAt = now, Path = "/" })
                .ToList();
            db.Assets.AddRange(assets);
            await db.SaveChangesAsync();
            db.MaintenanceSchedules.AddRange(assets.Select(a => new MaintenanceSchedule
            {
                Name = "Daily round", Trigger = ScheduleTrigger.Calendar, Rule = "FREQ=DAILY", StartsAt = startsAt, TimeZone = "UTC",
                EstimatedHours = 0.5, CreatedAt = now, UpdatedAt = now, Assets = [new ScheduleAsset { AssetId = a.Id }],
            }));
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
    }

    private static Dictionary<string, string> ParseOptions(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument \"{args[i]}\"; options take the form --name value.");
            }

            options[args[i][2..]] = args[i + 1];
        }

        return options;
    }
}
