using Workdesk.Domain.Maintenance;

namespace Workdesk.Server.Features.Schedules;

/// <summary>Projects the due times of a time-based schedule, for the editor's preview and the forecast.</summary>
public static class SchedulePreview
{
    /// <summary>
    /// Returns up to <paramref name="count"/> due times after <paramref name="from"/>. A floating
    /// schedule is projected as if each work order were completed on its due date.
    /// </summary>
    public static List<DueTime> Next(MaintenanceSchedule schedule, string timeZone, DateTimeOffset from, int count, DateTimeOffset? until = null)
    {
        var end = until ?? DateTimeOffset.MaxValue;
        IEnumerable<DateTimeOffset> due = schedule.Trigger switch
        {
            ScheduleTrigger.Calendar => Recurrence.CalendarOccurrences(schedule.Rule!, schedule.StartsAt, timeZone, from),
            ScheduleTrigger.Floating => Floating(schedule, timeZone).Where(d => d > from),
            _ => [],
        };
        return [.. due.TakeWhile(d => d <= end).Take(count).Select(d => new DueTime(d, Recurrence.ToLocal(d, timeZone), timeZone))];
    }

    private static IEnumerable<DateTimeOffset> Floating(MaintenanceSchedule schedule, string timeZone)
    {
        var due = Recurrence.ToUtc(schedule.StartsAt, timeZone);
        var timeOfDay = TimeOnly.FromDateTime(schedule.StartsAt);
        for (var i = 0; i < 10_000; i++)
        {
            yield return due;
            due = Recurrence.FloatingNext(due, schedule.IntervalCount!.Value, schedule.IntervalUnit!.Value, timeOfDay, timeZone);
        }
    }
}
