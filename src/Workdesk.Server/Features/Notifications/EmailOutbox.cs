using Microsoft.Extensions.Options;
using Workdesk.Data;
using Workdesk.Domain.Notifications;
using Workdesk.Server.Hosting;

namespace Workdesk.Server.Features.Notifications;

/// <summary>
/// Queues emails in the outbox table as part of the caller's unit of work: the message is saved by
/// the same SaveChanges, and so the same transaction, as the change it reports.
/// </summary>
public sealed class EmailOutbox(WorkdeskDbContext db, IOptions<ServerSettings> settings, TimeProvider clock)
{
    public bool IsEnabled => settings.Value.Smtp.IsConfigured;

    public void Queue(string? recipient, string subject, string body)
    {
        if (!IsEnabled || string.IsNullOrWhiteSpace(recipient))
        {
            return;
        }

        var now = clock.GetUtcNow();
        db.OutboxMessages.Add(new OutboxMessage
        {
            Channel = OutboxMessage.EmailChannel,
            Recipient = recipient.Trim(),
            Subject = subject,
            Body = body,
            CreatedAt = now,
            AvailableAt = now,
        });
    }
}
