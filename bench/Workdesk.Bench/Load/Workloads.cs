using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Workdesk.Bench.Load;

/// <summary>What the workloads need to know about the server's data: where to filter and which ids exist.</summary>
internal sealed record ServerFacts(IReadOnlyList<long> LocationIds, long WorkOrderCount, long MaxWorkOrderId);

/// <summary>The workloads: create a work order, list a filtered and sorted page, search, and read one work order or its comments.</summary>
internal static class Workloads
{
    public const string Create = "create";
    public const string List = "list";
    public const string Get = "get";
    public const string Assets = "assets";
    public const string Search = "search";
    public const string Comments = "comments";

    /// <summary>The workloads run by default; <see cref="Assets"/> runs when named.</summary>
    public static readonly string[] All = [List, Get, Comments, Search, Create];

    /// <summary>
    /// Searches as maintenance staff type them: a part or fault with a make, a phrase from a title,
    /// a word still being typed, and a purchase order number from a comment. The generator writes
    /// these words (see SampleText), so each search finds some work orders.
    /// </summary>
    public static readonly string[] SearchTexts =
    [
        "grohe valve", "daikin filter", "otis door", "kone sensor", "siemens breaker", "trane belt",
        "leaking tap", "breaker tripping", "badge rejected", "lift stuck", "no hot water", "smoke detector",
        "thermost", "flicker", "gasket replac", "compressor nois", "ballast", "bearing",
    ];

    /// <summary>
    /// Reads the facts from the API. Without <paramref name="locationIds"/> it takes the buildings:
    /// the children of the first 20 top-level locations, or the top-level locations when they have none.
    /// </summary>
    public static async Task<ServerFacts> DiscoverAsync(HttpClient client, IReadOnlyList<long>? locationIds, CancellationToken ct)
    {
        using (var health = await client.GetAsync(new Uri("health", UriKind.Relative), ct))
        {
            if (!health.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"GET /health returned {(int)health.StatusCode}; is the server running and ready?");
            }
        }

        var newest = await GetJsonAsync(client, "api/v1/work-orders?sort=-id&pageSize=1", ct);
        var count = newest.GetProperty("totalCount").GetInt64();
        var items = newest.GetProperty("items");
        var maxId = items.GetArrayLength() > 0 ? items[0].GetProperty("id").GetInt64() : 0;

        if (locationIds is { Count: > 0 })
        {
            return new ServerFacts(locationIds, count, maxId);
        }

        var topLevel = await ListLocationIdsAsync(client, parentId: null, ct);
        var buildings = new List<long>();
        foreach (var parent in topLevel.Take(20))
        {
            buildings.AddRange(await ListLocationIdsAsync(client, parent, ct));
        }

        var chosen = buildings.Count > 0 ? buildings : topLevel;
        if (chosen.Count == 0)
        {
            throw new InvalidOperationException("The server has no locations to filter by. Generate a data set first, or pass --location-ids.");
        }

