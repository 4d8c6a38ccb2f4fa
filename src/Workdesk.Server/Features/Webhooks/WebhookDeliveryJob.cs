using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;
using Workdesk.Data;
using Workdesk.Domain.Integrations;
using Workdesk.Server.Hosting;

namespace Workdesk.Server.Features.Webhooks;

/// <summary>
/// Posts due webhook deliveries, each claimed first so that one node sends it. A response other
/// than 2xx, or no response, is retried after 1, 2, 4, ... minutes, up to <see cref="MaxAttempts"/> tries.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class WebhookDeliveryJob(
    WorkdeskDbContext db, IOptions<ServerSettings> settings, TimeProvider clock, ILogger<WebhookDeliveryJob> logger) : IJob
{
    public const int MaxAttempts = 10;
    public static readonly JobKey Key = new("webhook-delivery", "integrations");
    private static readonly TimeSpan ClaimDuration = TimeSpan.FromMinutes(2);

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => new(DeliverDueAsync(cancellationToken));

    /// <summary>Sends every due delivery once; returns how many succeeded.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.DeliveredAt == null && d.FailedAt == null && d.AvailableAt <= now && (d.LockedUntil == null || d.LockedUntil < now))
            .OrderBy(d => d.AvailableAt).ThenBy(d => d.Id)
            .Take(50)
            .ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }

        var subscriptionIds = due.Select(d => d.SubscriptionId).Distinct().ToList();
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking().Where(s => subscriptionIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        using var client = WebhookTargets.CreateClient(settings.Value.Webhooks.AllowInternalTargets);
        var delivered = 0;
        foreach (var delivery in due)
        {
            var until = now + ClaimDuration;
            var claimed = await db.WebhookDeliveries.Where(d => d.Id == delivery.Id && d.DeliveredAt == null && (d.LockedUntil == null || d.LockedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.LockedUntil, until), ct);
            if (claimed == 1 && subscriptions.TryGetValue(delivery.SubscriptionId, out var subscription) && await SendAsync(client, subscription, delivery, ct))
            {
                delivered++;
            }
        }

        return delivered;
    }

    /// <summary>Computes the signature header value: "sha256=" and the hex HMAC-SHA256 of timestamp "." body.</summary>
    public static string Sign(string secret, string timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body)));

    private async Task<bool> SendAsync(HttpClient client, WebhookSubscription subscription, WebhookDelivery delivery, CancellationToken ct)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Workdesk-Event", delivery.EventType);
        request.Headers.Add("X-Workdesk-Delivery", delivery.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("X-Workdesk-Timestamp", timestamp);
        request.Headers.Add("X-Workdesk-Signature", Sign(subscription.Secret, timestamp, delivery.Payload));

        int? status = null;
        string? error = null;
        try
        {
            using var response = await client.SendAsync(request, ct);
            status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                var deliveredAt = clock.GetUtcNow();
                await db.WebhookDeliveries.Where(d => d.Id == delivery.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(d => d.DeliveredAt, deliveredAt)
                    .SetProperty(d => d.LastStatusCode, status)
                    .SetProperty(d => d.Attempts, delivery.Attempts + 1), ct);
                return true;
            }

            error = $"The receiver answered {status}.";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            error = e.Message;
        }

        await RecordFailureAsync(delivery, status, error, ct);
        return false;
    }

    private async Task RecordFailureAsync(WebhookDelivery delivery, int? status, string? error, CancellationToken ct)
    {
        var attempts = delivery.Attempts + 1;
        var now = clock.GetUtcNow();
        var retryAt = now + TimeSpan.FromMinutes(Math.Pow(2, attempts - 1));
        DateTimeOffset? failedAt = attempts >= MaxAttempts ? now : null;
        var reason = error is { Length: > 2000 } ? error[..2000] : error;
        await db.WebhookDeliveries.Where(d => d.Id == delivery.Id).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Attempts, attempts)
            .SetProperty(d => d.AvailableAt, retryAt)
            .SetProperty(d => d.LockedUntil, (DateTimeOffset?)null)
            .SetProperty(d => d.LastStatusCode, status)
            .SetProperty(d => d.LastError, reason)
            .SetProperty(d => d.FailedAt, failedAt), ct);
        LogFailed(logger, delivery.Id, delivery.SubscriptionId, attempts, reason);
    }

    [LoggerMessage(EventId = 60, Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} to subscription {SubscriptionId} failed on attempt {Attempt}: {Reason}")]
    private static partial void LogFailed(ILogger logger, long deliveryId, long subscriptionId, int attempt, string? reason);
}
