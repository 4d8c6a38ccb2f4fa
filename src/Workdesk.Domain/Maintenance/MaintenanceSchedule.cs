using Workdesk.Domain.WorkOrders;

namespace Workdesk.Domain.Maintenance;

public enum ScheduleTrigger
{
    /// <summary>A fixed recurrence, an iCalendar RRULE in the schedule's or location's time zone.</summary>
    Calendar,

    /// <summary>A fixed time after the previous work was completed.</summary>
    Floating,

    /// <summary>Every N units of a cumulative meter, counted from the last service.</summary>
    Meter,

    /// <summary>A reading crossing a threshold, re-armed only after the value leaves a reset band.</summary>
    Condition,
}

public enum IntervalUnit
{
    Days,
    Weeks,
    Months,
}

/// <summary>What the generation job does with occurrences it missed, for example while the server was down.</summary>
public enum CatchUpPolicy
{
    /// <summary>Creates a work order for every missed occurrence.</summary>
    All,

    /// <summary>Creates a work order only for the latest missed occurrence and records the others as skipped.</summary>
    LatestOnly,

    /// <summary>Records every missed occurrence as skipped and creates work only from the next one on.</summary>
    Skip,
}

public enum ThresholdDirection
{
    Above,
    Below,
}

/// <summary>A preventive maintenance plan that creates work orders for its assets when they fall due.</summary>
public sealed class MaintenanceSchedule : Common.IVersioned
{
    public long Id { get; set; }

    public required string Name { get; set; }

    /// <summary>Work order type key of the generated work, such as "preventive" or "inspection".</summary>
    public string Type { get; set; } = WorkOrderTypes.Preventive;

    /// <summary>Free text copied into each generated work order's description.</summary>
    public string? Instructions { get; set; }

    public Priority Priority { get; set; } = Priority.Medium;

    public long? AssigneeUserId { get; set; }

    public long? TeamId { get; set; }

    public double? EstimatedHours { get; set; }

    /// <summary>How many days before the due time the work order is created.</summary>
    public int LeadTimeDays { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>Assets named one by one; when empty, the selection filters below choose the assets at generation time.</summary>
    public List<ScheduleAsset> Assets { get; set; } = [];

    public long? SelectionAssetTypeId { get; set; }

    /// <summary>Selects the assets placed in this location or anywhere below it.</summary>
    public long? SelectionLocationId { get; set; }

    public string? SelectionCategory { get; set; }

    public ScheduleTrigger Trigger { get; set; }

    /// <summary>
    /// Local wall-clock start: the first due time of a calendar rule (DTSTART) and of a floating
    /// schedule. Its time of day is kept for every later floating due time.
    /// </summary>
    public DateTime StartsAt { get; set; }

    /// <summary>IANA time zone of <see cref="StartsAt"/>; null uses each asset's location time zone, else UTC.</summary>
    public string? TimeZone { get; set; }

    /// <summary>iCalendar recurrence rule of a calendar schedule, such as "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1".</summary>
    public string? Rule { get; set; }

    public int? IntervalCount { get; set; }

    public IntervalUnit? IntervalUnit { get; set; }

    /// <summary>Name of the meter on each asset that a meter or condition schedule watches.</summary>
    public string? MeterName { get; set; }

    /// <summary>Units between services of a meter schedule, such as 500 running hours.</summary>
    public double? MeterInterval { get; set; }

    public double? Threshold { get; set; }

    public ThresholdDirection? Direction { get; set; }

    /// <summary>How far the value must move back past the threshold before another crossing opens new work.</summary>
    public double? ResetBand { get; set; }

    /// <summary>
    /// When the rule or start of a calendar schedule last changed while it existed. Occurrences due
    /// before this time are not created, so a new rule starts with its first occurrence after the change.
    /// </summary>
    public DateTimeOffset? RecurrenceChangedAt { get; set; }

    public CatchUpPolicy CatchUp { get; set; } = CatchUpPolicy.All;

    /// <summary>Whether an asset's next occurrence waits until the work of the previous one is finished.</summary>
    public bool WaitForPrevious { get; set; }

    /// <summary>The interval the manufacturer recommends, in the same notation as <see cref="MaintenanceIntervals.Describe"/>.</summary>
    public string? ManufacturerInterval { get; set; }

    /// <summary>Why the schedule deviates from the manufacturer's interval.</summary>
    public string? DeviationJustification { get; set; }

    public long? DeviationApprovedById { get; set; }

    public DateTimeOffset? DeviationApprovedAt { get; set; }

    public long? CreatedById { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int Version { get; set; }
}

public sealed class ScheduleAsset
{
    public long ScheduleId { get; set; }

    public long AssetId { get; set; }
}

public enum OccurrenceState
{
    Created,
    Skipped,
}

/// <summary>
/// One due occurrence of a schedule for one asset. The unique key (schedule, asset, occurrence
/// key) is what keeps generation from creating the same work twice, even on several nodes.
/// </summary>
public sealed class ScheduleOccurrence
{
    public long Id { get; set; }

    public long ScheduleId { get; set; }

    public long AssetId { get; set; }

    /// <summary>
    /// Identifies the occurrence within its schedule and asset: the due time in UTC for calendar
    /// and floating schedules, the meter total for meter schedules, the crossing reading for conditions.
    /// </summary>
    public required string Key { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public OccurrenceState State { get; set; }

    public long? WorkOrderId { get; set; }

    /// <summary>Meter total at which a meter schedule fell due.</summary>
    public double? MeterTarget { get; set; }

    /// <summary>The reading that crossed the threshold of a condition schedule.</summary>
    public long? TriggerReadingId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A secret calendar subscription URL for a team's or a technician's scheduled work.</summary>
public sealed class CalendarFeed
{
    public long Id { get; set; }

    public long? TeamId { get; set; }

    public long? UserId { get; set; }

    public required string TokenHash { get; set; }

    public long? CreatedById { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
