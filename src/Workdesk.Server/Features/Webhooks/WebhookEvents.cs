using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Integrations;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.Webhooks;

/// <summary>
/// Queues an event for every active subscription to its type. The deliveries are added to the
/// caller's unit of work, so they commit or roll back with the change they report.
/// </summary>
public sealed class WebhookEvents(WorkdeskDbContext db, TimeProvider clock, JsonSerializerOptions json, ReferenceData reference)
{
    private List<(long Id, HashSet<string> Types)>? subscriptions;

    public async Task QueueAsync(string eventType, object data, CancellationToken ct)
    {
        subscriptions ??= await reference.GetAsync("webhook-subscriptions", async (context, token) =>
            (await context.WebhookSubscriptions.AsNoTracking().Where(s => s.IsActive)
                .Select(s => new { s.Id, s.EventTypes }).ToListAsync(token))
            .Select(s => (s.Id, new HashSet<string>(JsonSerializer.Deserialize<List<string>>(s.EventTypes) ?? [], StringComparer.Ordinal)))
            .ToList(), ct);
        var now = clock.GetUtcNow();
        foreach (var (id, types) in subscriptions.Where(s => s.Types.Contains(eventType)))
        {
            var payload = JsonSerializer.Serialize(new { type = eventType, occurredAt = now, data }, json);
            db.WebhookDeliveries.Add(new WebhookDelivery { SubscriptionId = id, EventType = eventType, Payload = payload, CreatedAt = now, AvailableAt = now });
        }
    }
}
