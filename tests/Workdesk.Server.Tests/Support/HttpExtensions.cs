using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workdesk.Server.Hosting;

namespace Workdesk.Server.Tests.Support;

public static class HttpExtensions
{
    public static readonly JsonSerializerOptions Json = WebApp.CreateJsonOptions();

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body, string? idempotencyKey = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, body.GetType(), options: Json) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string url, string json, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, url)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/merge-patch+json"),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(Json))!;

    public static async Task<JsonObject> ReadObjectAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    public static string ETag(this HttpResponseMessage response) => response.Headers.ETag!.ToString();

    /// <summary>Asserts the status code and shows the body when it differs.</summary>
    public static async Task ShouldBeAsync(this HttpResponseMessage response, System.Net.HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            Assert.Fail($"Expected {(int)expected} {expected} but got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
