using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Utils;
using Workdesk.Data;
using Workdesk.Domain.Notifications;
using Workdesk.Server.Hosting;

namespace Workdesk.Server.Features.Notifications;

/// <summary>The request or work order an email is about, so that a reply to it is filed there.</summary>
public readonly record struct MailThreadOwner(long? WorkRequestId = null, long? WorkOrderId = null);

/// <summary>
/// Queues emails in the outbox table as part of the caller's unit of work: the message is saved by
/// the same SaveChanges, and so the same transaction, as the change it reports.
/// </summary>
public sealed class EmailOutbox(WorkdeskDbContext db, IOptions<ServerSettings> settings, TimeProvider clock)
{
    public bool IsEnabled => settings.Value.Smtp.IsConfigured;

    /// <summary>
    /// Queues one email. With an <paramref name="thread"/> owner the Message-ID is chosen now and
    /// recorded, so email intake files a reply that names it as a comment on that owner.
    /// </summary>
    public void Queue(string? recipient, string subject, string body, MailThreadOwner? thread = null)
    {
        if (!IsEnabled || string.IsNullOrWhiteSpace(recipient))
        {
            return;
        }

        var now = clock.GetUtcNow();
        string? messageId = null;
        if (thread is { } owner)
        {
            messageId = MimeUtils.GenerateMessageId(SenderDomain());
            db.MailThreads.Add(new MailThread { MessageId = messageId, WorkRequestId = owner.WorkRequestId, WorkOrderId = owner.WorkOrderId, CreatedAt = now });
        }

        db.OutboxMessages.Add(new OutboxMessage
        {
            Channel = OutboxMessage.EmailChannel,
            Recipient = recipient.Trim(),
            Subject = subject,
            Body = body,
            MessageId = messageId,
            CreatedAt = now,
            AvailableAt = now,
        });
    }

    private string SenderDomain() =>
        MailboxAddress.TryParse(settings.Value.Smtp.From, out var from) && from.Domain is { Length: > 0 } domain ? domain : "workdesk.localhost";
}
