using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Workdesk.Bench.Drills;

/// <summary>The few API calls the drills make, with the status code kept for the checks.</summary>
internal static class DrillClient
{
    /// <summary>Number of search matches a drill's server counts exactly, above what any drill creates.</summary>
    public const int ExactCountLimit = 10_000_000;

    /// <summary>A work order as the drills read it from a response.</summary>
    public sealed record WorkOrder(long Id, string Title, string? Description, int Version);

    public static async Task<(HttpStatusCode Status, WorkOrder? Created, bool Replayed)> CreateAsync(
        HttpClient client, string title, string? idempotencyKey, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/work-orders")
        {
            Content = JsonContent.Create(new { title, priority = "medium" }),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await client.SendAsync(request, ct);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            return (response.StatusCode, null, false);
        }

        var replayed = response.Headers.TryGetValues("Idempotency-Replayed", out var values) && values.Contains("true");
        return (response.StatusCode, await ReadWorkOrderAsync(response, ct), replayed);
    }

    public static async Task<(HttpStatusCode Status, WorkOrder? Found, string? ETag)> GetAsync(HttpClient client, long id, CancellationToken ct)
    {
        using var response = await client.GetAsync(new Uri($"api/v1/work-orders/{id}", UriKind.Relative), ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (response.StatusCode, null, null);
        }

        return (response.StatusCode, await ReadWorkOrderAsync(response, ct), response.Headers.ETag?.ToString());
    }

    /// <summary>Sends a JSON merge patch of the description with If-Match, and returns the status and the new ETag.</summary>
    public static async Task<(HttpStatusCode Status, string? ETag)> PatchDescriptionAsync(
        HttpClient client, long id, string description, string ifMatch, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"api/v1/work-orders/{id}")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { description }), System.Text.Encoding.UTF8, "application/merge-patch+json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        using var response = await client.SendAsync(request, ct);
        return (response.StatusCode, response.Headers.ETag?.ToString());
    }

    /// <summary>Returns the new values of the history entries that changed <paramref name="field"/>.</summary>
    public static async Task<List<string?>> FieldChangesAsync(HttpClient client, long id, string field, CancellationToken ct)
    {
        using var response = await client.GetAsync(new Uri($"api/v1/work-orders/{id}/history", UriKind.Relative), ct);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        var items = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement : document.RootElement.GetProperty("items");
        return [.. items.EnumerateArray()
            .Where(e => e.GetProperty("action").GetString() == "field_changed" && e.GetProperty("field").GetString() == field)
            .Select(e => e.GetProperty("newValue").GetString())];
    }

    /// <summary>Returns how many work orders the search <paramref name="q"/> finds.</summary>
    public static async Task<long> CountMatchesAsync(HttpClient client, string q, CancellationToken ct)
    {
        using var response = await client.GetAsync(new Uri("api/v1/work-orders?pageSize=1&q=" + Uri.EscapeDataString(q), UriKind.Relative), ct);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        var root = document.RootElement;
        var count = root.GetProperty("totalCount").GetInt64();
        if (root.TryGetProperty("totalCountIsLowerBound", out var lowerBound) && lowerBound.GetBoolean())
        {
            throw new InvalidOperationException(
                $"The search for {q} matched more than the {count} work orders the server counts exactly. Start it with Workdesk__Search__ExactCountLimit of at least {ExactCountLimit}.");
        }

        return count;
    }

    private static async Task<WorkOrder> ReadWorkOrderAsync(HttpResponseMessage response, CancellationToken ct)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        var root = document.RootElement;
        var description = root.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        return new WorkOrder(root.GetProperty("id").GetInt64(), root.GetProperty("title").GetString()!, description, root.GetProperty("version").GetInt32());
    }
}
