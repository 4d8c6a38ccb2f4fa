using Workdesk.Domain.Maintenance;
using Workdesk.Domain.WorkOrders;

namespace Workdesk.Server.Features.Schedules;

/// <summary>A schedule to create or replace. Which trigger fields are required depends on trigger.</summary>
/// <param name="AssetIds">Assets named one by one; leave empty to select assets by the selection fields at generation time.</param>
/// <param name="SelectionLocationId">Selects the assets in this location and every location below it.</param>
/// <param name="StartsAt">Local wall-clock time without offset, such as "2026-03-02T09:00:00": the first due time.</param>
/// <param name="TimeZone">IANA time zone of startsAt; when left out, each asset's location time zone applies, else UTC.</param>
/// <param name="Rule">Calendar trigger: an iCalendar RRULE such as "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU".</param>
/// <param name="IntervalCount">Floating trigger: how many days, weeks or months after completion the next is due.</param>
/// <param name="MeterName">Meter and condition triggers: the name of the meter on each asset.</param>
/// <param name="MeterInterval">Meter trigger: units between services, counted from the last service.</param>
/// <param name="ResetBand">Condition trigger: how far the value must come back past the threshold before a new crossing counts.</param>
/// <param name="ManufacturerInterval">The manufacturer's interval in the notation of the interval field of the response.</param>
/// <param name="DeviationJustification">Required when the schedule's interval differs from manufacturerInterval.</param>
public sealed record ScheduleRequest(
    string Name, ScheduleTrigger Trigger, string? Type = null, string? Instructions = null, Priority? Priority = null,
    long? AssigneeUserId = null, long? TeamId = null, double? EstimatedHours = null, int? LeadTimeDays = null,
    IReadOnlyList<long>? AssetIds = null, long? SelectionAssetTypeId = null, long? SelectionLocationId = null, string? SelectionCategory = null,
    DateTime? StartsAt = null, string? TimeZone = null, string? Rule = null, int? IntervalCount = null, IntervalUnit? IntervalUnit = null,
    string? MeterName = null, double? MeterInterval = null, double? Threshold = null, ThresholdDirection? Direction = null, double? ResetBand = null,
    CatchUpPolicy? CatchUp = null, bool? WaitForPrevious = null, bool? IsActive = null,
    string? ManufacturerInterval = null, string? DeviationJustification = null);

/// <summary>A schedule as stored.</summary>
/// <param name="StartsAt">The first due time of a calendar or floating schedule; null for meter and condition schedules.</param>
/// <param name="Interval">The schedule's interval in canonical form, compared with manufacturerInterval.</param>
/// <param name="DeviationStatus">"none", "approved" or "unapproved" (deviates from the manufacturer's interval without approval).</param>
public sealed record ScheduleResponse(
    long Id, string Name, ScheduleTrigger Trigger, string Type, string? Instructions, Priority Priority,
    long? AssigneeUserId, long? TeamId, double? EstimatedHours, int LeadTimeDays, bool IsActive,
    IReadOnlyList<long> AssetIds, long? SelectionAssetTypeId, long? SelectionLocationId, string? SelectionCategory,
    DateTime? StartsAt, string? TimeZone, string? Rule, int? IntervalCount, IntervalUnit? IntervalUnit,
    string? MeterName, double? MeterInterval, double? Threshold, ThresholdDirection? Direction, double? ResetBand,
    CatchUpPolicy CatchUp, bool WaitForPrevious, string Interval,
    string? ManufacturerInterval, string? DeviationJustification, long? DeviationApprovedById, DateTimeOffset? DeviationApprovedAt,
    string DeviationStatus, int Version)
{
    public static ScheduleResponse From(MaintenanceSchedule s) => new(
        s.Id, s.Name, s.Trigger, s.Type, s.Instructions, s.Priority, s.AssigneeUserId, s.TeamId, s.EstimatedHours, s.LeadTimeDays, s.IsActive,
        [.. s.Assets.Select(a => a.AssetId).Order()], s.SelectionAssetTypeId, s.SelectionLocationId, s.SelectionCategory,
        s.Trigger is ScheduleTrigger.Calendar or ScheduleTrigger.Floating ? s.StartsAt : null, s.TimeZone, s.Rule, s.IntervalCount, s.IntervalUnit, s.MeterName, s.MeterInterval, s.Threshold, s.Direction, s.ResetBand,
        s.CatchUp, s.WaitForPrevious, MaintenanceIntervals.Describe(s),
        s.ManufacturerInterval, s.DeviationJustification, s.DeviationApprovedById, s.DeviationApprovedAt, DeviationStatusOf(s), s.Version);

    public static string DeviationStatusOf(MaintenanceSchedule s)
    {
        if (!MaintenanceIntervals.Deviates(s))
        {
            return "none";
        }

        return s.DeviationApprovedAt is null ? "unapproved" : "approved";
    }
}

/// <summary>A due time in UTC and on the wall clock of its time zone.</summary>
public sealed record DueTime(DateTimeOffset DueAt, DateTime Local, string TimeZone);

public sealed record SchedulePreviewResponse(IReadOnlyList<DueTime> Occurrences, string? Note);

public sealed record OccurrenceResponse(long Id, long ScheduleId, long AssetId, string Key, DateTimeOffset DueAt, OccurrenceState State, long? WorkOrderId, double? MeterTarget);

/// <summary>What one generation run did.</summary>
/// <param name="DuplicatesAvoided">Occurrences another run had already stored, found through the unique key.</param>
public sealed record GenerationResult(int Created, int Skipped, int DuplicatesAvoided, int Schedules);
