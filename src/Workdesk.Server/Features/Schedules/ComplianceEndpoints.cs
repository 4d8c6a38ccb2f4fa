using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.Schedules;

/// <summary>PM compliance of one group: how much of its due preventive work was completed in time.</summary>
/// <param name="Due">Preventive work orders due in the period that are due by now or already completed; cancelled ones are left out.</param>
/// <param name="OnTimeRate">CompletedOnTime / Due, from 0 to 1; null when nothing was due.</param>
public sealed record ComplianceGroup(
    string Key, string? Label, int Due, int CompletedOnTime, int CompletedWithinTolerance, double? OnTimeRate, double? ToleranceRate);

public sealed record ComplianceResponse(
    DateTimeOffset From, DateTimeOffset To, int ToleranceDays, ComplianceGroup Overall,
    IReadOnlyList<ComplianceGroup> BySite, IReadOnlyList<ComplianceGroup> ByTeam, IReadOnlyList<ComplianceGroup> ByAssetType);

/// <summary>
/// PM compliance: the share of preventive work completed by its due date, and within a tolerance
/// after it. Preventive work is every work order created from a schedule and every work order of
/// type "preventive".
/// </summary>
public static class ComplianceEndpoints
{
    public const int DefaultToleranceDays = 3;

    public static void MapComplianceEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/pm-compliance", Report).WithTags("Schedules").WithName("GetPmCompliance")
            .RequireAuthorization().RequireRole(RoleRequirement.Staff)
            .WithSummary($"Returns PM compliance per site, team and asset type for work due from from to to (default: the last 90 days), with a tolerance of toleranceDays (default {DefaultToleranceDays}).");
    }

    private sealed record DueWork(long Id, DateTimeOffset DueAt, DateTimeOffset? CompletedAt, long? LocationId, long? AssetId, List<long> TeamIds);

    private static async Task<IResult> Report(DateTimeOffset? from, DateTimeOffset? to, int? toleranceDays, WorkdeskDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var end = to ?? now;
        var start = from ?? end.AddDays(-90);
        if (start >= end)
        {
            return Problems.Invalid("from", "from must be before to.");
        }

        if (end - start > TimeSpan.FromDays(3660))
        {
            return Problems.Invalid("from", "The period may span at most 10 years.");
        }

        if (toleranceDays is < 0 or > 365)
        {
            return Problems.Invalid("toleranceDays", "toleranceDays must be between 0 and 365.");
        }

        var tolerance = toleranceDays ?? DefaultToleranceDays;
        var scheduled = db.ScheduleOccurrences.Where(o => o.WorkOrderId != null).Select(o => o.WorkOrderId);
        var rows = await db.WorkOrders.AsNoTracking()
            .Where(w => w.DueAt >= start && w.DueAt < end && (w.DueAt <= now || w.CompletedAt != null) && w.Status != WorkOrderStatus.Cancelled
                && (w.Type == WorkOrderTypes.Preventive || scheduled.Contains(w.Id)))
            .Select(w => new { w.Id, DueAt = w.DueAt!.Value, w.CompletedAt, w.LocationId, w.AssetId, Teams = w.Assignments.Where(a => a.TeamId != null).Select(a => a.TeamId!.Value).ToList() })
            .ToListAsync(ct);
        var work = rows.Select(r => new DueWork(r.Id, r.DueAt, r.CompletedAt, r.LocationId, r.AssetId, r.Teams)).ToList();

        var locations = await db.Locations.AsNoTracking().Select(l => new { l.Id, l.Path, l.Name }).ToDictionaryAsync(l => l.Id, ct);
        var assetIds = work.Where(w => w.AssetId != null).Select(w => w.AssetId!.Value).Distinct().ToList();
        var assetTypes = await db.Assets.AsNoTracking().Where(a => assetIds.Contains(a.Id)).Select(a => new { a.Id, a.AssetTypeId }).ToDictionaryAsync(a => a.Id, a => a.AssetTypeId, ct);
        var typeNames = await db.AssetTypes.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var teamNames = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);

        (string Key, string? Label) SiteOf(DueWork w)
        {
            if (w.LocationId is not { } id || !locations.TryGetValue(id, out var location))
            {
                return ("none", null);
            }

            var rootId = long.Parse(location.Path.Split('/', StringSplitOptions.RemoveEmptyEntries)[0], System.Globalization.CultureInfo.InvariantCulture);
            return (rootId.ToString(System.Globalization.CultureInfo.InvariantCulture), locations.GetValueOrDefault(rootId)?.Name);
        }

        (string Key, string? Label) TypeOf(DueWork w) =>
            w.AssetId is { } assetId && assetTypes.GetValueOrDefault(assetId) is { } typeId
                ? (typeId.ToString(System.Globalization.CultureInfo.InvariantCulture), typeNames.GetValueOrDefault(typeId))
                : ("none", null);

        var byTeam = work.SelectMany(w => w.TeamIds.Count == 0
                ? [(Key: "none", Label: (string?)null, Work: w)]
                : w.TeamIds.Select(t => (Key: t.ToString(System.Globalization.CultureInfo.InvariantCulture), Label: teamNames.GetValueOrDefault(t), Work: w)))
            .GroupBy(x => (x.Key, x.Label), x => x.Work);
        var toleranceSpan = TimeSpan.FromDays(tolerance);
        return Results.Ok(new ComplianceResponse(
            start, end, tolerance,
            Summarize("all", null, work, toleranceSpan),
            Group(work, SiteOf, toleranceSpan),
            [.. byTeam.Select(g => Summarize(g.Key.Key, g.Key.Label, [.. g], toleranceSpan)).OrderBy(g => g.Key, StringComparer.Ordinal)],
            Group(work, TypeOf, toleranceSpan)));
    }

    private static List<ComplianceGroup> Group(List<DueWork> work, Func<DueWork, (string Key, string? Label)> keyOf, TimeSpan tolerance) =>
        [.. work.GroupBy(keyOf).Select(g => Summarize(g.Key.Key, g.Key.Label, [.. g], tolerance)).OrderBy(g => g.Key, StringComparer.Ordinal)];

    private static ComplianceGroup Summarize(string key, string? label, List<DueWork> work, TimeSpan tolerance)
    {
        var onTime = work.Count(w => w.CompletedAt <= w.DueAt);
        var withinTolerance = work.Count(w => w.CompletedAt <= w.DueAt + tolerance);
        double? Rate(int count) => work.Count == 0 ? null : Math.Round((double)count / work.Count, 4);
        return new ComplianceGroup(key, label, work.Count, onTime, withinTolerance, Rate(onTime), Rate(withinTolerance));
    }
}
