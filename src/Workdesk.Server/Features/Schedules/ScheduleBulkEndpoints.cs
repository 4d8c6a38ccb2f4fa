using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.Maintenance;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Features.WorkOrders;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.Schedules;

/// <summary>Which schedules a bulk change applies to; the filters combine with AND.</summary>
/// <param name="AssetTypeId">Schedules that select this asset type, or name an asset of it.</param>
public sealed record ScheduleSelection(
    IReadOnlyList<long>? Ids = null, string? Q = null, ScheduleTrigger? Trigger = null, long? TeamId = null,
    long? AssetTypeId = null, string? Type = null);

/// <summary>The values to set; fields left out stay as they are.</summary>
/// <param name="Rule">New RRULE; only for calendar schedules.</param>
/// <param name="IntervalCount">New floating interval; only for floating schedules, with intervalUnit.</param>
/// <param name="StartsAt">The next due date as a local wall-clock time; re-anchors calendar and floating schedules.</param>
public sealed record ScheduleChanges(
    string? Rule = null, int? IntervalCount = null, IntervalUnit? IntervalUnit = null, long? AssigneeUserId = null, long? TeamId = null,
    int? LeadTimeDays = null, DateTime? StartsAt = null, string? Instructions = null, string? DeviationJustification = null);

public sealed record BulkScheduleRequest(ScheduleSelection Selection, ScheduleChanges Set, bool Preview = true);

public sealed record BulkScheduleChange(long Id, string Name, string Field, string? From, string? To);

public sealed record BulkScheduleResponse(bool Applied, int ScheduleCount, IReadOnlyList<BulkScheduleChange> Changes);

/// <summary>
/// "Every extinguisher check of the safety team": select schedules by filter, preview the
/// change, then apply it in one transaction with one history entry per schedule and field.
/// </summary>
public static class ScheduleBulkEndpoints
{
    public const int MaxSchedules = 2000;

