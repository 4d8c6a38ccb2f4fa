using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Workdesk.Data;
using Workdesk.Server.Features.Maintenance;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests;

public abstract class MaintenanceJobTests(WorkdeskApp app)
{
    [Fact]
    public async Task IdempotencyCleanup_DeletesOnlyExpiredRecords()
    {
        var admin = await app.CreateAdminAsync();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();
        var now = DateTimeOffset.UtcNow;
        var oldKey = "old-" + Guid.NewGuid();
        var freshKey = "fresh-" + Guid.NewGuid();
        foreach (var (key, age) in new[] { (oldKey, TimeSpan.FromDays(8)), (freshKey, TimeSpan.FromDays(1)) })
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                UserId = admin.Id, Key = key, Operation = "POST /test", RequestHash = new string('0', 64),
                StatusCode = 201, ResponseBody = "{}", CreatedAt = now - age,
            });
        }

        await db.SaveChangesAsync();

        var job = new IdempotencyCleanupJob(db, TimeProvider.System, NullLogger<IdempotencyCleanupJob>.Instance);
        await job.Execute(null!, CancellationToken.None);
        await job.Execute(null!, CancellationToken.None);
        var left = await db.IdempotencyRecords.Where(r => r.Key == oldKey || r.Key == freshKey).Select(r => r.Key).ToListAsync();

        Assert.Equal([freshKey], left);
    }
}

public sealed class MaintenanceJobSqliteTests(SqliteApp app) : MaintenanceJobTests(app), IClassFixture<SqliteApp>;

public sealed class MaintenanceJobPostgresTests(PostgresApp app) : MaintenanceJobTests(app), IClassFixture<PostgresApp>;
