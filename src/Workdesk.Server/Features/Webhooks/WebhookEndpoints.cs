using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.Integrations;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.Webhooks;

/// <summary>A subscription as the API shows it; the secret is shown only when created.</summary>
public sealed record WebhookResponse(long Id, string Name, string Url, IReadOnlyList<string> EventTypes, bool IsActive, string? Secret);

public sealed record CreateWebhookRequest(string Name, string Url, IReadOnlyList<string> EventTypes);

public sealed record DeliveryResponse(
    long Id, string EventType, DateTimeOffset CreatedAt, int Attempts, int? LastStatusCode, string? LastError,
    DateTimeOffset? DeliveredAt, DateTimeOffset? FailedAt, DateTimeOffset AvailableAt);

public static class WebhookEndpoints
{
    public static void MapWebhookEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/webhooks").WithTags("Webhooks").RequireAuthorization().RequireRole(RoleRequirement.Administrators);
        group.MapGet("/", List).WithName("ListWebhooks").WithSummary("Lists webhook subscriptions.");
        group.MapPost("/", Create).WithName("CreateWebhook")
            .WithSummary("Subscribes a URL to event types; the response carries the signing secret once.");
        group.MapDelete("/{id:long}", Delete).WithName("DeleteWebhook").WithSummary("Deletes a subscription and its delivery log.");
        group.MapGet("/{id:long}/deliveries", Deliveries).WithName("ListWebhookDeliveries").WithSummary("Lists the latest deliveries of a subscription, newest first.");
        group.MapPost("/deliveries/{id:long}/replay", Replay).WithName("ReplayWebhookDelivery")
            .WithSummary("Sends a delivery again as soon as the delivery job runs, whatever its earlier outcome.");
    }

    private static async Task<IResult> List(WorkdeskDbContext db, CancellationToken ct) =>
        Results.Ok((await db.WebhookSubscriptions.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct)).Select(s => ToResponse(s, secret: null)).ToList());

    private static async Task<IResult> Create(CreateWebhookRequest request, WorkdeskDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
        {
            return Problems.Invalid("name", "name is required, at most 200 characters.");
        }

        if (WebhookTargets.CheckUrl(request.Url) is { } urlError)
        {
            return Problems.Invalid("url", urlError);
        }

        var unknown = (request.EventTypes ?? []).Where(t => !WebhookEventTypes.All.Contains(t)).ToList();
        if (request.EventTypes is null || request.EventTypes.Count == 0 || unknown.Count > 0)
        {
            return Problems.Invalid("eventTypes", $"eventTypes must list one or more of: {string.Join(", ", WebhookEventTypes.All)}.");
        }

        var subscription = new WebhookSubscription
        {
            Name = request.Name.Trim(),
            Url = request.Url,
            Secret = "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)),
            EventTypes = JsonSerializer.Serialize(request.EventTypes.Distinct()),
            CreatedAt = clock.GetUtcNow(),
        };
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveChangesAsync(ct);
        return Results.Created($"/api/v1/webhooks/{subscription.Id}", ToResponse(subscription, subscription.Secret));
    }

    private static async Task<IResult> Delete(long id, WorkdeskDbContext db, CancellationToken ct) =>
        await db.WebhookSubscriptions.Where(s => s.Id == id).ExecuteDeleteAsync(ct) == 0
            ? Error.NotFound("Webhook", id).ToProblem()
            : Results.NoContent();

    private static async Task<IResult> Deliveries(long id, WorkdeskDbContext db, CancellationToken ct) =>
        Results.Ok(await db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == id).OrderByDescending(d => d.Id).Take(Paging.MaxPageSize)
            .Select(d => new DeliveryResponse(d.Id, d.EventType, d.CreatedAt, d.Attempts, d.LastStatusCode, d.LastError, d.DeliveredAt, d.FailedAt, d.AvailableAt))
            .ToListAsync(ct));

    private static async Task<IResult> Replay(long id, WorkdeskDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var updated = await db.WebhookDeliveries.Where(d => d.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.DeliveredAt, (DateTimeOffset?)null)
            .SetProperty(d => d.FailedAt, (DateTimeOffset?)null)
            .SetProperty(d => d.LockedUntil, (DateTimeOffset?)null)
            .SetProperty(d => d.AvailableAt, now), ct);
        return updated == 0 ? Error.NotFound("Webhook delivery", id).ToProblem() : Results.Accepted();
    }

    private static WebhookResponse ToResponse(WebhookSubscription s, string? secret) =>
        new(s.Id, s.Name, s.Url, JsonSerializer.Deserialize<List<string>>(s.EventTypes) ?? [], s.IsActive, secret);
}
