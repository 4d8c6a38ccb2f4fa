namespace Workdesk.Domain.Notifications;

/// <summary>
/// A Message-ID that Workdesk received or sent, with the request or work order its conversation
/// belongs to. A reply names it in In-Reply-To or References and is filed there as a comment.
/// </summary>
public sealed class MailThread
{
    public long Id { get; set; }

    /// <summary>The Message-ID without angle brackets, such as "abc123@example.org"; unique.</summary>
    public required string MessageId { get; set; }

    public long? WorkRequestId { get; set; }

    public long? WorkOrderId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
