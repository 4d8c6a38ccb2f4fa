namespace Workdesk.Domain.Requests;

public enum WorkRequestStatus
{
    /// <summary>Submitted and waiting for triage.</summary>
    New,

    /// <summary>Approved into one or more work orders.</summary>
    Approved,

    /// <summary>Merged into an existing work order.</summary>
    Merged,

    /// <summary>Declined with a reason the requester can see.</summary>
    Declined,
}

/// <summary>Channel a request arrived through.</summary>
public enum RequestSource
{
    Portal,
    Api,
    Email,
    Phone,
    Import,
}

/// <summary>What a requester reported; a dispatcher turns it into work, merges it or declines it.</summary>
public sealed class WorkRequest : Common.IVersioned
{
    public long Id { get; set; }

    public required string Title { get; set; }

    public string? Description { get; set; }

    public WorkRequestStatus Status { get; set; }

    public RequestSource Source { get; set; }

    public string? Category { get; set; }

    public long? LocationId { get; set; }

    public long? AssetId { get; set; }

    /// <summary>The signed-in user who submitted it; null for imported or anonymous requests.</summary>
    public long? RequesterId { get; set; }

    public string? ContactName { get; set; }

    public string? ContactEmail { get; set; }

    public string? ContactPhone { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public string? DeclineReason { get; set; }

    /// <summary>The work order it was merged into, or the first one it was approved into.</summary>
    public long? WorkOrderId { get; set; }

    public long? DecidedById { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? ExternalId { get; set; }

    /// <summary>Secret in the requester's status page link, which works without an account; unique.</summary>
    public string StatusToken { get; set; } = Common.RequestKeys.NewStatusToken();

    public DateTimeOffset CreatedAt { get; set; }

    public int Version { get; set; }
}
