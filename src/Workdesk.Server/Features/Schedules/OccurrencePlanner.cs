using Workdesk.Domain.Maintenance;
using Workdesk.Domain.WorkOrders;

namespace Workdesk.Server.Features.Schedules;

/// <summary>An occurrence the generator should store: created with a work order, or recorded as skipped.</summary>
public sealed record PlannedOccurrence(string Key, DateTimeOffset DueAt, OccurrenceState State, double? MeterTarget = null, long? TriggerReadingId = null);

/// <summary>The latest stored occurrence of a schedule for one asset, with the state of its work order.</summary>
public sealed record PreviousOccurrence(string Key, DateTimeOffset DueAt, OccurrenceState State, double? MeterTarget, long? TriggerReadingId, WorkOrderStatus? WorkStatus, DateTimeOffset? CompletedAt, DateTimeOffset? FinishedAt)
{
    public bool IsFinished => WorkStatus is null or WorkOrderStatus.Completed or WorkOrderStatus.Closed or WorkOrderStatus.Cancelled;
}

/// <summary>A meter's current total and the readings the planner needs.</summary>
public sealed record MeterState(long Id, double? LastTotal, IReadOnlyList<(long Id, double Value, double Total, DateTimeOffset TakenAt)> Readings);

/// <summary>
/// Decides which occurrences of one schedule fall due for one asset. It reads no database, so
/// every trigger and catch-up rule can be tested with plain values.
/// </summary>
public static class OccurrencePlanner
{
    /// <summary>An occurrence counts as missed, for the catch-up policy, once its due time is this far in the past.</summary>
    public static readonly TimeSpan MissedAfter = TimeSpan.FromHours(1);

    /// <summary>The most occurrences one run plans for one asset, so that a rule started long ago cannot flood one run.</summary>
    public const int MaxPerRun = 500;

    /// <param name="scheduleLatestDue">The latest due time stored for any asset of the schedule. An asset
    /// that joins a running calendar schedule starts after it instead of catching up from startsAt.</param>
    public static List<PlannedOccurrence> Plan(
        MaintenanceSchedule schedule, string timeZone, DateTimeOffset now,
        PreviousOccurrence? latest, PreviousOccurrence? latestCreated, MeterState? meter, DateTimeOffset? scheduleLatestDue = null)
    {
        if (schedule.WaitForPrevious && latestCreated is { IsFinished: false })
        {
            return [];
        }

        return schedule.Trigger switch
        {
            ScheduleTrigger.Calendar => PlanCalendar(schedule, timeZone, now, latest?.DueAt ?? scheduleLatestDue),
            ScheduleTrigger.Floating => PlanFloating(schedule, timeZone, now, latestCreated),
            ScheduleTrigger.Meter => PlanMeter(schedule, now, latestCreated, meter),
            ScheduleTrigger.Condition => PlanCondition(schedule, now, latestCreated, meter),
        };
    }

    /// <summary>Occurrence key of a time-based occurrence: its due time in UTC.</summary>
    public static string TimeKey(DateTimeOffset dueAt) => dueAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static List<PlannedOccurrence> PlanCalendar(MaintenanceSchedule schedule, string timeZone, DateTimeOffset now, DateTimeOffset? latestDue)
    {
        var horizon = now.AddDays(schedule.LeadTimeDays);
        var after = latestDue ?? DateTimeOffset.MinValue;
        // After a change of rule or start, the new rule starts with its first occurrence after the
        // change, so occurrences it would have had earlier are neither created nor skipped.
        if (schedule.RecurrenceChangedAt is { } changedAt && changedAt > after)
        {
            after = changedAt;
        }

        var due = Recurrence.CalendarOccurrences(schedule.Rule!, schedule.StartsAt, timeZone, after)
            .TakeWhile(d => d <= horizon)
            .Take(MaxPerRun)
            .ToList();
        // NOTE: the catch-up policy applies to calendar schedules only; the other triggers have at
        // most one pending occurrence per asset, which is always created.
        var missed = due.Where(d => d < now - MissedAfter).ToList();
        var planned = new List<PlannedOccurrence>(due.Count);
        foreach (var dueAt in due)
        {
            var isMissed = missed.Contains(dueAt);
            var skip = isMissed && schedule.CatchUp switch
            {
                CatchUpPolicy.All => false,
                CatchUpPolicy.LatestOnly => dueAt != missed[^1],
                CatchUpPolicy.Skip => true,
            };
            planned.Add(new PlannedOccurrence(TimeKey(dueAt), dueAt, skip ? OccurrenceState.Skipped : OccurrenceState.Created));
        }

        return planned;
    }

