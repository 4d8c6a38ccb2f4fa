using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.Maintenance;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Features.WorkOrders;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.Schedules;

/// <summary>One schedule that deviates from its manufacturer's interval, and why.</summary>
/// <param name="Status">"approved", or "unapproved" until an administrator approves the justification.</param>
public sealed record DeviationReportEntry(
    long ScheduleId, string Name, string Interval, string ManufacturerInterval, string? Justification,
    string Status, long? ApprovedById, string? ApprovedByName, DateTimeOffset? ApprovedAt);

/// <summary>
/// Alternative maintenance: a schedule may run at another interval than the manufacturer's when
/// a justification is recorded and an administrator approves it. Until then it is flagged.
/// </summary>
public static class DeviationEndpoints
{
    public static void MapDeviationEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/schedules").WithTags("Schedules").RequireAuthorization();
        group.MapPost("/{id:long}/deviation/approve", Approve).WithName("ApproveScheduleDeviation").RequireRole(RoleRequirement.Administrators)
            .WithSummary("Records the current user's approval of the schedule's deviation from the manufacturer's interval.");
        group.MapGet("/deviations", Report).WithName("ListScheduleDeviations").RequireRole(RoleRequirement.Staff)
            .WithSummary("Lists every schedule that deviates from the manufacturer's interval, with the justification and approval; unapproved ones first.");
    }

    private static async Task<IResult> Approve(long id, WorkdeskDbContext db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var schedule = await db.MaintenanceSchedules.Include(s => s.Assets).SingleOrDefaultAsync(s => s.Id == id, ct);
        if (schedule is null)
        {
            return Error.NotFound("Schedule", id).ToProblem();
        }

        if (!MaintenanceIntervals.Deviates(schedule))
        {
            return Error.Conflict("The schedule follows the manufacturer's interval, or none is recorded; there is no deviation to approve.").ToProblem();
        }

        if (string.IsNullOrWhiteSpace(schedule.DeviationJustification))
        {
            return Error.Conflict("Record a deviationJustification on the schedule before approving its deviation.").ToProblem();
        }

        schedule.DeviationApprovedById = user.Id;
        schedule.DeviationApprovedAt = clock.GetUtcNow();
        new History(db, clock, user.Id).Record(ScheduleEndpoints.HistoryEntity, id, "deviation_approved", "interval", schedule.ManufacturerInterval, MaintenanceIntervals.Describe(schedule));
        await db.SaveChangesAsync(ct);
        return Results.Ok(ScheduleResponse.From(schedule));
    }

    private static async Task<IResult> Report(WorkdeskDbContext db, CancellationToken ct)
    {
        var candidates = await db.MaintenanceSchedules.AsNoTracking().Where(s => s.ManufacturerInterval != null).OrderBy(s => s.Id).ToListAsync(ct);
        var approverIds = candidates.Where(s => s.DeviationApprovedById != null).Select(s => s.DeviationApprovedById!.Value).Distinct().ToList();
        var approvers = await db.Users.Where(u => approverIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var entries = candidates.Where(MaintenanceIntervals.Deviates)
            .Select(s => new DeviationReportEntry(
                s.Id, s.Name, MaintenanceIntervals.Describe(s), s.ManufacturerInterval!, s.DeviationJustification,
                ScheduleResponse.DeviationStatusOf(s), s.DeviationApprovedById,
                s.DeviationApprovedById is { } approver ? approvers.GetValueOrDefault(approver) : null, s.DeviationApprovedAt))
            .OrderBy(e => e.Status == "approved")
            .ThenBy(e => e.ScheduleId)
            .ToList();
        return Results.Ok(entries);
    }
}
