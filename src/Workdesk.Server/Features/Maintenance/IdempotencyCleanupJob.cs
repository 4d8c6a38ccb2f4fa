using Microsoft.EntityFrameworkCore;
using Quartz;
using Workdesk.Data;

namespace Workdesk.Server.Features.Maintenance;

/// <summary>
/// Deletes stored idempotency outcomes older than the retry window. One set-based DELETE, so it
/// is safe to run on every node at once: a second run finds nothing left to delete.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class IdempotencyCleanupJob(WorkdeskDbContext db, TimeProvider clock, ILogger<IdempotencyCleanupJob> logger) : IJob
{
    /// <summary>How long a client may retry a create with the same Idempotency-Key.</summary>
    public static readonly TimeSpan RetryWindow = TimeSpan.FromDays(7);

    public static readonly JobKey Key = new("idempotency-cleanup", "maintenance");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - RetryWindow;
        var deleted = await db.IdempotencyRecords.Where(r => r.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            LogDeleted(logger, deleted, cutoff);
        }
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "Deleted {Count} idempotency records created before {Cutoff}")]
    private static partial void LogDeleted(ILogger logger, int count, DateTimeOffset cutoff);
}
