namespace Workdesk.Domain.Notifications;

/// <summary>An in-app notification for one user, shown until it is marked read.</summary>
public sealed class Notification
{
    public long Id { get; set; }

    public long UserId { get; set; }

    /// <summary>The event that caused it, such as "sla.escalated".</summary>
    public required string EventType { get; set; }

    public required string Title { get; set; }

    public string? Body { get; set; }

    public long? WorkOrderId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ReadAt { get; set; }

    /// <summary>Whether the daily digest should include it; the digest job sets <see cref="DigestedAt"/> once sent.</summary>
    public bool InDigest { get; set; }

    public DateTimeOffset? DigestedAt { get; set; }
}

/// <summary>How a user wants to hear about one kind of event.</summary>
public enum NotificationChannel
{
    /// <summary>Shown in the app's notification list.</summary>
    InApp,

    /// <summary>Sent as an email right away, and shown in the app.</summary>
    Email,

    /// <summary>Shown in the app and collected into one email a day.</summary>
    Digest,

    Off,
}

/// <summary>One user's choice of channel for one event type; events without a row use their default.</summary>
public sealed class NotificationPreference
{
    public long UserId { get; set; }

    public required string EventType { get; set; }

    public NotificationChannel Channel { get; set; }
}

/// <summary>
/// An administrator's wording of one email, replacing the built-in default for its event. Subject
/// and body contain placeholders such as {{title}} that are filled in when the email is sent.
/// </summary>
public sealed class EmailTemplate : Common.IVersioned
{
    /// <summary>The event the email is sent for, such as "request.received"; the key.</summary>
    public required string EventType { get; set; }

    public required string Subject { get; set; }

    public required string Body { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int Version { get; set; }
}
