namespace Workdesk.Domain.Notifications;

/// <summary>
/// An outbound effect (an email today) written in the same transaction as the change that causes
/// it, and delivered later by a job, so a crash between the two loses nothing.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>What kind of delivery this is, such as "email".</summary>
    public required string Channel { get; set; }

    /// <summary>Where it goes: an email address for the email channel.</summary>
    public required string Recipient { get; set; }

    public required string Subject { get; set; }

    public required string Body { get; set; }

    /// <summary>The Message-ID to send, recorded so that replies thread back; null lets the mail library choose one.</summary>
    public string? MessageId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Earliest time of the next delivery attempt; pushed back after each failure.</summary>
    public DateTimeOffset AvailableAt { get; set; }

    /// <summary>Until when one node has claimed the message for delivery, so that only that node sends it.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Set when the message was given up after too many failed attempts.</summary>
    public DateTimeOffset? FailedAt { get; set; }

    public const string EmailChannel = "email";
}
