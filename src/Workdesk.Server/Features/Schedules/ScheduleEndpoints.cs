using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.Maintenance;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Features.WorkOrders;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.Schedules;

/// <summary>Preventive maintenance schedules: create, change, preview and generate their work.</summary>
public static class ScheduleEndpoints
{
    public const string HistoryEntity = "schedule";
    public const int MaxPreview = 100;

    public static void MapScheduleEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/schedules").WithTags("Schedules").RequireAuthorization().RequireRole(RoleRequirement.Staff);
        group.MapGet("", List).WithName("ListSchedules")
            .WithSummary("Lists schedules, filtered by q (name), trigger, teamId and deviation (none, approved, unapproved).");
        group.MapGet("/{id:long}", Get).WithName("GetSchedule").WithSummary("Returns one schedule.");
        group.MapPost("", Create).WithName("CreateSchedule").RequireRole(RoleRequirement.Dispatchers)
            .WithSummary("Creates a schedule for listed assets or a saved selection, with a calendar, floating, meter or condition trigger.");
        group.MapPut("/{id:long}", Replace).WithName("ReplaceSchedule").RequireRole(RoleRequirement.Dispatchers)
            .WithSummary("Replaces a schedule; changing its interval drops an earlier deviation approval.");
        group.MapPost("/preview", Preview).WithName("PreviewSchedule")
            .WithSummary($"Returns the next due times (count, default 10, at most {MaxPreview}) of an unsaved schedule after from (default now), without storing anything.");
        group.MapGet("/{id:long}/occurrences", Occurrences).WithName("ListScheduleOccurrences")
            .WithSummary("Lists the occurrences generated so far, newest first, with their work orders.");
        group.MapGet("/{id:long}/history", HistoryOf).WithName("GetScheduleHistory").WithSummary("Lists the recorded changes of a schedule, oldest first.");
        group.MapPost("/generate", Generate).WithName("GenerateScheduledWork").RequireRole(RoleRequirement.Administrators)
            .WithSummary("Runs the generation job now and returns what it did; the job also runs on its own every minute by default.");
    }

    private static async Task<IResult> List(
        string? q, ScheduleTrigger? trigger, long? teamId, string? deviation, WorkdeskDbContext db, CancellationToken ct)
    {
        var query = db.MaintenanceSchedules.AsNoTracking().Include(s => s.Assets).AsQueryable();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = "%" + TextSearch.EscapeLike(q.Trim()) + "%";
            query = db.Provider == DatabaseProvider.Postgres
                ? query.Where(s => EF.Functions.ILike(s.Name, pattern, "\\"))
                : query.Where(s => EF.Functions.Like(s.Name, pattern, "\\"));
        }

        if (trigger is { } kind)
        {
            query = query.Where(s => s.Trigger == kind);
        }

        if (teamId is { } team)
        {
            query = query.Where(s => s.TeamId == team);
        }

        var schedules = (await query.OrderBy(s => s.Name).ThenBy(s => s.Id).Take(1000).AsSplitQuery().ToListAsync(ct)).Select(ScheduleResponse.From);
        if (!string.IsNullOrWhiteSpace(deviation))
        {
            schedules = schedules.Where(s => string.Equals(s.DeviationStatus, deviation, StringComparison.OrdinalIgnoreCase));
        }

        return Results.Ok(schedules.ToList());
    }

    private static async Task<IResult> Get(long id, WorkdeskDbContext db, CancellationToken ct)
    {
        var schedule = await db.MaintenanceSchedules.AsNoTracking().Include(s => s.Assets).SingleOrDefaultAsync(s => s.Id == id, ct);
        return schedule is null ? Error.NotFound("Schedule", id).ToProblem() : Results.Ok(ScheduleResponse.From(schedule));
    }

    private static async Task<IResult> Create(ScheduleRequest request, WorkdeskDbContext db, ScheduleRules rules, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        if (await rules.CheckAsync(request, ct) is { } error)
        {
            return error.ToProblem();
        }

        var now = clock.GetUtcNow();
        var schedule = new MaintenanceSchedule { Name = request.Name, CreatedById = user.Id, CreatedAt = now, UpdatedAt = now };
        ScheduleRules.Apply(request, schedule);
        db.MaintenanceSchedules.Add(schedule);
        await db.SaveChangesAsync(ct);
        new History(db, clock, user.Id).Record(HistoryEntity, schedule.Id, "created", "interval", null, MaintenanceIntervals.Describe(schedule));
        await db.SaveChangesAsync(ct);
        return Results.Created($"/api/v1/schedules/{schedule.Id}", ScheduleResponse.From(schedule));
    }

    private static async Task<IResult> Replace(long id, ScheduleRequest request, WorkdeskDbContext db, ScheduleRules rules, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var schedule = await db.MaintenanceSchedules.Include(s => s.Assets).SingleOrDefaultAsync(s => s.Id == id, ct);
        if (schedule is null)
        {
            return Error.NotFound("Schedule", id).ToProblem();
        }

        if (await rules.CheckAsync(request, ct) is { } error)
        {
            return error.ToProblem();
        }

        var before = ScheduleResponse.From(schedule);
        var recurrenceBefore = (schedule.Trigger, schedule.Rule, schedule.StartsAt, schedule.TimeZone);
        ScheduleRules.Apply(request, schedule);
        schedule.UpdatedAt = clock.GetUtcNow();
        if (schedule.Trigger == ScheduleTrigger.Calendar && recurrenceBefore != (schedule.Trigger, schedule.Rule, schedule.StartsAt, schedule.TimeZone))
        {
            schedule.RecurrenceChangedAt = schedule.UpdatedAt;
        }

        var after = ScheduleResponse.From(schedule);
        var history = new History(db, clock, user.Id);
        foreach (var property in typeof(ScheduleResponse).GetProperties())
        {
            if (property.Name is nameof(ScheduleResponse.Version) or nameof(ScheduleResponse.AssetIds))
            {
                continue;
            }

            history.FieldChanged(HistoryEntity, id, char.ToLowerInvariant(property.Name[0]) + property.Name[1..], property.GetValue(before), property.GetValue(after));
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("The schedule was changed by someone else at the same moment; reload it and apply your change again.").ToProblem();
        }

        return Results.Ok(ScheduleResponse.From(schedule));
    }

    private static async Task<IResult> Preview(
        ScheduleRequest request, int? count, DateTimeOffset? from, WorkdeskDbContext db, ScheduleRules rules, TimeProvider clock, CancellationToken ct)
    {
        if (count is < 1 or > MaxPreview)
        {
            return Problems.Invalid("count", $"count must be between 1 and {MaxPreview}.");
        }

        if (await rules.CheckAsync(request, ct) is { } error)
        {
            return error.ToProblem();
        }

        var schedule = new MaintenanceSchedule { Name = request.Name };
        ScheduleRules.Apply(request, schedule);
        var zone = await PreviewZoneAsync(db, schedule, ct);
        var due = SchedulePreview.Next(schedule, zone, from ?? clock.GetUtcNow(), count ?? 10);
        var note = schedule.Trigger is ScheduleTrigger.Meter or ScheduleTrigger.Condition
            ? "Meter and condition schedules fall due on readings, so they have no due times to preview."
            : schedule.Trigger == ScheduleTrigger.Floating
                ? "Floating due times assume each work order is completed on its due date; an earlier or later completion moves the rest."
                : null;
        return Results.Ok(new SchedulePreviewResponse(due, note));
    }

    /// <summary>
    /// Resolves the zone of the first target asset the way generation does, so that a schedule
    /// selecting assets by category or type previews in their location's zone rather than UTC.
    /// Without any matching asset, the selected location's zone applies, else UTC.
    /// </summary>
    private static async Task<string> PreviewZoneAsync(WorkdeskDbContext db, MaintenanceSchedule schedule, CancellationToken ct)
    {
        var targets = new ScheduleTargets(db);
        var assets = await targets.ResolveAsync(schedule, ct);
        if (assets.Count > 0)
        {
            return assets[0].TimeZone;
        }

        return schedule.TimeZone ?? await targets.LocationTimeZoneAsync(schedule.SelectionLocationId, ct) ?? Recurrence.DefaultTimeZone;
    }

    private static async Task<IResult> Occurrences(long id, WorkdeskDbContext db, CancellationToken ct)
    {
        if (!await db.MaintenanceSchedules.AnyAsync(s => s.Id == id, ct))
        {
            return Error.NotFound("Schedule", id).ToProblem();
        }

        var occurrences = await db.ScheduleOccurrences.AsNoTracking().Where(o => o.ScheduleId == id)
            .OrderByDescending(o => o.DueAt).ThenByDescending(o => o.Id).Take(1000)
            .Select(o => new OccurrenceResponse(o.Id, o.ScheduleId, o.AssetId, o.Key, o.DueAt, o.State, o.WorkOrderId, o.MeterTarget))
            .ToListAsync(ct);
        return Results.Ok(occurrences);
    }

    private static async Task<IResult> HistoryOf(long id, WorkdeskDbContext db, CancellationToken ct) =>
        await db.MaintenanceSchedules.AnyAsync(s => s.Id == id, ct)
            ? Results.Ok(await History.ListAsync(db, HistoryEntity, id, ct))
            : Error.NotFound("Schedule", id).ToProblem();

    private static async Task<IResult> Generate(ScheduleGenerator generator, TimeProvider clock, CancellationToken ct) =>
        Results.Ok(await generator.GenerateAsync(clock.GetUtcNow(), null, ct));
}