    public static void MapScheduleBulkEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/schedules/bulk", Change).WithTags("Schedules").WithName("BulkChangeSchedules")
            .RequireAuthorization().RequireRole(RoleRequirement.Dispatchers)
            .WithSummary($"Previews (preview: true, the default) or applies one change to up to {MaxSchedules} schedules chosen by filter.");
    }

    private static async Task<IResult> Change(BulkScheduleRequest request, WorkdeskDbContext db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        if (request.Selection is null || request.Set is null)
        {
            return Problems.Invalid("selection", "Send selection (which schedules) and set (what to change).");
        }

        var set = request.Set;
        var error = await CheckChangesAsync(db, set, ct);
        if (error is not null)
        {
            return error.ToProblem();
        }

        var selected = await SelectAsync(db, request.Selection, ct);
        if (!selected.IsSuccess)
        {
            return selected.Error!.ToProblem();
        }

        var schedules = selected.Value!;
        var mismatch = set.Rule is not null ? schedules.Find(s => s.Trigger != ScheduleTrigger.Calendar)
            : set.IntervalCount is not null ? schedules.Find(s => s.Trigger != ScheduleTrigger.Floating)
            : null;
        if (mismatch is not null)
        {
            var field = set.Rule is not null ? "set.rule" : "set.intervalCount";
            return Problems.Invalid(field, $"Schedule {mismatch.Id} \"{mismatch.Name}\" has a {mismatch.Trigger.ToString().ToLowerInvariant()} trigger; narrow the selection with trigger so that it holds only schedules this interval fits. Nothing was changed.");
        }

        var changes = new List<BulkScheduleChange>();
        foreach (var schedule in schedules)
        {
            if (EndsBeforeStart(set.Rule ?? schedule.Rule, set.StartsAt ?? schedule.StartsAt) && schedule.Trigger == ScheduleTrigger.Calendar)
            {
                return Problems.Invalid(set.Rule is not null ? "set.rule" : "set.startsAt", $"Schedule {schedule.Id} \"{schedule.Name}\" would end (UNTIL) before its first due time, so it would never fall due. Nothing was changed.");
            }

            var intervalBefore = MaintenanceIntervals.Describe(schedule);
            Set(changes, schedule, "rule", schedule.Rule, ScheduleRules.NormalizeRule(set.Rule), v => schedule.Rule = v);
            Set(changes, schedule, "intervalCount", schedule.IntervalCount, set.IntervalCount, v => schedule.IntervalCount = v);
            Set(changes, schedule, "intervalUnit", schedule.IntervalUnit, set.IntervalUnit, v => schedule.IntervalUnit = v);
            Set(changes, schedule, "assigneeUserId", schedule.AssigneeUserId, set.AssigneeUserId, v => schedule.AssigneeUserId = v);
            Set(changes, schedule, "teamId", schedule.TeamId, set.TeamId, v => schedule.TeamId = v);
            Set(changes, schedule, "leadTimeDays", schedule.LeadTimeDays, set.LeadTimeDays, v => schedule.LeadTimeDays = v ?? schedule.LeadTimeDays);
            Set(changes, schedule, "startsAt", (DateTime?)schedule.StartsAt, set.StartsAt, v => schedule.StartsAt = v ?? schedule.StartsAt);
            Set(changes, schedule, "instructions", schedule.Instructions, set.Instructions, v => schedule.Instructions = v);
            Set(changes, schedule, "deviationJustification", schedule.DeviationJustification, set.DeviationJustification, v => schedule.DeviationJustification = v);
            if (!string.Equals(intervalBefore, MaintenanceIntervals.Describe(schedule), StringComparison.Ordinal))
            {
                if (MaintenanceIntervals.Deviates(schedule) && string.IsNullOrWhiteSpace(schedule.DeviationJustification))
                {
                    return Problems.Invalid("set.deviationJustification", $"Schedule {schedule.Id} \"{schedule.Name}\" would deviate from the manufacturer's interval \"{schedule.ManufacturerInterval}\"; send deviationJustification. Nothing was changed.");
                }

                if (schedule.DeviationApprovedAt is not null)
                {
                    changes.Add(new BulkScheduleChange(schedule.Id, schedule.Name, "deviationApprovedAt", History.Format(schedule.DeviationApprovedAt), null));
                    schedule.DeviationApprovedAt = null;
                    schedule.DeviationApprovedById = null;
                }
            }
        }

        if (request.Preview)
        {
            return Results.Ok(new BulkScheduleResponse(false, schedules.Count, changes));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var history = new History(db, clock, user.Id);
        foreach (var schedule in schedules.Where(s => changes.Exists(c => c.Id == s.Id)))
        {
            schedule.UpdatedAt = now;
            if (schedule.Trigger == ScheduleTrigger.Calendar && changes.Exists(c => c.Id == schedule.Id && c.Field is "rule" or "startsAt"))
            {
                schedule.RecurrenceChangedAt = now;
            }
        }

        foreach (var change in changes)
        {
            history.Record(ScheduleEndpoints.HistoryEntity, change.Id, "bulk_changed", change.Field, change.From, change.To);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("Some of the schedules were changed by someone else meanwhile; nothing was changed. Preview and apply again.").ToProblem();
        }

        await transaction.CommitAsync(ct);
        return Results.Ok(new BulkScheduleResponse(true, schedules.Count, changes));
    }

    private static bool EndsBeforeStart(string? rule, DateTime startsAt) =>
        rule is not null && Recurrence.ParseRule(rule).Pattern?.Until is { } until && until.Value < startsAt;

    private static async Task<Error?> CheckChangesAsync(WorkdeskDbContext db, ScheduleChanges set, CancellationToken ct)
    {
        if (set is { Rule: null, IntervalCount: null, IntervalUnit: null, AssigneeUserId: null, TeamId: null, LeadTimeDays: null, StartsAt: null, Instructions: null, DeviationJustification: null })
        {
            return Error.Invalid("set", "set must change at least one of rule, intervalCount, intervalUnit, assigneeUserId, teamId, leadTimeDays, startsAt, instructions, deviationJustification.");
        }

        if (set.Rule is not null && Recurrence.ParseRule(set.Rule).Error is { } ruleError)
        {
            return Error.Invalid("set.rule", ruleError);
        }

        if (set.IntervalCount is not null and not (>= 1 and <= 1000))
        {
            return Error.Invalid("set.intervalCount", "intervalCount must be between 1 and 1000.");
        }

        if ((set.IntervalCount is null) != (set.IntervalUnit is null) || (set.IntervalUnit is { } unit && !Enum.IsDefined(unit)))
        {
            return Error.Invalid("set.intervalUnit", "Send intervalCount and intervalUnit (days, weeks or months) together.");
        }

        if (set.LeadTimeDays is < 0 or > ScheduleRules.MaxLeadTimeDays)
        {
            return Error.Invalid("set.leadTimeDays", $"leadTimeDays must be between 0 and {ScheduleRules.MaxLeadTimeDays}.");
        }

        if (set.StartsAt is { Kind: not DateTimeKind.Unspecified })
        {
            return Error.Invalid("set.startsAt", "startsAt is a local wall-clock time without offset or Z, such as \"2026-03-02T09:00:00\".");
        }

        if (set.Instructions is { Length: > WorkOrderRules.MaxDescriptionLength })
        {
            return Error.Invalid("set.instructions", $"instructions must be at most {WorkOrderRules.MaxDescriptionLength} characters.");
        }

        var references = new References(db);
        return await references.CheckUserAsync(set.AssigneeUserId, "set.assigneeUserId", ct)
            ?? await references.CheckTeamsAsync(set.TeamId is { } team ? [team] : null, "set.teamId", ct);
    }

    private static async Task<Result<List<MaintenanceSchedule>>> SelectAsync(WorkdeskDbContext db, ScheduleSelection selection, CancellationToken ct)
    {
        if (selection is { Ids: null or { Count: 0 }, Trigger: null, TeamId: null, AssetTypeId: null } && string.IsNullOrWhiteSpace(selection.Q) && string.IsNullOrWhiteSpace(selection.Type))
        {
            return Error.Invalid("selection", "Choose schedules by ids or at least one filter; a change to every schedule at once is not allowed.");
        }

        var query = db.MaintenanceSchedules.Include(s => s.Assets).AsQueryable();
        if (selection.Ids is { Count: > 0 } ids)
        {
            query = query.Where(s => ids.Contains(s.Id));
        }

        if (!string.IsNullOrWhiteSpace(selection.Q))
        {
            var pattern = "%" + TextSearch.EscapeLike(selection.Q.Trim()) + "%";
            query = db.Provider == DatabaseProvider.Postgres
                ? query.Where(s => EF.Functions.ILike(s.Name, pattern, "\\"))
                : query.Where(s => EF.Functions.Like(s.Name, pattern, "\\"));
        }

        if (selection.Trigger is { } trigger)
        {
            query = query.Where(s => s.Trigger == trigger);
        }

        if (selection.TeamId is { } teamId)
        {
            query = query.Where(s => s.TeamId == teamId);
        }

        if (!string.IsNullOrWhiteSpace(selection.Type))
        {
            query = query.Where(s => s.Type == selection.Type);
        }

        if (selection.AssetTypeId is { } typeId)
        {
            var assetsOfType = db.Assets.Where(a => a.AssetTypeId == typeId).Select(a => a.Id);
            query = query.Where(s => s.SelectionAssetTypeId == typeId || s.Assets.Any(a => assetsOfType.Contains(a.AssetId)));
        }

        var schedules = await query.OrderBy(s => s.Id).Take(MaxSchedules + 1).AsSplitQuery().ToListAsync(ct);
        if (schedules.Count > MaxSchedules)
        {
            return Error.Invalid("selection", $"The selection matches more than {MaxSchedules} schedules; narrow it down.");
        }

        return schedules.Count == 0 ? Error.Invalid("selection", "The selection matches no schedule.") : schedules;
    }

    private static void Set<T>(List<BulkScheduleChange> changes, MaintenanceSchedule schedule, string field, T current, T? requested, Action<T?> assign)
    {
        var from = History.Format(current);
        var to = History.Format(requested);
        if (requested is not null && !string.Equals(from, to, StringComparison.Ordinal))
        {
            changes.Add(new BulkScheduleChange(schedule.Id, schedule.Name, field, from, to));
            assign(requested);
        }
    }
}
