using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.Surveys;

/// <summary>One group of answered surveys: its key (a location id, team id or yyyy-MM month), a label, the count and the average rating.</summary>
public sealed record SatisfactionGroup(string Key, string Label, int Count, double Average);

public sealed record SatisfactionReportResponse(string GroupBy, DateTimeOffset From, DateTimeOffset To, int Count, double? Average, IReadOnlyList<SatisfactionGroup> Groups);

/// <summary>Satisfaction survey results for managers: average rating and count per site, team or month.</summary>
public static class SatisfactionReport
{
    public const int MaxDays = 3660;

    public static void MapSatisfactionReport(this IEndpointRouteBuilder api)
    {
        api.MapGet("/reports/satisfaction", Report).WithTags("Reports").RequireAuthorization().RequireRole(RoleRequirement.Dispatchers)
            .WithName("GetSatisfactionReport")
            .WithSummary("Averages the survey ratings answered in [from, to) per site (top-level location), team or month (UTC); the default period is the last 365 days.");
    }

    private static async Task<IResult> Report(string? groupBy, DateTimeOffset? from, DateTimeOffset? to, WorkdeskDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var grouping = (groupBy ?? "month").Trim().ToLowerInvariant();
        if (grouping is not ("site" or "team" or "month"))
        {
            return Problems.Invalid("groupBy", $"groupBy must be site, team or month; got '{groupBy}'.");
        }

        var end = (to ?? clock.GetUtcNow()).ToUniversalTime();
        var start = (from ?? end.AddDays(-365)).ToUniversalTime();
        if (start >= end || (end - start).TotalDays > MaxDays)
        {
            return Problems.Invalid("from", $"from must be before to, and the period at most {MaxDays} days.");
        }

        var answers = await db.SatisfactionSurveys.AsNoTracking()
            .Where(s => s.AnsweredAt >= start && s.AnsweredAt < end && s.Rating != null)
            .Join(db.WorkOrders, s => s.WorkOrderId, w => w.Id, (s, w) => new { s.Rating, s.AnsweredAt, w.Id, w.LocationId })
            .ToListAsync(ct);
        var groups = grouping switch
        {
            "month" => answers
                .GroupBy(a => a.AnsweredAt!.Value.ToUniversalTime().ToString("yyyy-MM", CultureInfo.InvariantCulture))
                .Select(g => Group(g.Key, g.Key, g.Select(a => a.Rating!.Value)))
                .ToList(),
            "site" => await BySiteAsync(db, answers.Select(a => (a.LocationId, a.Rating!.Value)).ToList(), ct),
            _ => await ByTeamAsync(db, answers.Select(a => (a.Id, a.Rating!.Value)).ToList(), ct),
        };
        var ratings = answers.Select(a => a.Rating!.Value).ToList();
        return Results.Ok(new SatisfactionReportResponse(
            grouping, start, end, ratings.Count, ratings.Count == 0 ? null : Math.Round(ratings.Average(), 2), [.. groups.OrderBy(g => g.Key, StringComparer.Ordinal)]));
    }

    private static SatisfactionGroup Group(string key, string label, IEnumerable<int> ratings)
    {
        var list = ratings.ToList();
        return new SatisfactionGroup(key, label, list.Count, Math.Round(list.Average(), 2));
    }

    /// <summary>Groups by the top-level location above each work order's location; work with no location is grouped as "none".</summary>
    private static async Task<List<SatisfactionGroup>> BySiteAsync(WorkdeskDbContext db, List<(long? LocationId, int Rating)> answers, CancellationToken ct)
    {
        var locationIds = answers.Where(a => a.LocationId is not null).Select(a => a.LocationId!.Value).Distinct().ToList();
        var paths = await db.Locations.AsNoTracking().Where(l => locationIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Path, ct);
        long? SiteOf(long? locationId) =>
            locationId is { } id && paths.TryGetValue(id, out var path)
                ? long.Parse(path.Split('/', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture)
                : null;
        var bySite = answers.GroupBy(a => SiteOf(a.LocationId)).ToList();
        var siteIds = bySite.Where(g => g.Key is not null).Select(g => g.Key!.Value).ToList();
        var names = await db.Locations.AsNoTracking().Where(l => siteIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Name, ct);
        return [.. bySite.Select(g => g.Key is { } site
            ? Group(site.ToString(CultureInfo.InvariantCulture), names.GetValueOrDefault(site, $"Location {site}"), g.Select(a => a.Rating))
            : Group("none", "No location", g.Select(a => a.Rating)))];
    }

    /// <summary>Groups by assigned team; a work order with two teams counts for both, and one with none is grouped as "none".</summary>
    private static async Task<List<SatisfactionGroup>> ByTeamAsync(WorkdeskDbContext db, List<(long WorkOrderId, int Rating)> answers, CancellationToken ct)
    {
        var workOrderIds = answers.Select(a => a.WorkOrderId).Distinct().ToList();
        var teamsOf = (await db.WorkOrderAssignments.AsNoTracking()
                .Where(a => workOrderIds.Contains(a.WorkOrderId) && a.TeamId != null)
                .Select(a => new { a.WorkOrderId, TeamId = a.TeamId!.Value })
                .ToListAsync(ct))
            .ToLookup(a => a.WorkOrderId, a => a.TeamId);
        var pairs = answers.SelectMany(a => teamsOf[a.WorkOrderId].Any()
            ? teamsOf[a.WorkOrderId].Select(team => ((long?)team, a.Rating))
            : [((long?)null, a.Rating)]).ToList();
        var teamIds = pairs.Where(p => p.Item1 is not null).Select(p => p.Item1!.Value).Distinct().ToList();
        var names = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return [.. pairs.GroupBy(p => p.Item1).Select(g => g.Key is { } team
            ? Group(team.ToString(CultureInfo.InvariantCulture), names.GetValueOrDefault(team, $"Team {team}"), g.Select(p => p.Rating))
            : Group("none", "No team", g.Select(p => p.Rating)))];
    }
}
