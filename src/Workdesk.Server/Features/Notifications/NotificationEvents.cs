using Workdesk.Domain.Notifications;

namespace Workdesk.Server.Features.Notifications;

/// <summary>The events that notify staff, each with the channel used until a user picks another.</summary>
public static class NotificationEvents
{
    /// <summary>An escalation rule fired before a due time: the work order is at risk.</summary>
    public const string SlaAtRisk = "sla.at_risk";

    /// <summary>An escalation rule fired at a due time: the target was missed.</summary>
    public const string SlaBreached = "sla.breached";

    /// <summary>A work order reached an approval step that the user may decide.</summary>
    public const string ApprovalRequested = "approval.requested";

    public static IReadOnlyDictionary<string, NotificationChannel> Defaults { get; } = new Dictionary<string, NotificationChannel>(StringComparer.Ordinal)
    {
        [SlaAtRisk] = NotificationChannel.Email,
        [SlaBreached] = NotificationChannel.Email,
        [ApprovalRequested] = NotificationChannel.InApp,
    };
}
