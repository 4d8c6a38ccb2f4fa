using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Locations;
using Workdesk.Domain.ServiceLevels;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.ServiceLevels;

/// <summary>A work order's service level as the API shows it.</summary>
public sealed record SlaView(long PolicyId, string PolicyName, DateTimeOffset? ResponseDueAt, DateTimeOffset? ResolutionDueAt, SlaState State, double RemainingMinutes);

/// <summary>
/// Chooses the policy of a work order, keeps its due times right as it moves through statuses
/// and priorities, and reports its state. Active policies come from <see cref="ReferenceData"/>;
/// calendars are read once per request.
/// </summary>
public sealed class SlaService(WorkdeskDbContext db, TimeProvider clock, ReferenceData reference)
{
    private List<SlaPolicy>? policies;
    private List<EscalationRule>? warningRules;
    private readonly Dictionary<long, BusinessCalendar> calendars = [];
    private BusinessCalendar? defaultCalendar;

    /// <summary>Matches a policy to a new work order and sets its due times from its creation.</summary>
    public async Task ApplyAsync(WorkOrder workOrder, CancellationToken ct)
    {
        var policy = await MatchAsync(workOrder, ct);
        workOrder.SlaPolicyId = policy?.Id;
        await RecomputeAsync(workOrder, policy, ct);
    }

    /// <summary>Re-matches the policy after priority, type, category or location changed; time already paused is kept.</summary>
    public Task RetargetAsync(WorkOrder workOrder, CancellationToken ct) => ApplyAsync(workOrder, ct);

    /// <summary>
    /// Sets the due times of the open work orders under a policy again after the policy or its
    /// calendar changed, counting from each work order's start and keeping the time it was paused.
    /// Returns how many work orders were recalculated.
    /// </summary>
    public async Task<int> RecalculateOpenAsync(IQueryable<WorkOrder> scope, CancellationToken ct)
    {
        const int batchSize = 500;
        var recalculated = 0;
        long after = 0;
        while (true)
        {
            var batch = await scope
                .Where(w => w.Id > after && w.SlaPolicyId != null
                    && w.Status != WorkOrderStatus.Completed && w.Status != WorkOrderStatus.Closed && w.Status != WorkOrderStatus.Cancelled)
                .OrderBy(w => w.Id).Take(batchSize).ToListAsync(ct);
            foreach (var workOrder in batch)
            {
                await RecomputeAsync(workOrder, await PolicyAsync(workOrder.SlaPolicyId, ct), ct);
            }

            await db.SaveChangesAsync(ct);
            recalculated += batch.Count;
            if (batch.Count < batchSize)
            {
                return recalculated;
            }

            after = batch[^1].Id;
        }
    }

    /// <summary>Stops the clock on entering a waiting status and restarts it on leaving one.</summary>
    public async Task OnStatusChangedAsync(WorkOrder workOrder, WorkOrderStatus from, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (from is WorkOrderStatus.Open or WorkOrderStatus.Reopened && workOrder.FirstRespondedAt is null)
        {
            workOrder.FirstRespondedAt = now;
        }

        var policy = await PolicyAsync(workOrder.SlaPolicyId, ct);
        if (policy is null)
        {
            return;
        }

        var paused = Paused(policy);
        var wasPaused = paused.Contains(StatusNames.ToApi(from));
        var isPaused = paused.Contains(StatusNames.ToApi(workOrder.Status));
        if (!wasPaused && isPaused)
        {
            workOrder.SlaPausedSince = now;
        }
        else if (wasPaused && !isPaused && workOrder.SlaPausedSince is { } since)
        {
            var calendar = await CalendarForAsync(workOrder, policy, ct);
            workOrder.SlaPausedSeconds += (long)calendar.Between(since, now).TotalSeconds;
            workOrder.SlaPausedSince = null;
            await RecomputeAsync(workOrder, policy, ct);
        }
    }

    public async Task<SlaView?> DescribeAsync(WorkOrder workOrder, CancellationToken ct)
    {
        var policy = await PolicyAsync(workOrder.SlaPolicyId, ct);
        if (policy is null)
        {
            return null;
        }

        var calendar = await CalendarForAsync(workOrder, policy, ct);
        var clockState = Clock(workOrder, policy.ResolutionMinutes);
        var now = clock.GetUtcNow();
        var completed = workOrder.Status is WorkOrderStatus.Completed or WorkOrderStatus.Closed ? workOrder.CompletedAt ?? workOrder.ClosedAt : null;
        var state = clockState.StateAt(now, calendar, await AtRiskWindowAsync(workOrder, policy, ct), completed);
        if (workOrder.Status == WorkOrderStatus.Cancelled)
        {
            state = SlaState.Met;
        }

        var remaining = clockState.Remaining(completed ?? now, calendar);
        return new SlaView(policy.Id, policy.Name, workOrder.ResponseDueAt, workOrder.ResolutionDueAt, state, Math.Round(remaining.TotalMinutes, 1));
    }

    /// <summary>Returns the business calendar that the work order's targets count in, or null when no policy applies.</summary>
    public async Task<BusinessCalendar?> CalendarOfAsync(WorkOrder workOrder, CancellationToken ct)
    {
        var policy = await PolicyAsync(workOrder.SlaPolicyId, ct);
        return policy is null ? null : await CalendarForAsync(workOrder, policy, ct);
    }

