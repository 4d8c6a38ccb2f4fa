using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Workdesk.Data;
using Workdesk.Domain.Maintenance;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.WorkOrders;

namespace Workdesk.Server.Features.Schedules;

/// <summary>
/// Creates the work orders of every active schedule that fell due. Each occurrence is inserted
/// under a unique key in the same transaction as its work order. A run that finds the key taken,
/// because of a re-run or another node at the same moment, rolls back and skips it.
/// </summary>
public sealed partial class ScheduleGenerator(WorkdeskDbContext db, WorkOrderService workOrders, TimeProvider clock, ILogger<ScheduleGenerator> logger)
{
    private const int PageSize = 200;

    public async Task<GenerationResult> GenerateAsync(DateTimeOffset now, IReadOnlyCollection<long>? onlyScheduleIds, CancellationToken ct)
    {
        var targets = new ScheduleTargets(db);
        int created = 0, skipped = 0, duplicates = 0, schedules = 0;
        long lastId = 0;
        while (true)
        {
            var query = db.MaintenanceSchedules.AsNoTracking().Include(s => s.Assets).Where(s => s.IsActive && s.Id > lastId);
            if (onlyScheduleIds is not null)
            {
                query = query.Where(s => onlyScheduleIds.Contains(s.Id));
            }

            var page = await query.OrderBy(s => s.Id).Take(PageSize).AsSplitQuery().ToListAsync(ct);
            if (page.Count == 0)
            {
                break;
            }

            lastId = page[^1].Id;
            var ids = page.Select(s => s.Id).ToList();
            var latest = await LatestAsync(db, ids, createdOnly: false, ct);
            var latestCreated = await LatestAsync(db, ids, createdOnly: true, ct);
            var scheduleLatestDue = await db.ScheduleOccurrences.Where(o => ids.Contains(o.ScheduleId))
                .GroupBy(o => o.ScheduleId).Select(g => new { ScheduleId = g.Key, DueAt = g.Max(o => o.DueAt) })
                .ToDictionaryAsync(g => g.ScheduleId, g => g.DueAt, ct);
            foreach (var schedule in page)
            {
                schedules++;
                foreach (var asset in await targets.ResolveAsync(schedule, ct))
                {
                    var previous = latest.GetValueOrDefault((schedule.Id, asset.Id));
                    var previousCreated = latestCreated.GetValueOrDefault((schedule.Id, asset.Id));
                    var meter = await LoadMeterAsync(schedule, asset.Id, previousCreated, ct);
                    foreach (var planned in OccurrencePlanner.Plan(schedule, asset.TimeZone, now, previous, previousCreated, meter, scheduleLatestDue.GetValueOrDefault(schedule.Id)))
                    {
                        switch (await StoreAsync(schedule, asset, planned, ct))
                        {
                            case StoreOutcome.Created:
                                created++;
                                break;
                            case StoreOutcome.Skipped:
                                skipped++;
                                break;
                            case StoreOutcome.Duplicate:
                                duplicates++;
                                break;
                        }
                    }
                }
            }
        }

        if (created + skipped + duplicates > 0)
        {
            LogRun(logger, schedules, created, skipped, duplicates);
        }

        return new GenerationResult(created, skipped, duplicates, schedules);
    }

    /// <summary>Loads the latest stored occurrence of each schedule and asset, with its work order's state.</summary>
    internal static async Task<Dictionary<(long ScheduleId, long AssetId), PreviousOccurrence>> LatestAsync(WorkdeskDbContext db, List<long> scheduleIds, bool createdOnly, CancellationToken ct)
    {
        var occurrences = db.ScheduleOccurrences.AsNoTracking().Where(o => scheduleIds.Contains(o.ScheduleId));
        if (createdOnly)
        {
            occurrences = occurrences.Where(o => o.State == OccurrenceState.Created);
        }

        var latestIds = occurrences.GroupBy(o => new { o.ScheduleId, o.AssetId }).Select(g => g.Max(o => o.Id));
        var rows = await (from o in db.ScheduleOccurrences.AsNoTracking()
                          where latestIds.Contains(o.Id)
                          join w in db.WorkOrders on o.WorkOrderId equals w.Id into work
                          from w in work.DefaultIfEmpty()
                          select new
                          {
                              o.ScheduleId, o.AssetId, o.Key, o.DueAt, o.State, o.MeterTarget, o.TriggerReadingId,
                              Status = (WorkOrderStatus?)w.Status, CompletedAt = (DateTimeOffset?)w.CompletedAt, FinishedAt = (DateTimeOffset?)w.ClosedAt,
                          }).ToListAsync(ct);
        return rows.ToDictionary(
            r => (r.ScheduleId, r.AssetId),
            r => new PreviousOccurrence(r.Key, r.DueAt, r.State, r.MeterTarget, r.TriggerReadingId, r.Status, r.CompletedAt, r.FinishedAt));
    }

