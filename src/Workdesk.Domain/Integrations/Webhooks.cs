namespace Workdesk.Domain.Integrations;

/// <summary>An integrator's endpoint that receives signed JSON events of the types it subscribed to.</summary>
public sealed class WebhookSubscription : Common.IVersioned
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public required string Url { get; set; }

    /// <summary>Key of the HMAC-SHA256 signature sent with every delivery.</summary>
    public required string Secret { get; set; }

    /// <summary>Subscribed event types as a JSON array, such as ["work_order.created"].</summary>
    public required string EventTypes { get; set; }

    public bool IsActive { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public int Version { get; set; }
}

/// <summary>
/// One event for one subscription. It is written in the same transaction as the change, then
/// delivered by a job with retries, and the row stays as the delivery log.
/// </summary>
public sealed class WebhookDelivery
{
    public long Id { get; set; }

    public long SubscriptionId { get; set; }

    public required string EventType { get; set; }

    public required string Payload { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset AvailableAt { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public int Attempts { get; set; }

    public int? LastStatusCode { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public DateTimeOffset? FailedAt { get; set; }
}

public static class WebhookEventTypes
{
    public const string WorkOrderCreated = "work_order.created";
    public const string WorkOrderStatusChanged = "work_order.status_changed";
    public const string WorkOrderAssigned = "work_order.assigned";
    public const string WorkOrderCompleted = "work_order.completed";
    public const string SlaAtRisk = "sla.at_risk";
    public const string SlaBreached = "sla.breached";
    public const string RequestReceived = "request.received";
    public const string CommentAdded = "comment.added";

    public static IReadOnlyList<string> All { get; } =
        [WorkOrderCreated, WorkOrderStatusChanged, WorkOrderAssigned, WorkOrderCompleted, SlaAtRisk, SlaBreached, RequestReceived, CommentAdded];
}
