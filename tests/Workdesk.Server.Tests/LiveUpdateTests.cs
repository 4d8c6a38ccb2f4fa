using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Workdesk.Domain.People;
using Workdesk.Server.Features.Live;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests;

/// <summary>Staff screens hear about committed changes over SignalR; requesters hear nothing.</summary>
public abstract class LiveUpdateTests(WorkdeskApp app)
{
    /// <summary>Connects and waits until the server has decided whether the connection receives events.</summary>
    private async Task<HubConnection> ConnectAsync(TestUser user, bool receivesUpdates = true)
    {
        var token = user.Client.DefaultRequestHeaders.Authorization!.Parameter;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "hubs/live"), options =>
            {
                options.Transports = HttpTransportType.LongPolling;
                options.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                options.AccessTokenProvider = () => Task.FromResult(token);
            })
            .Build();
        await connection.StartAsync();
        Assert.Equal(receivesUpdates, await connection.InvokeAsync<bool>(nameof(LiveHub.ReceivesUpdates)));
        return connection;
    }

    [Fact]
    public async Task Dispatcher_HearsNewWorkOrder()
    {
        var dispatcher = await app.CreateUserAsync(Role.Dispatcher);
        var admin = await app.CreateAdminAsync();
        await using var connection = await ConnectAsync(dispatcher);
        var heard = new TaskCompletionSource<WorkOrderChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<WorkOrderChanged>("workOrderChanged", change => heard.TrySetResult(change));

        var created = await admin.WorkOrderAsync(new { title = "Live " + Guid.NewGuid().ToString("N")[..6] });
        var change = await heard.Task.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(created.Id, change.Id);
        Assert.Equal(Domain.WorkOrders.WorkOrderStatus.Open, change.Status);
    }

    [Fact]
    public async Task Requester_HearsNothing()
    {
        var requester = await app.CreateUserAsync(Role.Requester);
        var dispatcher = await app.CreateUserAsync(Role.Dispatcher);
        var admin = await app.CreateAdminAsync();
        await using var requesterConnection = await ConnectAsync(requester, receivesUpdates: false);
        await using var dispatcherConnection = await ConnectAsync(dispatcher);
        var requesterHeard = 0;
        var dispatcherHeard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        requesterConnection.On<WorkOrderChanged>("workOrderChanged", _ => Interlocked.Increment(ref requesterHeard));
        dispatcherConnection.On<WorkOrderChanged>("workOrderChanged", _ => dispatcherHeard.TrySetResult());

        await admin.WorkOrderAsync(new { title = "Quiet" });
        await dispatcherHeard.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await Task.Delay(500);

        Assert.Equal(0, requesterHeard);
    }
}

public sealed class LiveUpdateSqliteTests(SqliteApp app) : LiveUpdateTests(app), IClassFixture<SqliteApp>;

public sealed class LiveUpdatePostgresTests(PostgresApp app) : LiveUpdateTests(app), IClassFixture<PostgresApp>;