    private static List<PlannedOccurrence> PlanFloating(MaintenanceSchedule schedule, string timeZone, DateTimeOffset now, PreviousOccurrence? latestCreated)
    {
        DateTimeOffset dueAt;
        if (latestCreated is null)
        {
            dueAt = Recurrence.ToUtc(schedule.StartsAt, timeZone);
        }
        else if (!latestCreated.IsFinished)
        {
            return [];
        }
        else
        {
            // Cancelled work did not happen, so the plan keeps its rhythm from the cancelled due time.
            var from = latestCreated.WorkStatus == WorkOrderStatus.Cancelled ? latestCreated.DueAt : latestCreated.CompletedAt ?? latestCreated.FinishedAt ?? latestCreated.DueAt;
            dueAt = Recurrence.FloatingNext(from, schedule.IntervalCount!.Value, schedule.IntervalUnit!.Value, TimeOnly.FromDateTime(schedule.StartsAt), timeZone);
        }

        return dueAt.AddDays(-schedule.LeadTimeDays) <= now ? [new PlannedOccurrence(TimeKey(dueAt), dueAt, OccurrenceState.Created)] : [];
    }

    private static List<PlannedOccurrence> PlanMeter(MaintenanceSchedule schedule, DateTimeOffset now, PreviousOccurrence? latestCreated, MeterState? meter)
    {
        if (meter?.LastTotal is not { } total)
        {
            return [];
        }

        double baseline;
        if (latestCreated is null)
        {
            // Counting starts at the last reading taken before the schedule existed, or at zero.
            baseline = meter.Readings.Where(r => r.TakenAt <= schedule.CreatedAt).Select(r => (double?)r.Total).LastOrDefault() ?? 0;
        }
        else if (!latestCreated.IsFinished)
        {
            return [];
        }
        else
        {
            // The next interval counts from the meter total at the service, when one was read by then.
            var serviceAt = latestCreated.CompletedAt ?? latestCreated.FinishedAt;
            baseline = serviceAt is { } at && latestCreated.WorkStatus != WorkOrderStatus.Cancelled
                ? meter.Readings.Where(r => r.TakenAt <= at).Select(r => (double?)r.Total).LastOrDefault() ?? latestCreated.MeterTarget ?? 0
                : latestCreated.MeterTarget ?? 0;
            baseline = Math.Max(baseline, latestCreated.MeterTarget ?? 0);
        }

        var target = baseline + schedule.MeterInterval!.Value;
        return total >= target
            ? [new PlannedOccurrence("meter:" + target.ToString("R", System.Globalization.CultureInfo.InvariantCulture), now, OccurrenceState.Created, MeterTarget: target)]
            : [];
    }

    private static List<PlannedOccurrence> PlanCondition(MaintenanceSchedule schedule, DateTimeOffset now, PreviousOccurrence? latestCreated, MeterState? meter)
    {
        if (meter is null || (latestCreated is { IsFinished: false }))
        {
            return [];
        }

        var threshold = schedule.Threshold!.Value;
        var band = schedule.ResetBand ?? 0;
        var above = schedule.Direction == ThresholdDirection.Above;
        var armed = latestCreated is null;
        foreach (var reading in meter.Readings)
        {
            if (!armed)
            {
                armed = above ? reading.Value <= threshold - band : reading.Value >= threshold + band;
                continue;
            }

            if (above ? reading.Value > threshold : reading.Value < threshold)
            {
                return [new PlannedOccurrence("reading:" + reading.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), now, OccurrenceState.Created, TriggerReadingId: reading.Id)];
            }
        }

        return [];
    }
}
