using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workdesk.Data;
using Workdesk.Server.Features.Webhooks;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests;

public abstract class WebhookTests(WorkdeskApp app)
{
    private static async Task<WebhookResponse> SubscribeAsync(TestUser admin, string url, params string[] eventTypes)
    {
        var response = await admin.Client.PostJsonAsync("/api/v1/webhooks", new { name = "Receiver " + Guid.NewGuid().ToString("N")[..6], url, eventTypes });
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return await response.ReadAsync<WebhookResponse>();
    }

    [Fact]
    public async Task Created_IsDeliveredSigned()
    {
        using var receiver = new WebhookReceiver();
        var admin = await app.CreateAdminAsync();
        var subscription = await SubscribeAsync(admin, receiver.Url, "work_order.created");
        var title = "Webhook " + Guid.NewGuid().ToString("N")[..6];

        await admin.WorkOrderAsync(new { title });
        await app.DeliverWebhooksAsync();
        var post = receiver.Received.Single(r => r.Body.Contains(title, StringComparison.Ordinal));

        Assert.Equal("work_order.created", post.Headers["X-Workdesk-Event"]);
        Assert.Equal(WebhookDeliveryJob.Sign(subscription.Secret!, post.Headers["X-Workdesk-Timestamp"], post.Body), post.Headers["X-Workdesk-Signature"]);
        Assert.Contains("\"type\":\"work_order.created\"", post.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedDelivery_IsRetriedAndReplayable()
    {
        using var receiver = new WebhookReceiver();
        receiver.AnswerNext(500);
        var admin = await app.CreateAdminAsync();
        var subscription = await SubscribeAsync(admin, receiver.Url, "request.received");

        await admin.Client.PostJsonAsync("/api/v1/requests", new { title = "Hook request" });
        await app.DeliverWebhooksAsync();
        var afterFailure = (await (await admin.Client.GetAsync($"/api/v1/webhooks/{subscription.Id}/deliveries")).ReadAsync<List<DeliveryResponse>>()).Single();
        var replay = await admin.Client.PostAsync($"/api/v1/webhooks/deliveries/{afterFailure.Id}/replay", null);
        await app.DeliverWebhooksAsync();
        var afterReplay = (await (await admin.Client.GetAsync($"/api/v1/webhooks/{subscription.Id}/deliveries")).ReadAsync<List<DeliveryResponse>>()).Single();

        Assert.Equal(500, afterFailure.LastStatusCode);
        Assert.Null(afterFailure.DeliveredAt);
        Assert.True(afterFailure.AvailableAt > DateTimeOffset.UtcNow);
        await replay.ShouldBeAsync(HttpStatusCode.Accepted);
        Assert.NotNull(afterReplay.DeliveredAt);
        Assert.Equal(2, afterReplay.Attempts);
        Assert.Equal(2, receiver.Received.Count);
    }

    [Fact]
    public async Task RolledBackChange_QueuesNothing()
    {
        using var receiver = new WebhookReceiver();
        var admin = await app.CreateAdminAsync();
        var subscription = await SubscribeAsync(admin, receiver.Url, "work_order.created");

        var invalid = await admin.Client.PostJsonAsync("/api/v1/work-orders", new { title = "Bad", locationId = 987654321 });
        using var scope = app.Services.CreateScope();
        var queued = await scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>().WebhookDeliveries.CountAsync(d => d.SubscriptionId == subscription.Id);

        await invalid.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.Equal(0, queued);
    }

    [Theory]
    [InlineData("ftp://example.test/hook", "work_order.created", "url")]
    [InlineData("not a url", "work_order.created", "url")]
    [InlineData("https://example.test/hook", "work_order.exploded", "eventTypes")]
    public async Task Subscribe_Invalid_NamesField(string url, string eventType, string field)
    {
        var admin = await app.CreateAdminAsync();

        var response = await admin.Client.PostJsonAsync("/api/v1/webhooks", new { name = "Bad", url, eventTypes = new[] { eventType } });

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.True((await response.ReadObjectAsync())["errors"]!.AsObject().ContainsKey(field));
    }
}

public sealed class WebhookSqliteTests(SqliteApp app) : WebhookTests(app), IClassFixture<SqliteApp>;

public sealed class WebhookPostgresTests(PostgresApp app) : WebhookTests(app), IClassFixture<PostgresApp>;

public class WebhookTargetTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.16.0.1", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("192.168.1.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("93.184.216.34", false)]
    [InlineData("2001:db8::1", false)]
    public void IsInternal_ClassifiesAddresses(string address, bool expected)
    {
        Assert.Equal(expected, WebhookTargets.IsInternal(IPAddress.Parse(address)));
    }

    [Fact]
    public async Task Client_RefusesLoopbackByDefault()
    {
        using var receiver = new WebhookReceiver();
        using var client = WebhookTargets.CreateClient(allowInternal: false);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync(receiver.Url, new StringContent("{}")));

        Assert.Contains("internal address", error.Message, StringComparison.Ordinal);
        Assert.Empty(receiver.Received);
    }
}
