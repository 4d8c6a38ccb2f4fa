using Microsoft.EntityFrameworkCore;
using Quartz;
using Workdesk.Data;
using Workdesk.Domain.ServiceLevels;
using Workdesk.Domain.WorkOrders;

namespace Workdesk.Server.Features.ServiceLevels;

/// <summary>
/// Fires the escalation rules whose time has come. Each firing runs in its own transaction that
/// first inserts the (rule, work order) pair under a unique index and then applies the actions, so
/// when several nodes run the job at once, each rule acts once per work order.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class EscalationJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<EscalationJob> logger) : IJob
{
    public static readonly JobKey Key = new("sla-escalations", "service-levels");
    private const int BatchSize = 500;
    private static readonly WorkOrderStatus[] Finished = [WorkOrderStatus.Completed, WorkOrderStatus.Closed, WorkOrderStatus.Cancelled];

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => new(EscalateAsync(cancellationToken));

    /// <summary>Fires every rule that is due now and returns how many firings this run recorded.</summary>
    public async Task<int> EscalateAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        List<EscalationRule> rules;
        List<long> candidates;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();
            rules = await db.EscalationRules.AsNoTracking().Where(r => r.IsActive).ToListAsync(ct);
            if (rules.Count == 0)
            {
                return 0;
            }

            var cutoff = await LatestCutoffAsync(db, now, rules.Max(r => r.MinutesBefore), ct);
            candidates = await CandidatesAsync(db, cutoff, ct);
        }

        var fired = 0;
        foreach (var workOrderId in candidates)
        {
            fired += await EscalateWorkOrderAsync(workOrderId, rules, now, ct);
        }

        if (fired > 0)
        {
            LogFired(logger, fired);
        }

        return fired;
    }

    /// <summary>
    /// Returns the latest due time that any rule can fire for now: the maximum business minutes
    /// before, added to now in each calendar, the latest of those. Work orders due later wait.
    /// </summary>
    private static async Task<DateTimeOffset> LatestCutoffAsync(WorkdeskDbContext db, DateTimeOffset now, int minutesBefore, CancellationToken ct)
    {
        var ahead = TimeSpan.FromMinutes(minutesBefore);
        var cutoff = BusinessCalendar.AlwaysOpen.Add(now, ahead);
        foreach (var definition in await db.Calendars.AsNoTracking().ToListAsync(ct))
        {
            var reach = CalendarDefinitions.ToCalendar(definition).Add(now, ahead);
            cutoff = reach > cutoff ? reach : cutoff;
        }

        return cutoff;
    }

    /// <summary>Open work orders due by the cutoff that have an active, matching rule that has not fired for them.</summary>
    private static Task<List<long>> CandidatesAsync(WorkdeskDbContext db, DateTimeOffset cutoff, CancellationToken ct)
    {
        return db.WorkOrders.AsNoTracking()
            .Where(w => w.SlaPolicyId != null && !Finished.Contains(w.Status))
            .Where(w => db.EscalationRules.Any(r => r.IsActive
                && (r.PolicyId == null || r.PolicyId == w.SlaPolicyId)
                && (r.Priority == null || r.Priority == w.Priority)
                && (r.Target == SlaTarget.Resolution
                    ? w.SlaPausedSince == null && w.ResolutionDueAt <= cutoff
                    : w.FirstRespondedAt == null && w.ResponseDueAt <= cutoff)
                && !db.EscalationFirings.Any(f => f.RuleId == r.Id && f.WorkOrderId == w.Id)))
            .OrderBy(w => w.Id)
            .Select(w => w.Id)
            .Take(BatchSize)
            .ToListAsync(ct);
    }

    private async Task<int> EscalateWorkOrderAsync(long workOrderId, List<EscalationRule> rules, DateTimeOffset now, CancellationToken ct)
    {
        List<(EscalationRule Rule, DateTimeOffset DueAt)> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();
            var workOrder = await db.WorkOrders.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workOrderId, ct);
            var calendar = workOrder is null ? null : await scope.ServiceProvider.GetRequiredService<SlaService>().CalendarOfAsync(workOrder, ct);
            if (workOrder is null || calendar is null)
            {
                return 0;
            }

            var done = await db.EscalationFirings.Where(f => f.WorkOrderId == workOrderId).Select(f => f.RuleId).ToListAsync(ct);
            due = [.. rules
                .Where(r => r.AppliesTo(workOrder) && !done.Contains(r.Id))
                .Select(r => (Rule: r, DueAt: r.DueAt(workOrder)))
                .Where(r => r.DueAt is { } at && r.Rule.FiresAt(at, calendar) <= now)
                .Select(r => (r.Rule, r.DueAt!.Value))
                .OrderByDescending(r => r.Rule.MinutesBefore)
                .ThenBy(r => r.Rule.Id)];
        }

        var fired = 0;
        foreach (var (rule, dueAt) in due)
        {
            if (await FireAsync(rule, workOrderId, dueAt, now, ct))
            {
                fired++;
            }
        }

        return fired;
    }

    /// <summary>Claims the firing and applies the rule's actions in one transaction; returns false when another run claimed it first.</summary>
    private async Task<bool> FireAsync(EscalationRule rule, long workOrderId, DateTimeOffset dueAt, DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.EscalationFirings.Add(new EscalationFiring { RuleId = rule.Id, WorkOrderId = workOrderId, DueAt = dueAt, FiredAt = now });
            await db.SaveChangesAsync(ct);

            // The work order may have been completed, paused or answered since the candidates were read.
            var workOrder = await db.WorkOrders.Include(w => w.Assignments).SingleAsync(w => w.Id == workOrderId, ct);
            if (Finished.Contains(workOrder.Status) || rule.DueAt(workOrder) is null)
            {
                await transaction.RollbackAsync(ct);
                return false;
            }

            await scope.ServiceProvider.GetRequiredService<EscalationActions>().ApplyAsync(rule, workOrder, dueAt, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            LogRuleFired(logger, rule.Id, workOrderId, dueAt);
            return true;
        }
        catch (DbUpdateConcurrencyException e)
        {
            // Someone changed the work order between the read and the write; the next run retries.
            LogWorkOrderChanged(logger, e, rule.Id, workOrderId);
            return false;
        }
        catch (DbUpdateException e)
        {
            db.ChangeTracker.Clear();
            if (await db.EscalationFirings.AnyAsync(f => f.RuleId == rule.Id && f.WorkOrderId == workOrderId, ct))
            {
                LogClaimedElsewhere(logger, rule.Id, workOrderId);
                return false;
            }

            LogFailed(logger, e, rule.Id, workOrderId);
            return false;
        }
    }

    [LoggerMessage(EventId = 51, Level = LogLevel.Information, Message = "Fired {Count} escalations")]
    private static partial void LogFired(ILogger logger, int count);

    [LoggerMessage(EventId = 52, Level = LogLevel.Information, Message = "Escalation rule {RuleId} fired for work order {WorkOrderId}, due at {DueAt}")]
    private static partial void LogRuleFired(ILogger logger, long ruleId, long workOrderId, DateTimeOffset dueAt);

    [LoggerMessage(EventId = 53, Level = LogLevel.Information, Message = "Escalation rule {RuleId} for work order {WorkOrderId} was fired by another run; skipped")]
    private static partial void LogClaimedElsewhere(ILogger logger, long ruleId, long workOrderId);

    [LoggerMessage(EventId = 55, Level = LogLevel.Error, Message = "Escalation rule {RuleId} failed to fire for work order {WorkOrderId}; the next run retries")]
    private static partial void LogFailed(ILogger logger, Exception exception, long ruleId, long workOrderId);

    [LoggerMessage(EventId = 54, Level = LogLevel.Warning, Message = "Escalation rule {RuleId} for work order {WorkOrderId} was rolled back because the work order changed meanwhile; the next run retries")]
    private static partial void LogWorkOrderChanged(ILogger logger, Exception exception, long ruleId, long workOrderId);
}