    /// <summary>
    /// The policy's at-risk window, widened to the earliest resolution warning of the escalation
    /// rules that apply, so the state turns at risk no later than a warning fires.
    /// </summary>
    private async Task<TimeSpan> AtRiskWindowAsync(WorkOrder workOrder, SlaPolicy policy, CancellationToken ct)
    {
        warningRules ??= await db.EscalationRules.AsNoTracking()
            .Where(r => r.IsActive && r.Target == SlaTarget.Resolution && r.MinutesBefore > 0)
            .ToListAsync(ct);
        var minutes = warningRules.Where(r => r.AppliesTo(workOrder)).Select(r => r.MinutesBefore).Append(policy.AtRiskMinutes).Max();
        return TimeSpan.FromMinutes(minutes);
    }

    private async Task RecomputeAsync(WorkOrder workOrder, SlaPolicy? policy, CancellationToken ct)
    {
        if (policy is null)
        {
            workOrder.ResponseDueAt = null;
            workOrder.ResolutionDueAt = null;
            return;
        }

        var calendar = await CalendarForAsync(workOrder, policy, ct);
        workOrder.ResolutionDueAt = Clock(workOrder, policy.ResolutionMinutes).DueAt(calendar);
        workOrder.ResponseDueAt = policy.ResponseMinutes is { } response
            ? calendar.Add(workOrder.CreatedAt, TimeSpan.FromMinutes(response))
            : null;
    }

    private static SlaClock Clock(WorkOrder workOrder, int targetMinutes) =>
        new(workOrder.CreatedAt, TimeSpan.FromMinutes(targetMinutes), TimeSpan.FromSeconds(workOrder.SlaPausedSeconds), workOrder.SlaPausedSince);

    private static HashSet<string> Paused(SlaPolicy policy) =>
        [.. JsonSerializer.Deserialize<List<string>>(policy.PausedStatuses) ?? []];

    private async Task<SlaPolicy?> MatchAsync(WorkOrder workOrder, CancellationToken ct)
    {
        policies ??= await ActivePoliciesAsync(ct);
        if (policies.Count == 0)
        {
            return null;
        }

        // Only a policy limited to a location needs the work order's location path.
        var locationPath = workOrder.LocationId is { } locationId && policies.Any(p => p.LocationId is not null)
            ? await db.Locations.Where(l => l.Id == locationId).Select(l => l.Path).SingleOrDefaultAsync(ct)
            : null;
        foreach (var policy in policies)
        {
            var matches = (policy.Priority is null || policy.Priority == workOrder.Priority)
                && (policy.Type is null || policy.Type == workOrder.Type)
                && (policy.Category is null || string.Equals(policy.Category, workOrder.Category, StringComparison.OrdinalIgnoreCase))
                && (policy.LocationId is null || (locationPath is not null && locationPath.Contains($"/{policy.LocationId}/", StringComparison.Ordinal)));
            if (matches)
            {
                return policy;
            }
        }

        return null;
    }

    private async Task<SlaPolicy?> PolicyAsync(long? id, CancellationToken ct)
    {
        if (id is null)
        {
            return null;
        }

        policies ??= await ActivePoliciesAsync(ct);
        return policies.FirstOrDefault(p => p.Id == id) ?? await db.SlaPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
    }

    private Task<List<SlaPolicy>> ActivePoliciesAsync(CancellationToken ct) =>
        reference.GetAsync("sla-policies", (context, token) =>
            context.SlaPolicies.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.Rank).ThenBy(p => p.Id).ToListAsync(token), ct);

    /// <summary>The policy's calendar, else the nearest calendar up the location tree, else the default, else every minute counts.</summary>
    private async Task<BusinessCalendar> CalendarForAsync(WorkOrder workOrder, SlaPolicy policy, CancellationToken ct)
    {
        var calendarId = policy.CalendarId;
        if (calendarId is null && workOrder.LocationId is { } locationId)
        {
            var path = await db.Locations.Where(l => l.Id == locationId).Select(l => l.Path).SingleOrDefaultAsync(ct) ?? "";
            var ancestors = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(part => long.Parse(part, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            var withCalendar = await db.Locations.Where(l => ancestors.Contains(l.Id) && l.CalendarId != null)
                .Select(l => new { l.Path, l.CalendarId }).ToListAsync(ct);
            calendarId = withCalendar.OrderByDescending(l => l.Path.Length).Select(l => l.CalendarId).FirstOrDefault();
        }

        if (calendarId is { } id)
        {
            if (!calendars.TryGetValue(id, out var calendar))
            {
                var definition = await db.Calendars.AsNoTracking().SingleAsync(c => c.Id == id, ct);
                calendar = CalendarDefinitions.ToCalendar(definition);
                calendars[id] = calendar;
            }

            return calendar;
        }

        if (defaultCalendar is null)
        {
            var definition = await db.Calendars.AsNoTracking().FirstOrDefaultAsync(c => c.IsDefault, ct);
            defaultCalendar = definition is null ? BusinessCalendar.AlwaysOpen : CalendarDefinitions.ToCalendar(definition);
        }

        return defaultCalendar;
    }
}
