using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.Notifications;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.Notifications;

/// <summary>An in-app notification of the signed-in user.</summary>
public sealed record NotificationDto(long Id, string EventType, string Title, string? Body, long? WorkOrderId, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

public sealed record UnreadCountResponse(int Count);

public sealed record MarkedReadResponse(int Marked);

/// <summary>The channel for one event. IsDefault is true when the user has not chosen one.</summary>
public sealed record NotificationPreferenceDto(string EventType, NotificationChannel Channel, bool IsDefault);

/// <summary>Channels per event type, such as {"sla.at_risk": "digest"}. Event types left out keep their current channel.</summary>
public sealed record SavePreferencesRequest(IReadOnlyDictionary<string, NotificationChannel> Channels);

/// <summary>The signed-in user's in-app notifications and notification preferences.</summary>
public static class NotificationEndpoints
{
    public static void MapNotificationEndpoints(this IEndpointRouteBuilder api)
    {
        var notifications = api.MapGroup("/notifications").WithTags("Notifications").RequireAuthorization().RequireRole(RoleRequirement.Staff);
        notifications.MapGet("/", List).WithName("ListNotifications").WithSummary("Lists the signed-in user's notifications, newest first.");
        notifications.MapGet("/unread-count", UnreadCount).WithName("CountUnreadNotifications").WithSummary("Counts the signed-in user's unread notifications.");
        notifications.MapPost("/{id:long}/read", MarkRead).WithName("MarkNotificationRead").WithSummary("Marks one notification read; marking it again changes nothing.");
        notifications.MapPost("/read-all", MarkAllRead).WithName("MarkAllNotificationsRead").WithSummary("Marks every unread notification of the signed-in user read.");

        var preferences = api.MapGroup("/notification-preferences").WithTags("Notifications").RequireAuthorization().RequireRole(RoleRequirement.Staff);
        preferences.MapGet("/", ListPreferences).WithName("ListNotificationPreferences")
            .WithSummary("Lists the channel (in_app, email, digest, off) of every event type for the signed-in user.");
        preferences.MapPut("/", SavePreferences).WithName("SaveNotificationPreferences")
            .WithSummary("Sets the signed-in user's channel for the event types given.");
    }

    private static async Task<IResult> List(int? page, int? pageSize, bool? unreadOnly, WorkdeskDbContext db, CurrentUser currentUser, CancellationToken ct)
    {
        var paging = Paging.Resolve(page, pageSize);
        if (!paging.IsSuccess)
        {
            return paging.Error!.ToProblem();
        }

        var (number, size) = paging.Value;
        var query = db.Notifications.AsNoTracking().Where(n => n.UserId == currentUser.Id);
        if (unreadOnly == true)
        {
            query = query.Where(n => n.ReadAt == null);
        }

        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(n => n.Id).Skip((number - 1) * size).Take(size)
            .Select(n => new NotificationDto(n.Id, n.EventType, n.Title, n.Body, n.WorkOrderId, n.CreatedAt, n.ReadAt))
            .ToListAsync(ct);
        return Results.Ok(new ListPage<NotificationDto>(items, number, size, total));
    }

    private static async Task<IResult> UnreadCount(WorkdeskDbContext db, CurrentUser currentUser, CancellationToken ct) =>
        Results.Ok(new UnreadCountResponse(await db.Notifications.CountAsync(n => n.UserId == currentUser.Id && n.ReadAt == null, ct)));

    private static async Task<IResult> MarkRead(long id, WorkdeskDbContext db, CurrentUser currentUser, TimeProvider clock, CancellationToken ct)
    {
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == id && n.UserId == currentUser.Id, ct);
        if (notification is null)
        {
            return Error.NotFound("Notification", id).ToProblem();
        }

        notification.ReadAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return Results.NoContent();
    }

    private static async Task<IResult> MarkAllRead(WorkdeskDbContext db, CurrentUser currentUser, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var marked = await db.Notifications.Where(n => n.UserId == currentUser.Id && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        return Results.Ok(new MarkedReadResponse(marked));
    }

    private static async Task<IResult> ListPreferences(WorkdeskDbContext db, CurrentUser currentUser, CancellationToken ct) =>
        Results.Ok(await PreferencesOfAsync(db, currentUser.Id, ct));

    private static async Task<IResult> SavePreferences(SavePreferencesRequest request, WorkdeskDbContext db, CurrentUser currentUser, CancellationToken ct)
    {
        if (request.Channels is null || request.Channels.Count == 0)
        {
            return Error.Invalid("channels", "channels must map at least one event type to a channel, such as {\"sla.at_risk\": \"digest\"}.").ToProblem();
        }

        var unknown = request.Channels.Keys.Where(type => !NotificationEvents.Defaults.ContainsKey(type)).ToList();
        if (unknown.Count > 0)
        {
            return Error.Invalid("channels", $"Unknown event types: {string.Join(", ", unknown)}. Known event types: {string.Join(", ", NotificationEvents.Defaults.Keys)}.").ToProblem();
        }

        var types = request.Channels.Keys.ToList();
        var existing = await db.NotificationPreferences.Where(p => p.UserId == currentUser.Id && types.Contains(p.EventType)).ToDictionaryAsync(p => p.EventType, ct);
        foreach (var (type, channel) in request.Channels)
        {
            if (existing.TryGetValue(type, out var preference))
            {
                preference.Channel = channel;
            }
            else
            {
                db.NotificationPreferences.Add(new NotificationPreference { UserId = currentUser.Id, EventType = type, Channel = channel });
            }
        }

        await db.SaveChangesAsync(ct);
        return Results.Ok(await PreferencesOfAsync(db, currentUser.Id, ct));
    }

    private static async Task<List<NotificationPreferenceDto>> PreferencesOfAsync(WorkdeskDbContext db, long userId, CancellationToken ct)
    {
        var chosen = await db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == userId).ToDictionaryAsync(p => p.EventType, p => p.Channel, ct);
        return [.. NotificationEvents.Defaults
            .OrderBy(d => d.Key, StringComparer.Ordinal)
            .Select(d => chosen.TryGetValue(d.Key, out var channel)
                ? new NotificationPreferenceDto(d.Key, channel, IsDefault: false)
                : new NotificationPreferenceDto(d.Key, d.Value, IsDefault: true))];
    }
}
