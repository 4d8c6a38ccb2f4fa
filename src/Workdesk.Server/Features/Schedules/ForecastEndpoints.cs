using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.Schedules;

/// <summary>Number of occurrences and estimated hours of one group of projected work.</summary>
/// <param name="Key">The asset id, team id ("none" for unassigned work) or the Monday that starts the week, such as "2026-03-02".</param>
public sealed record ForecastGroup(string Key, string? Label, int Count, double Hours);

public sealed record ForecastResponse(
    DateTimeOffset From, DateTimeOffset Until, int Count, double Hours,
    IReadOnlyList<ForecastGroup> ByAsset, IReadOnlyList<ForecastGroup> ByTeam, IReadOnlyList<ForecastGroup> ByWeek);

public static class ForecastEndpoints
{
    public static void MapForecastEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/forecast").WithTags("Schedules").RequireAuthorization().RequireRole(RoleRequirement.Staff);
        group.MapGet("", Summary).WithName("GetMaintenanceForecast")
            .WithSummary("Counts the due preventive work and its estimated hours per asset, team and week, over the next months (default 12, at most 24).");
        group.MapGet("/occurrences", Occurrences).WithName("ListForecastOccurrences")
            .WithSummary($"Lists the projected due occurrences one by one, soonest first (at most {Forecast.MaxItems}).");
    }

    private static async Task<IResult> Summary(
        int? months, long? teamId, long? assetId, long? userId, Forecast forecast, WorkdeskDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (months is < 1 or > 24)
        {
            return Problems.Invalid("months", "months must be between 1 and 24.");
        }

        var from = clock.GetUtcNow();
        var until = from.AddMonths(months ?? 12);
        var items = await forecast.ProjectAsync(from, until, new ForecastFilter(teamId, userId, assetId), ct);
        var byAsset = items.GroupBy(i => i.AssetId)
            .Select(g => new ForecastGroup(g.Key.ToString(CultureInfo.InvariantCulture), g.First().AssetTag, g.Count(), g.Sum(i => i.EstimatedHours)))
            .OrderBy(g => g.Label, StringComparer.Ordinal).ToList();
        var teamIds = items.Where(i => i.TeamId is not null).Select(i => i.TeamId!.Value).Distinct().ToList();
        var teamNames = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var byTeam = items.GroupBy(i => i.TeamId)
            .Select(g => new ForecastGroup(
                g.Key?.ToString(CultureInfo.InvariantCulture) ?? "none", g.Key is { } id ? teamNames.GetValueOrDefault(id) : null, g.Count(), g.Sum(i => i.EstimatedHours)))
            .OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var byWeek = items.GroupBy(i => WeekStart(i.Local))
            .Select(g => new ForecastGroup(g.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null, g.Count(), g.Sum(i => i.EstimatedHours)))
            .OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        return Results.Ok(new ForecastResponse(from, until, items.Count, items.Sum(i => i.EstimatedHours), byAsset, byTeam, byWeek));
    }

    private static async Task<IResult> Occurrences(int? months, long? teamId, long? assetId, long? userId, Forecast forecast, TimeProvider clock, CancellationToken ct)
    {
        if (months is < 1 or > 24)
        {
            return Problems.Invalid("months", "months must be between 1 and 24.");
        }

        var from = clock.GetUtcNow();
        return Results.Ok(await forecast.ProjectAsync(from, from.AddMonths(months ?? 12), new ForecastFilter(teamId, userId, assetId), ct));
    }

    /// <summary>Returns the Monday of the ISO week that contains the local date.</summary>
    public static DateOnly WeekStart(DateTime local)
    {
        var date = DateOnly.FromDateTime(local);
        var sinceMonday = ((int)date.DayOfWeek + 6) % 7;
        return date.AddDays(-sinceMonday);
    }
}
