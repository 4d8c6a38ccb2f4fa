using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Quartz;
using Workdesk.Data;

namespace Workdesk.Server.Features.Notifications;

/// <summary>
/// Sends each user who chose the digest one email with the notifications collected since the last
/// one. Each user's notifications are claimed with a conditional UPDATE in the same transaction as
/// the queued email, so when two nodes run the job at once every line is sent once.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class DigestJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DigestJob> logger) : IJob
{
    public static readonly JobKey Key = new("notification-digest", "notifications");
    private const int MaxUsersPerRun = 1000;
    private const int MaxItemsPerDigest = 200;

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => new(SendDigestsAsync(cancellationToken));

    /// <summary>Queues the digest emails and returns how many were queued.</summary>
    public async Task<int> SendDigestsAsync(CancellationToken ct)
    {
        List<long> userIds;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();
            userIds = await db.Notifications.AsNoTracking()
                .Where(n => n.InDigest && n.DigestedAt == null)
                .Select(n => n.UserId).Distinct().OrderBy(id => id).Take(MaxUsersPerRun)
                .ToListAsync(ct);
        }

        var sent = 0;
        foreach (var userId in userIds)
        {
            if (await SendDigestAsync(userId, ct))
            {
                sent++;
            }
        }

        if (sent > 0)
        {
            LogSent(logger, sent);
        }

        return sent;
    }

    private async Task<bool> SendDigestAsync(long userId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var items = await db.Notifications.AsNoTracking()
            .Where(n => n.UserId == userId && n.InDigest && n.DigestedAt == null)
            .OrderBy(n => n.Id).Take(MaxItemsPerDigest)
            .Select(n => new { n.Id, n.Title, n.CreatedAt })
            .ToListAsync(ct);
        var ids = items.Select(i => i.Id).ToList();
        var now = clock.GetUtcNow();
        var claimed = await db.Notifications.Where(n => ids.Contains(n.Id) && n.DigestedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.DigestedAt, now), ct);
        if (items.Count == 0 || claimed != items.Count)
        {
            await transaction.RollbackAsync(ct);
            LogClaimedElsewhere(logger, userId);
            return false;
        }

        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Email, u.DisplayName, u.IsActive }).SingleAsync(ct);
        if (user.IsActive)
        {
            var lines = new StringBuilder();
            foreach (var item in items)
            {
                lines.Append(CultureInfo.InvariantCulture, $"- {item.CreatedAt.ToUniversalTime():yyyy-MM-dd HH:mm} UTC  {item.Title}\n");
            }

            var email = await scope.ServiceProvider.GetRequiredService<EmailTemplates>().RenderAsync(TemplateCatalog.Digest, new Dictionary<string, string?>
            {
                ["count"] = items.Count.ToString(CultureInfo.InvariantCulture),
                ["items"] = lines.ToString(),
                ["userName"] = user.DisplayName,
            }, ct);
            scope.ServiceProvider.GetRequiredService<EmailOutbox>().Queue(user.Email, email.Subject, email.Body);
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return true;
    }

    [LoggerMessage(EventId = 70, Level = LogLevel.Information, Message = "Queued {Count} notification digests")]
    private static partial void LogSent(ILogger logger, int count);

    [LoggerMessage(EventId = 71, Level = LogLevel.Information, Message = "The digest of user {UserId} was sent by another run; skipped")]
    private static partial void LogClaimedElsewhere(ILogger logger, long userId);
}
