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
/// Projects the due work of calendar, floating and meter schedules over a period. Floating
/// schedules are projected as if each work order were completed on its due date; meter schedules
/// at the meter's average use over the last <see cref="UsageWindowDays"/> days. Condition schedules
/// wait for a reading to cross a threshold, which no average predicts, and are left out.
/// </summary>
public sealed class Forecast(WorkdeskDbContext db)
{
    public const int MaxItems = 20_000;

    public const int UsageWindowDays = 90;

    public async Task<List<ForecastItem>> ProjectAsync(DateTimeOffset from, DateTimeOffset until, ForecastFilter filter, CancellationToken ct)
    {
        var query = db.MaintenanceSchedules.AsNoTracking().Include(s => s.Assets)
            .Where(s => s.IsActive && s.Trigger != ScheduleTrigger.Condition);
        if (filter.AssigneeUserId is { } userId)
        {
            query = query.Where(s => s.AssigneeUserId == userId);
        }

        var schedules = await query.OrderBy(s => s.Id).AsSplitQuery().ToListAsync(ct);
        var latestCreated = await ScheduleGenerator.LatestAsync(db, [.. schedules.Where(s => s.Trigger != ScheduleTrigger.Calendar).Select(s => s.Id)], createdOnly: true, ct);
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

                var previous = latestCreated.GetValueOrDefault((schedule.Id, asset.Id));
                var dues = schedule.Trigger == ScheduleTrigger.Meter
                    ? await ProjectMeterAsync(schedule, asset.Id, from, until, previous, ct)
                    : Project(schedule, asset.TimeZone, from, until, previous);
                foreach (var due in dues)
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

    /// <summary>
    /// Projects when the meter reaches the schedule's next targets, at the average daily use of the
    /// readings in the usage window. A meter with fewer than two readings a day apart, or that did
    /// not advance, gives no projection.
    /// </summary>
    private async Task<IEnumerable<DateTimeOffset>> ProjectMeterAsync(
        MaintenanceSchedule schedule, long assetId, DateTimeOffset from, DateTimeOffset until, PreviousOccurrence? previous, CancellationToken ct)
    {
        var nameKey = schedule.MeterName!.ToLowerInvariant();
        var meterId = await db.Meters.Where(m => m.AssetId == assetId && m.NameKey == nameKey).Select(m => (long?)m.Id).SingleOrDefaultAsync(ct);
        if (meterId is null)
        {
            return [];
        }

        var readings = db.MeterReadings.AsNoTracking().Where(r => r.MeterId == meterId);
        var last = await readings.OrderByDescending(r => r.TakenAt).ThenByDescending(r => r.Id).Select(r => new { r.Total, r.TakenAt }).FirstOrDefaultAsync(ct);
        if (last is null)
        {
            return [];
        }

        var windowStart = last.TakenAt.AddDays(-UsageWindowDays);
        var first = await readings.Where(r => r.TakenAt >= windowStart).OrderBy(r => r.TakenAt).ThenBy(r => r.Id).Select(r => new { r.Total, r.TakenAt }).FirstAsync(ct);
        var days = (last.TakenAt - first.TakenAt).TotalDays;
        if (days < 1 || last.Total <= first.Total)
        {
            return [];
        }

        var perDay = (last.Total - first.Total) / days;
        var baseline = previous?.MeterTarget
            ?? await readings.Where(r => r.TakenAt <= schedule.CreatedAt).OrderByDescending(r => r.TakenAt).Select(r => (double?)r.Total).FirstOrDefaultAsync(ct)
            ?? 0;
        var dues = new List<DateTimeOffset>();
        for (var target = baseline + schedule.MeterInterval!.Value; dues.Count < 5000; target += schedule.MeterInterval.Value)
        {
            var due = last.TakenAt.AddDays(Math.Max(0, (target - last.Total) / perDay));
            if (due > until)
            {
                break;
            }

            // A target the meter has already passed is due now; the generator creates it on its next run.
            if (due >= from || dues.Count == 0)
            {
                dues.Add(due < from ? from : due);
            }
        }

        return dues;
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
