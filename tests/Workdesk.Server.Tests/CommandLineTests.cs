using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests;

/// <summary>The `workdesk` program as a user runs it: a real process, a real SQLite file, Kestrel on loopback.</summary>
public sealed partial class CommandLineTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("workdesk-cli-").FullName;

    public void Dispose()
    {
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Serve_FirstStart_CreatesDatabaseAndAdministrator()
    {
        await using var server = WorkdeskProcess.Start(folder, "serve", "--urls", "http://127.0.0.1:0");

        var listening = await server.WaitForLineAsync("Workdesk is listening on", TimeSpan.FromSeconds(60));
        var password = PasswordLine().Match(await server.WaitForLineAsync("Initial password", TimeSpan.FromSeconds(5))).Groups[1].Value;
        var url = UrlPattern().Match(listening).Value;
        using var client = new HttpClient(new HttpClientHandler { UseCookies = true }) { BaseAddress = new Uri(url) };
        var health = await client.GetAsync("/health");
        var signIn = await client.PostAsJsonAsync("/api/v1/auth/sign-in", new { email = "admin@workdesk.local", password });
        var me = await client.GetAsync("/api/v1/me");

        Assert.True(File.Exists(Path.Combine(folder, "data", "workdesk.db")));
        Assert.StartsWith("http://127.0.0.1:", url, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task UserAddAndToken_GiveWorkingApiAccess()
    {
        var add = await WorkdeskProcess.RunAsync(folder, "user", "add", "--email", "dana@example.test", "--role", "Dispatcher");
        var token = await WorkdeskProcess.RunAsync(folder, "user", "token", "--email", "dana@example.test", "--token-name", "script");
        var duplicate = await WorkdeskProcess.RunAsync(folder, "user", "add", "--email", "dana@example.test");

        Assert.Equal(0, add.ExitCode);
        Assert.Contains("Password:", add.Output, StringComparison.Ordinal);
        Assert.Equal(0, token.ExitCode);
        Assert.StartsWith("wd_", token.Output.Trim().Split('\n')[^1], StringComparison.Ordinal);
        Assert.Equal(1, duplicate.ExitCode);
        Assert.Contains("already exists", duplicate.Output, StringComparison.Ordinal);

        await using var server = WorkdeskProcess.Start(folder, "--urls", "http://127.0.0.1:0");
        var url = UrlPattern().Match(await server.WaitForLineAsync("Workdesk is listening on", TimeSpan.FromSeconds(60))).Value;
        using var client = new HttpClient { BaseAddress = new Uri(url) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.Output.Trim().Split('\n')[^1]);
        var me = await client.GetFromJsonAsync<Features.Auth.MeResponse>("/api/v1/me", HttpExtensions.Json);

        Assert.Equal("dana@example.test", me!.Email);
        Assert.DoesNotContain("Initial password", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_BadInput_LoggedAsClientErrorNotServerError()
    {
        await using var server = WorkdeskProcess.Start(folder, "serve", "--urls", "http://127.0.0.1:0");
        var url = UrlPattern().Match(await server.WaitForLineAsync("Workdesk is listening on", TimeSpan.FromSeconds(60))).Value;
        var password = PasswordLine().Match(await server.WaitForLineAsync("Initial password", TimeSpan.FromSeconds(5))).Groups[1].Value;
        using var client = new HttpClient(new HttpClientHandler { UseCookies = true }) { BaseAddress = new Uri(url) };
        await client.PostAsJsonAsync("/api/v1/auth/sign-in", new { email = "admin@workdesk.local", password });

        using var badJson = new StringContent("{\"title\": 5, \"priority\": \"bogus\"}", System.Text.Encoding.UTF8, "application/json");
        var badBody = await client.PostAsync("/api/v1/work-orders", badJson);
        var badQuery = await client.GetAsync("/api/v1/forecast?months=abc");
        await server.WaitForLineAsync("responded 400", TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.BadRequest, badBody.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badQuery.StatusCode);
        Assert.Contains("'abc' is not a valid value for 'months': it must be a whole number.", await badQuery.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("responded 500", server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(" ERR]", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownProvider_FailsWithClearMessage()
    {
        var result = await WorkdeskProcess.RunAsync(folder, "--database", "oracle", "migrate");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("'oracle' is unknown", result.Output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"Initial password: (\S+)")]
    private static partial Regex PasswordLine();

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex UrlPattern();
}
