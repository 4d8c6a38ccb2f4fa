using Microsoft.EntityFrameworkCore;
using Quartz;
using Workdesk.Data;
using Workdesk.Domain.Notifications;

namespace Workdesk.Server.Features.Notifications;

/// <summary>
/// Delivers due outbox messages. Each message is first claimed with a conditional UPDATE, so when
/// several nodes run this job at once, each message is sent by one of them; a failed send is tried
/// again later with a growing delay, up to <see cref="MaxAttempts"/> times.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class OutboxDeliveryJob(
    WorkdeskDbContext db, SmtpEmailSender sender, TimeProvider clock, ILogger<OutboxDeliveryJob> logger) : IJob
{
    public const int MaxAttempts = 8;
    public const int BatchSize = 50;
    public static readonly JobKey Key = new("outbox-delivery", "notifications");
    private static readonly TimeSpan ClaimDuration = TimeSpan.FromMinutes(2);

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        new(DeliverDueAsync(cancellationToken));

    /// <summary>Sends every due message once; returns how many were sent.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.SentAt == null && m.FailedAt == null && m.AvailableAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.AvailableAt).ThenBy(m => m.Id)
            .Take(BatchSize)
            .ToListAsync(ct);
        var sent = 0;
        foreach (var message in due)
        {
            if (await ClaimAsync(message.Id, now, ct) && await DeliverAsync(message, ct))
            {
                sent++;
            }
        }

        return sent;
    }

    private async Task<bool> ClaimAsync(long id, DateTimeOffset now, CancellationToken ct)
    {
        var until = now + ClaimDuration;
        var claimed = await db.OutboxMessages
            .Where(m => m.Id == id && m.SentAt == null && (m.LockedUntil == null || m.LockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, until), ct);
        return claimed == 1;
    }

    private async Task<bool> DeliverAsync(OutboxMessage message, CancellationToken ct)
    {
        try
        {
            await sender.SendAsync(message.Recipient, message.Subject, message.Body, ct, message.MessageId);
        }
        catch (Exception e) when (e is IOException or MailKit.ProtocolException or MailKit.Net.Smtp.SmtpCommandException
            or MailKit.Security.AuthenticationException or System.Net.Sockets.SocketException or TimeoutException or MimeKit.ParseException)
        {
            await RecordFailureAsync(message, e, ct);
            return false;
        }

        var sentAt = clock.GetUtcNow();
        await db.OutboxMessages.Where(m => m.Id == message.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, sentAt).SetProperty(m => m.Attempts, message.Attempts + 1), ct);
        LogSent(logger, message.Id);
        return true;
    }

    private async Task RecordFailureAsync(OutboxMessage message, Exception error, CancellationToken ct)
    {
        var attempts = message.Attempts + 1;
        var now = clock.GetUtcNow();

        // 1, 2, 4, ... minutes between attempts; after the last one the message is given up.
        var retryAt = now + TimeSpan.FromMinutes(Math.Pow(2, attempts - 1));
        DateTimeOffset? failedAt = attempts >= MaxAttempts ? now : null;
        var described = error is MailKit.Net.Smtp.SmtpCommandException smtp ? $"SMTP {(int)smtp.StatusCode}: {smtp.Message}" : error.Message;
        var reason = described.Length > 2000 ? described[..2000] : described;
        await db.OutboxMessages.Where(m => m.Id == message.Id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.AvailableAt, retryAt)
            .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
            .SetProperty(m => m.LastError, reason)
            .SetProperty(m => m.FailedAt, failedAt), ct);
        LogFailed(logger, error, message.Id, attempts, MaxAttempts);
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "Sent outbox message {MessageId}")]
    private static partial void LogSent(ILogger logger, long messageId);

    [LoggerMessage(EventId = 41, Level = LogLevel.Warning, Message = "Sending outbox message {MessageId} failed (attempt {Attempt} of {MaxAttempts})")]
    private static partial void LogFailed(ILogger logger, Exception exception, long messageId, int attempt, int maxAttempts);
}
