using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.People;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.Auth;

namespace Workdesk.Server.Features.Live;

/// <summary>
/// The SignalR hub that notifies open screens of changes. Staff join the "staff" group and get
/// every work order and request change; requesters and vendors get no live events and reload instead.
/// </summary>
[Authorize]
public sealed class LiveHub(WorkdeskDbContext db) : Hub
{
    public const string Path = "/hubs/live";
    public const string StaffGroup = "staff";

    public override async Task OnConnectedAsync()
    {
        // A hub runs in its own scope, where the per-request CurrentUser is not filled in, so the
        // role is read here from the connection's user.
        var userId = Context.User is { } principal ? CurrentUser.ReadUserId(principal) : null;
        var role = userId is { } id
            ? await db.Users.Where(u => u.Id == id && u.IsActive).Select(u => (Role?)u.Role).SingleOrDefaultAsync(Context.ConnectionAborted)
            : null;

        // NOTE: staff whose role covers only some sites also receive the ids and statuses of work
        // orders elsewhere; the records themselves stay hidden, because reading one still returns 404.
        if (role is { } staffRole && staffRole.IsStaff())
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, StaffGroup, Context.ConnectionAborted);
            Context.Items[StaffGroup] = true;
        }

        await base.OnConnectedAsync();
    }

    /// <summary>
    /// Returns whether this connection receives live events. SignalR runs a connection's hub
    /// calls only after <see cref="OnConnectedAsync"/>, so a caller that awaits the result misses
    /// no later event, although its start may complete earlier.
    /// </summary>
    public bool ReceivesUpdates() => Context.Items.ContainsKey(StaffGroup);
}

public sealed record WorkOrderChanged(long Id, int Version, WorkOrderStatus Status);

public sealed record RequestChanged(long Id);

/// <summary>
/// Collects change events during a request and sends them once the response has completed
/// successfully, so that no event announces a change that was rolled back. Outside an HTTP
/// request (the command-line tool) nothing is sent.
/// </summary>
public sealed partial class LiveUpdates(IHubContext<LiveHub> hub, IHttpContextAccessor http, ILogger<LiveUpdates> logger)
{
    private readonly List<(string Method, object Payload)> pending = [];

    public void WorkOrderChanged(WorkOrder workOrder) =>
        Queue("workOrderChanged", new WorkOrderChanged(workOrder.Id, workOrder.Version, workOrder.Status));

    public void RequestChanged(long requestId) => Queue("requestChanged", new RequestChanged(requestId));

    private void Queue(string method, object payload)
    {
        if (http.HttpContext is not { } context)
        {
            return;
        }

        if (pending.Count == 0)
        {
            context.Response.OnCompleted(() => context.Response.StatusCode < 400 ? FlushAsync() : Task.CompletedTask);
        }

        pending.Add((method, payload));
    }

    private async Task FlushAsync()
    {
        foreach (var (method, payload) in pending)
        {
            try
            {
                await hub.Clients.Group(LiveHub.StaffGroup).SendAsync(method, payload);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or TimeoutException)
            {
                LogSendFailed(logger, e, method);
            }
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Sending the live update {Method} failed; open screens refresh on their next load")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string method);
}