        return new ServerFacts(chosen, count, maxId);
    }

    public static Workload For(string name, ServerFacts facts) => name switch
    {
        Create => CreateWorkOrder(facts),
        List => ListOpenInBuilding(facts),
        Get => GetWorkOrder(facts),
        Assets => ListAssetsInBuilding(facts),
        Search => SearchWorkOrders(),
        Comments => GetComments(facts),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, $"Unknown workload; use {string.Join(", ", All)}."),
    };

    /// <summary>POST /api/v1/work-orders with a title, priority high and one of the locations.</summary>
    public static Workload CreateWorkOrder(ServerFacts facts) => new(Create, HttpStatusCode.Created, random =>
    {
        var locationId = facts.LocationIds[random.Next(facts.LocationIds.Count)];
        var body = JsonSerializer.Serialize(new
        {
            title = "Benchmark work order " + random.Next().ToString(CultureInfo.InvariantCulture),
            priority = "high",
            locationId,
        });

        // StringContent sends a Content-Length header, as browsers and most API clients do.
        return new HttpRequestMessage(HttpMethod.Post, "api/v1/work-orders")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
    });

    /// <summary>GET the first page of open and assigned work orders in a location's subtree, by due date.</summary>
    public static Workload ListOpenInBuilding(ServerFacts facts) => new(List, HttpStatusCode.OK, random =>
    {
        var locationId = facts.LocationIds[random.Next(facts.LocationIds.Count)];
        return new HttpRequestMessage(HttpMethod.Get, string.Create(
            CultureInfo.InvariantCulture, $"api/v1/work-orders?status=open,assigned&locationId={locationId}&sort=dueAt&pageSize=50"));
    });

    /// <summary>GET the first page of the assets anywhere in a location's subtree, the asset register's usual view of a building.</summary>
    public static Workload ListAssetsInBuilding(ServerFacts facts) => new(Assets, HttpStatusCode.OK, random =>
    {
        var locationId = facts.LocationIds[random.Next(facts.LocationIds.Count)];
        return new HttpRequestMessage(HttpMethod.Get, string.Create(
            CultureInfo.InvariantCulture, $"api/v1/assets?locationId={locationId}&pageSize=50"));
    });

    /// <summary>GET /api/v1/work-orders/{id} for an id drawn evenly from 1 to the largest id.</summary>
    public static Workload GetWorkOrder(ServerFacts facts)
    {
        if (facts.MaxWorkOrderId < 1)
        {
            throw new InvalidOperationException("The server has no work orders to read. Generate a data set first.");
        }

        return new Workload(Get, HttpStatusCode.OK, random =>
        {
            var id = random.NextInt64(1, facts.MaxWorkOrderId + 1);
            return new HttpRequestMessage(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"api/v1/work-orders/{id}"));
        });
    }

    /// <summary>
    /// GET the first 50 work orders, newest first, that match one of <see cref="SearchTexts"/>, or
    /// with one time in five a purchase order number "PO 1xxxxx" that few comments contain.
    /// </summary>
    public static Workload SearchWorkOrders() => new(Search, HttpStatusCode.OK, random =>
    {
        var text = random.Next(5) == 0
            ? "PO " + (100_000 + random.Next(900_000)).ToString(CultureInfo.InvariantCulture)
            : SearchTexts[random.Next(SearchTexts.Length)];
        return new HttpRequestMessage(HttpMethod.Get, "api/v1/work-orders?pageSize=50&q=" + Uri.EscapeDataString(text));
    });

    /// <summary>GET /api/v1/work-orders/{id}/comments for an id drawn evenly from 1 to the largest id.</summary>
    public static Workload GetComments(ServerFacts facts)
    {
        if (facts.MaxWorkOrderId < 1)
        {
            throw new InvalidOperationException("The server has no work orders to read. Generate a data set first.");
        }

        return new Workload(Comments, HttpStatusCode.OK, random =>
        {
            var id = random.NextInt64(1, facts.MaxWorkOrderId + 1);
            return new HttpRequestMessage(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"api/v1/work-orders/{id}/comments"));
        });
    }

    private static async Task<List<long>> ListLocationIdsAsync(HttpClient client, long? parentId, CancellationToken ct)
    {
        var query = parentId is { } id
            ? string.Create(CultureInfo.InvariantCulture, $"api/v1/locations?parentId={id}&pageSize=200")
            : "api/v1/locations?pageSize=200";
        var page = await GetJsonAsync(client, query, ct);
        return [.. page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetInt64())];
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string relativeUrl, CancellationToken ct)
    {
        using var response = await client.GetAsync(new Uri(relativeUrl, UriKind.Relative), ct);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            var hint = response.StatusCode == HttpStatusCode.Unauthorized ? " Check the API token." : "";
            throw new InvalidOperationException($"GET /{relativeUrl} returned {(int)response.StatusCode}.{hint} {body}".Trim());
        }

        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
        return document.RootElement.Clone();
    }
}
