using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workdesk.Data;
using Workdesk.Server.Features.Public;
using Workdesk.Server.Features.Requests;
using Workdesk.Server.Infrastructure;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests;

/// <summary>Requester emails go through the outbox and a real SMTP exchange with a local server.</summary>
public abstract class EmailTests(WorkdeskApp app)
{
    private static MultipartFormDataContent Form(string placeKey, string description, string email) => new()
    {
        { new StringContent(placeKey), "placeKey" },
        { new StringContent(description), "description" },
        { new StringContent(email), "contactEmail" },
    };

    private IEnumerable<string> MessagesTo(string email) =>
        app.Smtp.Messages.Where(m => m.Contains(email, StringComparison.Ordinal));

    [Fact]
    public async Task Requester_GetsReceiptDecisionAndCompletion()
    {
        var admin = await app.CreateAdminAsync();
        var room = await admin.LocationAsync("Office " + Guid.NewGuid().ToString("N")[..6]);
        var email = $"req-{Guid.NewGuid():N}@example.test";
        var receipt = await (await app.CreateClient().PostAsync("/api/v1/public/requests", Form(room.RequestKey, "Radiator is cold", email))).ReadAsync<PublicSubmissionResponse>();
        await app.DeliverEmailsAsync();
        var request = (await (await admin.Client.GetAsync($"/api/v1/requests?locationId={room.Id}")).ReadAsync<ListPage<WorkRequestResponse>>()).Items.Single();
        var approved = await (await admin.Client.PostJsonAsync($"/api/v1/requests/{request.Id}/approve", new { })).ReadAsync<ApproveResponse>();
        var workOrder = approved.WorkOrders.Single();
        var started = await admin.Client.PostJsonAsync($"/api/v1/work-orders/{workOrder.Id}/status", new { status = "in_progress" }, ifMatch: ETags.For(workOrder.Id, workOrder.Version));
        await admin.Client.PostJsonAsync($"/api/v1/work-orders/{workOrder.Id}/status", new { status = "completed", customFields = new { failure_problem = "not_working", failure_cause = "wear", failure_remedy = "repaired" } }, ifMatch: started.ETag());
        await app.DeliverEmailsAsync();
        await app.DeliverEmailsAsync();

        var received = MessagesTo(email).ToList();
        Assert.Equal(3, received.Count);
        Assert.Contains("We received your request", received[0], StringComparison.Ordinal);
        Assert.Contains($"https://workdesk.example.test/status/{receipt.StatusToken}", received[0], StringComparison.Ordinal);
        Assert.Contains("Work is planned", received[1], StringComparison.Ordinal);
        Assert.Contains("Done: Radiator is cold", received[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedDelivery_IsRetriedLaterNotLost()
    {
        var admin = await app.CreateAdminAsync();
        var room = await admin.LocationAsync("Lobby " + Guid.NewGuid().ToString("N")[..6]);
        var email = $"retry-{Guid.NewGuid():N}@example.test";
        app.Smtp.RejectRecipients = true;
        try
        {
            await app.CreateClient().PostAsync("/api/v1/public/requests", Form(room.RequestKey, "Door sticks", email));
            await app.DeliverEmailsAsync();
        }
        finally
        {
            app.Smtp.RejectRecipients = false;
        }

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();
        var message = await db.OutboxMessages.SingleAsync(m => m.Recipient == email);

        Assert.Null(message.SentAt);
        Assert.Equal(1, message.Attempts);
        Assert.True(message.AvailableAt > DateTimeOffset.UtcNow);
        Assert.Contains("550", message.LastError, StringComparison.Ordinal);
        Assert.Empty(MessagesTo(email));
    }

    [Fact]
    public async Task RequesterAccount_GetsReceiptWithoutContactEmail()
    {
        var requester = await app.CreateUserAsync(Domain.People.Role.Requester);
        var dispatcher = await app.CreateUserAsync(Domain.People.Role.Dispatcher);

        var own = await requester.Client.PostJsonAsync("/api/v1/requests", new { title = "Printer jammed " + Guid.NewGuid().ToString("N")[..6] });
        var recorded = await dispatcher.Client.PostJsonAsync("/api/v1/requests", new { title = "Called in: no water " + Guid.NewGuid().ToString("N")[..6] });
        await app.DeliverEmailsAsync();

        await own.ShouldBeAsync(HttpStatusCode.Created);
        await recorded.ShouldBeAsync(HttpStatusCode.Created);
        Assert.Contains("We received your request: Printer jammed", Assert.Single(MessagesTo(requester.Email)), StringComparison.Ordinal);
        Assert.Empty(MessagesTo(dispatcher.Email));
    }

    [Fact]
    public async Task NoContactEmail_QueuesNothing()
    {
        var admin = await app.CreateAdminAsync();
        var room = await admin.LocationAsync("Yard " + Guid.NewGuid().ToString("N")[..6]);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();
        var before = await db.OutboxMessages.CountAsync();

        var response = await app.CreateClient().PostAsync("/api/v1/public/requests", new MultipartFormDataContent
        {
            { new StringContent(room.RequestKey), "placeKey" },
            { new StringContent("Gate broken"), "description" },
        });

        await response.ShouldBeAsync(HttpStatusCode.Created);
        Assert.Equal(before, await db.OutboxMessages.CountAsync());
    }
}

public sealed class EmailSqliteTests(SqliteApp app) : EmailTests(app), IClassFixture<SqliteApp>;

public sealed class EmailPostgresTests(PostgresApp app) : EmailTests(app), IClassFixture<PostgresApp>;
