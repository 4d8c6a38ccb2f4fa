using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Workdesk.Bench.Generate;
using Workdesk.Bench.Load;

namespace Workdesk.Bench.Tests;

/// <summary>
/// Runs every workload briefly against the real server, hosted in-process on a generated data set,
/// and checks the counts and errors. These tests assert correctness only, never timing.
/// </summary>
public class LoadSmokeTests
{
    private static readonly DataSetSize Small = new(WorkOrders: 300, Locations: 40, Users: 20, Seed: 3, Newest: new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

    private static readonly LoadLimits Limits = new(Clients: 2, Duration: TimeSpan.FromSeconds(20), MaxRequests: 12);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Workloads_run_without_errors(string provider)
    {
        await using var database = BenchDatabase.Create(provider);
        var generated = await database.GenerateAsync(Small);
        await using var server = new BenchServer(database);
        using var client = server.CreateClientWithToken(generated.Token.Secret);
        var ct = TestContext.Current.CancellationToken;

        // The test host runs the server in this process, so this process's CPU time is the server's.
        using var self = Process.GetCurrentProcess();
        var run = await LoadCommand.RunWorkloadsAsync(client, Limits, TimeSpan.Zero, Workloads.All, null, "smoke", TextWriter.Null, ct, self);

        Assert.Equal(300, run.Server.WorkOrderCount);
        Assert.Equal(300, run.Server.MaxWorkOrderId);
        Assert.Equal(generated.Locations.Buildings, run.Server.LocationIds.Count);
        Assert.Equal(Workloads.All, run.Workloads.Select(w => w.Name));
        foreach (var workload in run.Workloads)
        {
            Assert.True(workload.Errors == 0, $"{workload.Name}: {workload.FirstError}");
            Assert.Equal(Limits.MaxRequests, workload.Requests);
            Assert.True(workload.Latency.P50 > 0, $"{workload.Name} has no latency");
            Assert.NotNull(workload.ServerCpuMillisecondsPerRequest);
        }

        var after = await Workloads.DiscoverAsync(client, null, ct);
        Assert.Equal(300 + Limits.MaxRequests, after.WorkOrderCount);
    }

    [Fact]
    public async Task Runner_counts_unexpected_status_as_error()
    {
        await using var database = BenchDatabase.Create("sqlite");
        var generated = await database.GenerateAsync(Small);
        await using var server = new BenchServer(database);
        using var client = server.CreateClientWithToken(generated.Token.Secret);
        var missing = new Workload("missing", HttpStatusCode.OK, _ => new HttpRequestMessage(HttpMethod.Get, "api/v1/work-orders/999999"));

        var result = await new LoadRunner(client).RunAsync(missing, Limits, TestContext.Current.CancellationToken);

        Assert.Equal(Limits.MaxRequests, result.Requests);
        Assert.Equal(Limits.MaxRequests, result.Errors);
        Assert.Equal(Limits.MaxRequests, result.ErrorKinds["HTTP 404"]);
        Assert.Equal(0, result.RequestsPerSecond);
        Assert.Contains("999999", result.FirstError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discover_reports_wrong_token()
    {
        await using var database = BenchDatabase.Create("sqlite");
        await database.GenerateAsync(Small);
        await using var server = new BenchServer(database);
        using var client = server.CreateClientWithToken("wd_not-a-real-token");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => Workloads.DiscoverAsync(client, null, TestContext.Current.CancellationToken));
        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.Contains("token", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The real server in a test host, reading the generated database.</summary>
    private sealed class BenchServer(BenchDatabase database) : WebApplicationFactory<Program>
    {
        public HttpClient CreateClientWithToken(string token)
        {
            var client = CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Workdesk:DataDirectory", database.DataDirectory);
            builder.UseSetting("Workdesk:Database:Provider", database.Provider);
            if (database.Provider == "postgres")
            {
                builder.UseSetting("Workdesk:Database:ConnectionString", database.Settings.ConnectionString);
            }
        }
    }
}
