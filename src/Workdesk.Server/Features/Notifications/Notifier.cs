using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Notifications;

namespace Workdesk.Server.Features.Notifications;

/// <summary>One notification for staff: the event, the values of its template's placeholders, and the work order it is about.</summary>
public sealed record NotificationMessage(string EventType, IReadOnlyDictionary<string, string?> Values, long? WorkOrderId);

/// <summary>
/// Notifies staff users through the channel each one chose for the event: an in-app notification,
/// an email as well, a line in the daily digest, or nothing. The text comes from the event's email
/// template. Everything is added to the caller's unit of work, so it commits or rolls back with the
/// change it reports.
/// </summary>
public sealed class Notifier(WorkdeskDbContext db, EmailOutbox outbox, EmailTemplates templates, TimeProvider clock)
{
    private const int MaxTitleLength = 300;
    private const int MaxBodyLength = 4000;

    /// <summary>Notifies each active user once, however often the id appears; inactive and unknown ids are skipped.</summary>
    public async Task NotifyAsync(IEnumerable<long> userIds, NotificationMessage message, CancellationToken ct)
    {
        var ids = userIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return;
        }

        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.IsActive).Select(u => new { u.Id, u.Email }).ToListAsync(ct);
        var chosen = await db.NotificationPreferences.AsNoTracking()
            .Where(p => ids.Contains(p.UserId) && p.EventType == message.EventType)
            .ToDictionaryAsync(p => p.UserId, p => p.Channel, ct);
        var fallback = NotificationEvents.Defaults.GetValueOrDefault(message.EventType, NotificationChannel.InApp);
        var email = await templates.RenderAsync(message.EventType, message.Values, ct);
        var now = clock.GetUtcNow();
        foreach (var user in users)
        {
            var channel = chosen.GetValueOrDefault(user.Id, fallback);
            if (channel == NotificationChannel.Off)
            {
                continue;
            }

            db.Notifications.Add(new Notification
            {
                UserId = user.Id,
                EventType = message.EventType,
                Title = Shorten(email.Subject, MaxTitleLength),
                Body = Shorten(email.Body, MaxBodyLength),
                WorkOrderId = message.WorkOrderId,
                CreatedAt = now,
                InDigest = channel == NotificationChannel.Digest,
            });
            if (channel == NotificationChannel.Email)
            {
                outbox.Queue(user.Email, email.Subject, email.Body, message.WorkOrderId is { } workOrderId ? new MailThreadOwner(WorkOrderId: workOrderId) : null);
            }
        }
    }

    private static string Shorten(string text, int maxLength) =>
        text.Length > maxLength ? text[..(maxLength - 3)] + "..." : text;
}
