namespace Workdesk.Server.Features.Notifications;

/// <summary>One email event with its default wording and the placeholders its template may use.</summary>
public sealed record TemplateDefinition(string EventType, string Description, string Subject, string Body, IReadOnlyList<string> Placeholders);

/// <summary>
/// The emails Workdesk sends, each with a built-in default that administrators may replace. The
/// default subjects carry a [REQ-12] or [WO-34] tag, which email intake uses to file replies.
/// </summary>
public static class TemplateCatalog
{
    public const string RequestReceived = "request.received";
    public const string RequestScheduled = "request.scheduled";
    public const string RequestMerged = "request.merged";
    public const string RequestDeclined = "request.declined";
    public const string RequestCompleted = "request.completed";
    public const string Digest = "notification.digest";

    private static readonly string[] RequestPlaceholders = ["title", "requestNumber", "statusLink", "requesterName"];
    private static readonly string[] EscalationPlaceholders = ["workOrderNumber", "title", "target", "dueAt", "rule", "link"];

    public static IReadOnlyList<TemplateDefinition> All { get; } =
    [
        new(RequestReceived, "To the requester, when a request arrives.",
            "We received your request: {{title}} [{{requestNumber}}]",
            "Thank you for reporting this. Your request is in the queue.\n\n{{title}}\n\nFollow it and add comments here: {{statusLink}}",
            RequestPlaceholders),
        new(RequestScheduled, "To the requester, when the request is approved into a work order.",
            "Work is planned: {{title}} [{{requestNumber}}]",
            "Your request was approved and a work order was created.\n\nStatus: {{statusLink}}",
            RequestPlaceholders),
        new(RequestMerged, "To the requester, when the request is merged into work already planned.",
            "Work is already planned: {{title}} [{{requestNumber}}]",
            "Your request was added to work that is already planned for the same problem.\n\nStatus: {{statusLink}}",
            RequestPlaceholders),
        new(RequestDeclined, "To the requester, when the request is declined.",
            "Your request was declined: {{title}} [{{requestNumber}}]",
            "Your request was declined: {{reason}}\n\nStatus: {{statusLink}}",
            [.. RequestPlaceholders, "reason"]),
        new(RequestCompleted, "To the requester, when the work order behind the request is completed, with the link to the satisfaction survey.",
            "Done: {{title}} [{{requestNumber}}]",
            "The work on your request has been completed.\n\nHow did we do? Rate it from 1 to 5: {{surveyLink}}\n\nStatus: {{statusLink}}",
            [.. RequestPlaceholders, "surveyLink"]),
        new(NotificationEvents.SlaAtRisk, "To staff, when an escalation rule fires before a due time.",
            "[{{workOrderNumber}}] At risk: {{title}}",
            "The {{target}} of work order {{workOrderNumber}} is due at {{dueAt}}. Escalation rule: {{rule}}.\n\n{{link}}",
            EscalationPlaceholders),
        new(NotificationEvents.SlaBreached, "To staff, when an escalation rule fires at a due time.",
            "[{{workOrderNumber}}] Overdue: {{title}}",
            "The {{target}} of work order {{workOrderNumber}} was due at {{dueAt}}. Escalation rule: {{rule}}.\n\n{{link}}",
            EscalationPlaceholders),
        new(NotificationEvents.ApprovalRequested, "To staff, when a work order reaches an approval step they may decide.",
            "[{{workOrderNumber}}] Approval needed: {{title}}",
            "Work order {{workOrderNumber}} waits for your decision on step {{step}} of {{stepCount}} of the approval rule {{rule}}. Estimated cost: {{estimatedCost}}.\n\nApprove or reject it on the Approvals page.",
            ["workOrderNumber", "title", "rule", "step", "stepCount", "estimatedCost"]),
        new(Digest, "To staff who chose the daily digest, once a day when something happened.",
            "Workdesk digest: {{count}} notifications",
            "Hello {{userName}},\n\nHere is what happened since the last digest:\n\n{{items}}",
            ["count", "items", "userName"]),
    ];

    public static TemplateDefinition? Find(string eventType) => All.FirstOrDefault(t => t.EventType == eventType);
}
