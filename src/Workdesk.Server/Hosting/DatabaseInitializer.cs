using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.People;

namespace Workdesk.Server.Hosting;

/// <summary>
/// Brings the database up to the current schema before the server takes requests, and creates the
/// first administrator when there are no users yet.
/// </summary>
public sealed partial class DatabaseInitializer(IServiceProvider services, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public const string FirstAdminEmail = "admin@workdesk.local";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();
        await MigrateAsync(db, logger, cancellationToken);

        var password = await CreateFirstAdministratorAsync(db, scope.ServiceProvider.GetRequiredService<IPasswordHasher<User>>(),
            scope.ServiceProvider.GetRequiredService<TimeProvider>(), cancellationToken);
        if (password is not null)
        {
            // The console is the only place this password ever appears; it is not written to the log sinks.
            Console.WriteLine();
            Console.WriteLine($"  First start: created the administrator {FirstAdminEmail}");
            Console.WriteLine($"  Initial password: {password}");
            Console.WriteLine("  It stays valid until an administrator changes it; `workdesk user add` creates more users.");
            Console.WriteLine();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static async Task MigrateAsync(WorkdeskDbContext db, ILogger logger, CancellationToken ct)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
        {
            LogMigrating(logger, pending.Count, string.Join(", ", pending));
            await db.Database.MigrateAsync(ct);
        }

        var repaired = await Features.Assets.AssetTree.RepairPathsAsync(db, ct);
        if (repaired > 0)
        {
            LogRepairedPaths(logger, repaired);
        }
    }

    /// <summary>Creates the first administrator and returns its password, or null when users exist.</summary>
    public static async Task<string?> CreateFirstAdministratorAsync(
        WorkdeskDbContext db, IPasswordHasher<User> hasher, TimeProvider clock, CancellationToken ct)
    {
        if (await db.Users.AnyAsync(ct))
        {
            return null;
        }

        var password = NewPassword();
        var admin = new User
        {
            Email = FirstAdminEmail,
            DisplayName = "Administrator",
            Role = Role.Administrator,
            CreatedAt = clock.GetUtcNow(),
        };
        admin.PasswordHash = hasher.HashPassword(admin, password);
        db.Users.Add(admin);
        await db.SaveChangesAsync(ct);
        return password;
    }

    /// <summary>Creates a random 20-character password from letters and digits that are easy to read.</summary>
    public static string NewPassword() =>
        RandomNumberGenerator.GetString("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Set the tree paths of {Count} assets that had none")]
    private static partial void LogRepairedPaths(ILogger logger, int count);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Applying {Count} database migrations: {Migrations}")]
    private static partial void LogMigrating(ILogger logger, int count, string migrations);
}
