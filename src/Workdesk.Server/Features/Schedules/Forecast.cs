using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Maintenance;

namespace Workdesk.Server.Features.Schedules;

/// <summary>One projected due occurrence of a schedule for an asset.</summary>
/// <param name="TeamId">The team the work will be assigned to: the schedule's team, else the asset's.</param>
public sealed record ForecastItem(
    long ScheduleId, string ScheduleName, long AssetId, string AssetTag, long? TeamId, long? AssigneeUserId,
    DateTimeOffset DueAt, DateTime Local, string TimeZone, double EstimatedHours, string? Instructions);

/// <summary>Which projected work to include; the filters combine with AND.</summary>
public sealed record ForecastFilter(long? TeamId = null, long? AssigneeUserId = null, long? AssetId = null);

/// <summary>
/// Projects the due work of calendar and floating schedules over a period. Meter and condition
/// schedules depend on future readings and are left out. Floating schedules are projected as if
/// each work order were completed on its due date.
/// </summary>
public sealed class Forecast(WorkdeskDbContext db)
{
    public const int MaxItems = 20_000;

    public async Task<List<ForecastItem>> ProjectAsync(DateTimeOffset from, DateTimeOffset until, ForecastFilter filter, CancellationToken ct)
    {
        var query = db.MaintenanceSchedules.AsNoTracking().Include(s => s.Assets)
            .Where(s => s.IsActive && (s.Trigger == ScheduleTrigger.Calendar || s.Trigger == ScheduleTrigger.Floating));
        if (filter.AssigneeUserId is { } userId)
        {
            query = query.Where(s => s.AssigneeUserId == userId);
        }

        var schedules = await query.OrderBy(s => s.Id).AsSplitQuery().ToListAsync(ct);
        var latestCreated = await ScheduleGenerator.LatestAsync(db, [.. schedules.Where(s => s.Trigger == ScheduleTrigger.Floating).Select(s => s.Id)], createdOnly: true, ct);
        var targets = new ScheduleTargets(db);
        var items = new List<ForecastItem>();
        foreach (var schedule in schedules)
        {
            foreach (var asset in await targets.ResolveAsync(schedule, ct))
            {
                var teamId = schedule.TeamId ?? asset.TeamId;
                if ((filter.TeamId is { } team && teamId != team) || (filter.AssetId is { } onlyAsset && asset.Id != onlyAsset))
                {
                    continue;
                }

                foreach (var due in Project(schedule, asset.TimeZone, from, until, latestCreated.GetValueOrDefault((schedule.Id, asset.Id))))
                {
                    items.Add(new ForecastItem(
                        schedule.Id, schedule.Name, asset.Id, asset.Tag, teamId, schedule.AssigneeUserId, due,
                        Recurrence.ToLocal(due, asset.TimeZone), asset.TimeZone, schedule.EstimatedHours ?? 0, schedule.Instructions));
                    if (items.Count >= MaxItems)
                    {
                        return [.. items.OrderBy(i => i.DueAt)];
                    }
                }
            }
        }

        return [.. items.OrderBy(i => i.DueAt).ThenBy(i => i.ScheduleId).ThenBy(i => i.AssetId)];
    }

    private static IEnumerable<DateTimeOffset> Project(MaintenanceSchedule schedule, string timeZone, DateTimeOffset from, DateTimeOffset until, PreviousOccurrence? latestCreated)
    {
        if (schedule.Trigger == ScheduleTrigger.Calendar)
        {
            return Recurrence.CalendarOccurrences(schedule.Rule!, schedule.StartsAt, timeZone, from.AddTicks(-1)).TakeWhile(d => d <= until).Take(5000);
        }

        var timeOfDay = TimeOnly.FromDateTime(schedule.StartsAt);
        var first = latestCreated switch
        {
            null => Recurrence.ToUtc(schedule.StartsAt, timeZone),
            { IsFinished: false } => latestCreated.DueAt,
            _ => Recurrence.FloatingNext(latestCreated.CompletedAt ?? latestCreated.FinishedAt ?? latestCreated.DueAt, schedule.IntervalCount!.Value, schedule.IntervalUnit!.Value, timeOfDay, timeZone),
        };
        return Chain(first, schedule, timeOfDay, timeZone).SkipWhile(d => d < from).TakeWhile(d => d <= until).Take(5000);
    }

    private static IEnumerable<DateTimeOffset> Chain(DateTimeOffset first, MaintenanceSchedule schedule, TimeOnly timeOfDay, string timeZone)
    {
        var due = first;
        while (true)
        {
            yield return due;
            due = Recurrence.FloatingNext(due, schedule.IntervalCount!.Value, schedule.IntervalUnit!.Value, timeOfDay, timeZone);
        }
    }
}
