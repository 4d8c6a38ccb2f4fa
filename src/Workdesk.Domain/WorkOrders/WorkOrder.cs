namespace Workdesk.Domain.WorkOrders;

public enum Priority
{
    Low,
    Medium,
    High,
    Urgent,
}

/// <summary>The unit of work, from creation to verification.</summary>
public sealed class WorkOrder : Common.IVersioned
{
    public long Id { get; set; }

    public required string Title { get; set; }

    public string? Description { get; set; }

    /// <summary>Work order type key, such as "corrective" or "preventive".</summary>
    public string Type { get; set; } = WorkOrderTypes.Corrective;

    public string? Category { get; set; }

    public Priority Priority { get; set; } = Priority.Medium;

    /// <summary>Urgency given with <see cref="Impact"/> when the priority was computed from the matrix.</summary>
    public Level? Urgency { get; set; }

    public Level? Impact { get; set; }

    public WorkOrderStatus Status { get; set; } = WorkOrderStatus.Open;

    /// <summary>
    /// The status in the type's workflow; its category is <see cref="Status"/>. Null, or a key whose
    /// category no longer matches, means the workflow's default status of that category.
    /// </summary>
    public string? StatusKey { get; set; }

    /// <summary>The version of the type's workflow this work order follows until an administrator applies a newer one.</summary>
    public int WorkflowVersion { get; set; } = 1;

    /// <summary>What the work is expected to cost, before approval; in <see cref="EstimatedCostCurrency"/>.</summary>
    public decimal? EstimatedCost { get; set; }

    /// <summary>ISO 4217 code of the estimated cost, such as "EUR".</summary>
    public string? EstimatedCostCurrency { get; set; }

    /// <summary>Custom field values as a JSON object keyed by field key.</summary>
    public string? CustomFields { get; set; }

    /// <summary>Why the work is on hold or was cancelled; cleared when it moves on.</summary>
    public string? StatusReason { get; set; }

    public long? LocationId { get; set; }

    public long? AssetId { get; set; }

    public long? RequesterId { get; set; }

    /// <summary>The request this work order was approved from, if any.</summary>
    public long? RequestId { get; set; }

    /// <summary>The preventive maintenance schedule that created this work order, if any.</summary>
    public long? ScheduleId { get; set; }

    public long? VendorId { get; set; }

    public long? ParentId { get; set; }

    public long? CreatedById { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public string? ExternalId { get; set; }

    /// <summary>
    /// De-duplication key of the monitoring alarm that opened this work order, such as
    /// "bms:AHU-3:high-temp". Repeats of the alarm update this work order while it is open.
    /// </summary>
    public string? AlertKey { get; set; }

    /// <summary>How many times the alarm was raised, the first time included.</summary>
    public int AlertCount { get; set; }

    /// <summary>The service-level policy whose targets apply; null when none matched.</summary>
    public long? SlaPolicyId { get; set; }

    /// <summary>Business time the clock stood still in waiting statuses, in seconds.</summary>
    public long SlaPausedSeconds { get; set; }

    /// <summary>When the clock stopped, while the work order waits.</summary>
    public DateTimeOffset? SlaPausedSince { get; set; }

    /// <summary>The resolution due time, kept up to date for sorting and for the escalation job.</summary>
    public DateTimeOffset? ResolutionDueAt { get; set; }

    public DateTimeOffset? ResponseDueAt { get; set; }

    /// <summary>When the work order first left open, which counts as the first response.</summary>
    public DateTimeOffset? FirstRespondedAt { get; set; }

    /// <summary>When the escalation job last recorded a breach, so that it records each breach once.</summary>
    public DateTimeOffset? SlaBreachRecordedAt { get; set; }

    public List<WorkOrderAssignment> Assignments { get; set; } = [];

    /// <summary>The work order's own copies of the procedures that applied when it was created.</summary>
    public List<Procedures.WorkOrderProcedure> Procedures { get; set; } = [];

    public int Version { get; set; }
}

/// <summary>A person or a team that a work order is assigned to; exactly one of the two is set.</summary>
public sealed class WorkOrderAssignment
{
    public long Id { get; set; }

    public long WorkOrderId { get; set; }

    public long? UserId { get; set; }

    public long? TeamId { get; set; }
}

public static class WorkOrderTypes
{
    public const string Corrective = "corrective";
    public const string Preventive = "preventive";
    public const string Inspection = "inspection";
    public const string Incident = "incident";
    public const string ServiceRequest = "service_request";
    public const string MakeReady = "make_ready";
    public const string EventSetup = "event_setup";

    /// <summary>The built-in types; administrators may add more.</summary>
    public static IReadOnlyList<string> All { get; } = [Corrective, Preventive, Inspection, Incident, ServiceRequest, MakeReady, EventSetup];
}
