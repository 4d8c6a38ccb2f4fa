namespace Workdesk.Domain.WorkOrders;

/// <summary>A note on a work order or on a request; internal notes are hidden from requesters and vendors.</summary>
public sealed class Comment
{
    public long Id { get; set; }

    public long? WorkOrderId { get; set; }

    public long? WorkRequestId { get; set; }

    public long? AuthorId { get; set; }

    public required string Body { get; set; }

    public bool IsInternal { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A file attached to a work order or request; the bytes live in the content-addressed store.</summary>
public sealed class Attachment
{
    public long Id { get; set; }

    public long? WorkOrderId { get; set; }

    public long? WorkRequestId { get; set; }

    /// <summary>The asset this document or photo belongs to, such as its manual.</summary>
    public long? AssetId { get; set; }

    /// <summary>The asset type this document belongs to; every asset of the type shows it.</summary>
    public long? AssetTypeId { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public long Size { get; set; }

    /// <summary>Hex SHA-256 of the content, which is also its key in the file store.</summary>
    public required string Sha256 { get; set; }

    public long? UploadedById { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// One append-only history entry: who changed what on which record, when, from which value to which.
/// </summary>
public sealed class Activity
{
    public long Id { get; set; }

    public required string EntityType { get; set; }

    public long EntityId { get; set; }

    public DateTimeOffset At { get; set; }

    public long? ActorId { get; set; }

    /// <summary>What happened, such as "created", "status_changed", "field_changed", "comment_added".</summary>
    public required string Action { get; set; }

    public string? Field { get; set; }

    public string? OldValue { get; set; }

    public string? NewValue { get; set; }

    public const string WorkOrderEntity = "work_order";
    public const string WorkRequestEntity = "work_request";
}
