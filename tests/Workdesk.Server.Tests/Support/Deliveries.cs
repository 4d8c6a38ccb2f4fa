using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Workdesk.Data;
using Workdesk.Server.Features.Notifications;
using Workdesk.Server.Features.Webhooks;
using Workdesk.Server.Hosting;

namespace Workdesk.Server.Tests.Support;

/// <summary>
/// Runs the delivery jobs now instead of waiting for their next turn. The server's own jobs may
/// claim a message first, so each method also waits until every claimed message is sent.
/// </summary>
public static class Deliveries
{
    private static readonly TimeSpan ClaimWait = TimeSpan.FromSeconds(30);

    public static async Task DeliverEmailsAsync(this WorkdeskApp app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();
        var job = new OutboxDeliveryJob(db, scope.ServiceProvider.GetRequiredService<SmtpEmailSender>(),
            TimeProvider.System, NullLogger<OutboxDeliveryJob>.Instance);
        await job.DeliverDueAsync(CancellationToken.None);
        await WaitWhileClaimedAsync(ct => db.OutboxMessages.AnyAsync(m => m.SentAt == null && m.FailedAt == null && m.LockedUntil != null, ct));
    }

    public static async Task DeliverWebhooksAsync(this WorkdeskApp app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();
        var job = new WebhookDeliveryJob(db, scope.ServiceProvider.GetRequiredService<IOptions<ServerSettings>>(),
            TimeProvider.System, NullLogger<WebhookDeliveryJob>.Instance);
        await job.DeliverDueAsync(CancellationToken.None);
        await WaitWhileClaimedAsync(ct => db.WebhookDeliveries.AnyAsync(d => d.DeliveredAt == null && d.FailedAt == null && d.LockedUntil != null, ct));
    }

    /// <summary>Polls while <paramref name="claimedLeft"/> returns true, for at most <see cref="ClaimWait"/>.</summary>
    private static async Task WaitWhileClaimedAsync(Func<CancellationToken, Task<bool>> claimedLeft)
    {
        using var timeout = new CancellationTokenSource(ClaimWait);
        while (await claimedLeft(timeout.Token))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
        }
    }
}
