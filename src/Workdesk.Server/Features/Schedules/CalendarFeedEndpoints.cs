using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.Maintenance;
using Workdesk.Domain.People;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.Schedules;

/// <summary>A calendar subscription for exactly one of a team or a technician.</summary>
public sealed record CreateCalendarFeedRequest(long? TeamId = null, long? UserId = null);

public sealed record CalendarFeedResponse(long Id, long? TeamId, long? UserId, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>The created feed with its secret subscription address, which is shown only this once.</summary>
public sealed record CreatedCalendarFeedResponse(CalendarFeedResponse Feed, string Url);

/// <summary>
/// iCalendar (RFC 5545) feeds of the forecast for a team or a technician. Calendar applications
/// cannot send headers, so the secret is part of the address; only its hash is stored.
/// </summary>
public static class CalendarFeedEndpoints
{
    public const string TokenPrefix = "wdc_";
    public const int FeedMonths = 12;

    public static void MapCalendarFeedEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/calendar-feeds").WithTags("Schedules");
        group.MapPost("", Create).WithName("CreateCalendarFeed").RequireAuthorization().RequireRole(RoleRequirement.Staff)
            .WithSummary("Creates a subscription address for a team's or a technician's scheduled work; technicians may create one for themselves only.");
        group.MapGet("", List).WithName("ListCalendarFeeds").RequireAuthorization().RequireRole(RoleRequirement.Dispatchers)
            .WithSummary("Lists calendar feeds without their secrets.");
        group.MapDelete("/{id:long}", Revoke).WithName("RevokeCalendarFeed").RequireAuthorization().RequireRole(RoleRequirement.Dispatchers)
            .WithSummary("Revokes a calendar feed; its address stops working at once.");
        group.MapGet("/{token}.ics", Feed).WithName("GetCalendarFeed").AllowAnonymous()
            .Produces(StatusCodes.Status200OK, contentType: "text/calendar")
            .WithSummary($"Returns the scheduled work of the next {FeedMonths} months as text/calendar; the secret in the address is the authentication.");
    }

    private static CalendarFeedResponse Describe(CalendarFeed feed) => new(feed.Id, feed.TeamId, feed.UserId, feed.CreatedAt, feed.RevokedAt);

    private static async Task<IResult> Create(CreateCalendarFeedRequest request, HttpContext http, WorkdeskDbContext db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        if ((request.TeamId is null) == (request.UserId is null))
        {
            return Problems.Invalid("teamId", "Give exactly one of teamId or userId.");
        }

        if (user.Role == Role.Technician && request.UserId != user.Id)
        {
            return Error.Forbidden("Technicians may create a calendar feed for their own work only: send userId with your own id.").ToProblem();
        }

        if (request.TeamId is { } teamId && !await db.Teams.AnyAsync(t => t.Id == teamId, ct))
        {
            return Problems.Invalid("teamId", $"Team {teamId} does not exist.");
        }

        if (request.UserId is { } userId && !await db.Users.AnyAsync(u => u.Id == userId, ct))
        {
            return Problems.Invalid("userId", $"User {userId} does not exist.");
        }

        var secret = TokenPrefix + ApiTokens.NewSecret()[ApiTokens.TokenPrefix.Length..];
        var feed = new CalendarFeed
        {
            TeamId = request.TeamId, UserId = request.UserId, TokenHash = ApiTokens.Hash(secret), CreatedById = user.Id, CreatedAt = clock.GetUtcNow(),
        };
        db.CalendarFeeds.Add(feed);
        await db.SaveChangesAsync(ct);
        var url = $"{http.Request.Scheme}://{http.Request.Host}/api/v1/calendar-feeds/{secret}.ics";
        return Results.Created($"/api/v1/calendar-feeds/{feed.Id}", new CreatedCalendarFeedResponse(Describe(feed), url));
    }

    private static async Task<IResult> List(WorkdeskDbContext db, CancellationToken ct) =>
        Results.Ok((await db.CalendarFeeds.AsNoTracking().OrderBy(f => f.Id).ToListAsync(ct)).Select(Describe).ToList());

    private static async Task<IResult> Revoke(long id, WorkdeskDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var feed = await db.CalendarFeeds.SingleOrDefaultAsync(f => f.Id == id, ct);
        if (feed is null)
        {
            return Error.NotFound("Calendar feed", id).ToProblem();
        }

        feed.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return Results.NoContent();
    }

    private static async Task<IResult> Feed(string token, WorkdeskDbContext db, Forecast forecast, TimeProvider clock, CancellationToken ct)
    {
        var hash = ApiTokens.Hash(token);
        var feed = await db.CalendarFeeds.AsNoTracking().SingleOrDefaultAsync(f => f.TokenHash == hash && f.RevokedAt == null, ct);
        if (feed is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: "This calendar address is unknown or was revoked; ask for a new one.");
        }

        var now = clock.GetUtcNow();
        var items = await forecast.ProjectAsync(now, now.AddMonths(FeedMonths), new ForecastFilter(feed.TeamId, feed.UserId), ct);
        var calendar = new Ical.Net.Calendar { ProductId = "-//Workdesk//Preventive maintenance//EN" };
        calendar.AddProperty("X-WR-CALNAME", $"Workdesk: {await FeedOwnerAsync(db, feed, ct)} maintenance");
        // RFC 5545 requires at least one component in a calendar, also when no work is due, so the
        // feed always carries the VTIMEZONE of UTC, the zone its event times are written in.
        calendar.AddTimeZone("UTC");
        var stamp = new CalDateTime(now.UtcDateTime, "UTC");
        foreach (var item in items)
        {
            var start = new CalDateTime(item.DueAt.UtcDateTime, "UTC");
            var minutes = (int)Math.Clamp(Math.Round(item.EstimatedHours * 60), 15, 24 * 60);
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"{item.ScheduleId}-{item.AssetId}-{item.DueAt.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}@workdesk",
                Summary = $"{item.ScheduleName}: {item.AssetTag}",
                Description = item.Instructions,
                DtStart = start,
                DtEnd = start.AddMinutes(minutes),
                DtStamp = stamp,
            });
        }

        var text = new CalendarSerializer().SerializeToString(calendar) ?? "";
        return Results.Text(text, "text/calendar; charset=utf-8");
    }

    /// <summary>Returns the team name or the user's display name that the feed is for.</summary>
    private static async Task<string> FeedOwnerAsync(WorkdeskDbContext db, CalendarFeed feed, CancellationToken ct)
    {
        var name = feed.TeamId is { } teamId
            ? await db.Teams.Where(t => t.Id == teamId).Select(t => t.Name).SingleOrDefaultAsync(ct)
            : await db.Users.Where(u => u.Id == feed.UserId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
        return name ?? (feed.TeamId is not null ? "team" : "my");
    }
}