    private async Task<MeterState?> LoadMeterAsync(MaintenanceSchedule schedule, long assetId, PreviousOccurrence? previous, CancellationToken ct)
    {
        if (schedule.Trigger is not (ScheduleTrigger.Meter or ScheduleTrigger.Condition))
        {
            return null;
        }

        var meters = await db.Meters.AsNoTracking().Where(m => m.AssetId == assetId).Select(m => new { m.Id, m.Name, m.LastTotal }).ToListAsync(ct);
        var meter = meters.Find(m => string.Equals(m.Name, schedule.MeterName, StringComparison.OrdinalIgnoreCase));
        if (meter is null)
        {
            return null;
        }

        var readings = db.MeterReadings.AsNoTracking().Where(r => r.MeterId == meter.Id);
        if (schedule.Trigger == ScheduleTrigger.Meter)
        {
            // The planner needs only the last reading at or before the service or the schedule's creation.
            var until = previous?.CompletedAt ?? previous?.FinishedAt ?? schedule.CreatedAt;
            var baseline = await readings.Where(r => r.TakenAt <= until).OrderByDescending(r => r.TakenAt).ThenByDescending(r => r.Id)
                .Select(r => new { r.Id, r.Value, r.Total, r.TakenAt }).FirstOrDefaultAsync(ct);
            return new MeterState(meter.Id, meter.LastTotal, baseline is null ? [] : [(baseline.Id, baseline.Value, baseline.Total, baseline.TakenAt)]);
        }

        var since = schedule.CreatedAt;
        if (previous?.TriggerReadingId is { } triggerId)
        {
            since = await db.MeterReadings.Where(r => r.Id == triggerId).Select(r => (DateTimeOffset?)r.TakenAt).SingleOrDefaultAsync(ct) ?? since;
        }

        var recent = await readings.Where(r => r.TakenAt > since).OrderBy(r => r.TakenAt).ThenBy(r => r.Id).Take(10_000)
            .Select(r => new { r.Id, r.Value, r.Total, r.TakenAt }).ToListAsync(ct);
        return new MeterState(meter.Id, meter.LastTotal, [.. recent.Select(r => (r.Id, r.Value, r.Total, r.TakenAt))]);
    }

    private enum StoreOutcome
    {
        Created,
        Skipped,
        Duplicate,
        Failed,
    }

    private async Task<StoreOutcome> StoreAsync(MaintenanceSchedule schedule, TargetAsset asset, PlannedOccurrence planned, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var occurrence = new ScheduleOccurrence
        {
            ScheduleId = schedule.Id, AssetId = asset.Id, Key = planned.Key, DueAt = planned.DueAt, State = planned.State,
            MeterTarget = planned.MeterTarget, TriggerReadingId = planned.TriggerReadingId, CreatedAt = clock.GetUtcNow(),
        };
        db.ScheduleOccurrences.Add(occurrence);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return StoreOutcome.Duplicate;
        }

        if (planned.State == OccurrenceState.Skipped)
        {
            await transaction.CommitAsync(ct);
            return StoreOutcome.Skipped;
        }

        var request = new CreateWorkOrderRequest(
            Title: Title(schedule, asset), Description: schedule.Instructions, Type: schedule.Type, Priority: schedule.Priority,
            LocationId: asset.LocationId, AssetId: asset.Id, DueAt: planned.DueAt,
            AssigneeUserIds: schedule.AssigneeUserId is { } user ? [user] : null,
            AssigneeTeamIds: (schedule.TeamId ?? asset.TeamId) is { } team ? [team] : null);
        var workOrder = await workOrders.CreateAsync(request, requestId: null, ct, scheduleId: schedule.Id);
        if (!workOrder.IsSuccess)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            // NOTE: nothing is stored for a failed occurrence, so every run tries it again and logs
            // this warning again until the schedule or the asset is fixed.
            LogCreateFailed(logger, schedule.Id, asset.Id, planned.Key, workOrder.Error!.Message);
            return StoreOutcome.Failed;
        }

        occurrence.WorkOrderId = workOrder.Value!.Id;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return StoreOutcome.Created;
    }

    private static string Title(MaintenanceSchedule schedule, TargetAsset asset)
    {
        var title = $"{schedule.Name}: {asset.Tag}";
        return title.Length <= WorkOrderRules.MaxTitleLength ? title : title[..WorkOrderRules.MaxTitleLength];
    }

    /// <summary>Returns whether the save failed on a unique index: PostgreSQL SQLSTATE 23505 or SQLite extended code 2067.</summary>
    public static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode == 2067,
        _ => false,
    };

    [LoggerMessage(EventId = 70, Level = LogLevel.Information, Message = "Schedule generation over {Schedules} schedules created {Created} work orders, skipped {Skipped} missed occurrences and found {Duplicates} already stored")]
    private static partial void LogRun(ILogger logger, int schedules, int created, int skipped, int duplicates);

    [LoggerMessage(EventId = 71, Level = LogLevel.Warning, Message = "Schedule {ScheduleId} could not create the work order for asset {AssetId}, occurrence {Key}: {Reason}")]
    private static partial void LogCreateFailed(ILogger logger, long scheduleId, long assetId, string key, string reason);
}
