using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Workdesk.Bench.Load;

namespace Workdesk.Bench.Drills;

/// <summary>
/// Kills the server with SIGKILL in the middle of a create load and starts it again on the same
/// data. Then it checks that every create a client saw acknowledged (201 with an id) is there, that
/// the database passes its integrity checks, and that no work order is half-written.
/// </summary>
internal static class KillDrill
{
    private static readonly TimeSpan FirstAcknowledgementLimit = TimeSpan.FromSeconds(60);

    public static async Task<DrillResult> RunAsync(
        ServerLaunch launch, string token, int clients, TimeSpan killAfter, TextWriter output, CancellationToken ct)
    {
        var result = new DrillResult("kill drill");
        var runId = DrillIds.New();
        var acknowledged = new ConcurrentDictionary<long, string>();
        var failures = new ConcurrentDictionary<string, int>();
        long unanswered = 0;

        await using (var server = await ServerProcess.StartAsync(launch, TimeSpan.FromSeconds(60), ct))
        {
            await output.WriteLineAsync($"server PID {server.Pid} on {server.BaseAddress}; {clients} clients create work orders, SIGKILL after {killAfter.TotalSeconds:F1} s");
            using var client = CreateClient(server.BaseAddress, token, clients);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var serverGone = false;

            async Task CreateLoopAsync(int clientNumber)
            {
                for (var sequence = 0; !stop.IsCancellationRequested; sequence++)
                {
                    var title = $"Kill drill {runId} client {clientNumber} number {sequence}";
                    try
                    {
                        var (status, created, _) = await DrillClient.CreateAsync(client, title, idempotencyKey: null, stop.Token);
                        if (status == HttpStatusCode.Created && created is not null)
                        {
                            acknowledged[created.Id] = title;
                        }
                        else
                        {
                            failures.AddOrUpdate($"HTTP {(int)status}", 1, (_, n) => n + 1);
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
                    {
                        // Requests in flight when the server died get no response: they were never acknowledged.
                        Interlocked.Increment(ref unanswered);
                        if (Volatile.Read(ref serverGone))
                        {
                            return;
                        }
                    }
                }
            }

            var loops = Enumerable.Range(1, clients).Select(n => Task.Run(() => CreateLoopAsync(n), CancellationToken.None)).ToArray();
            await Task.Delay(killAfter, ct);
            await WaitForFirstAcknowledgementAsync(acknowledged, ct);
            var acknowledgedBeforeKill = acknowledged.Count;
            await server.KillAsync();
            Volatile.Write(ref serverGone, true);
            await stop.CancelAsync();
            await Task.WhenAll(loops);
            await output.WriteLineAsync($"killed PID {server.Pid} with SIGKILL after {acknowledgedBeforeKill} acknowledged creates");
        }

        result.Figures["acknowledged creates"] = acknowledged.Count;
        result.Figures["requests without a response"] = unanswered;
        result.Check("creates before the kill succeeded", failures.IsEmpty,
            failures.IsEmpty ? "no error status" : string.Join(", ", failures.Select(f => $"{f.Value} x {f.Key}")));
        result.Check("some creates were acknowledged before the kill", !acknowledged.IsEmpty, $"{acknowledged.Count} acknowledged");

        var restart = Stopwatch.StartNew();
        await using (var server = await ServerProcess.StartAsync(launch, TimeSpan.FromSeconds(120), ct))
        {
            result.Figures["restart to first answered request (ms)"] = restart.ElapsedMilliseconds;
            using var client = CreateClient(server.BaseAddress, token, 8);
            var missing = new ConcurrentBag<long>();
            await Parallel.ForEachAsync(acknowledged, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (entry, token) =>
            {
                var (status, found, _) = await DrillClient.GetAsync(client, entry.Key, token);
                if (status != HttpStatusCode.OK || found?.Title != entry.Value)
                {
                    missing.Add(entry.Key);
                }
            });
            result.Check("every acknowledged create is present after the restart", missing.IsEmpty,
                missing.IsEmpty ? $"all {acknowledged.Count} found with their titles" : $"{missing.Count} missing, such as id {missing.Min()}");

            // Creates that committed although their response was lost are allowed, and counted.
            var committed = await DrillClient.CountMatchesAsync(client, runId, ct);
            result.Figures["drill work orders in the database"] = committed;
            result.Check("search finds at least the acknowledged creates", committed >= acknowledged.Count, $"{committed} found by q={runId}");

            await DatabaseChecks.RunAsync(launch.Database, result, ct);
        }

        return result;
    }

    /// <summary>
    /// Waits until a create has been acknowledged, for at most <see cref="FirstAcknowledgementLimit"/>,
    /// so that the kill falls during the load and not before it.
    /// </summary>
    /// <remarks>
    /// A server that has just started compiles its create path on the first requests, which on a
    /// busy machine can take longer than the planned time before the kill.
    /// </remarks>
    private static async Task WaitForFirstAcknowledgementAsync(ConcurrentDictionary<long, string> acknowledged, CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        while (acknowledged.IsEmpty && waited.Elapsed < FirstAcknowledgementLimit)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), ct);
        }
    }

    internal static HttpClient CreateClient(Uri baseAddress, string token, int clients)
    {
        var client = new HttpClient(LoopbackAddress.CreateHandler(clients), disposeHandler: true)
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

/// <summary>Ids that mark one drill's records: letters only, so that search reads each as one word.</summary>
internal static class DrillIds
{
    public static string New() => "drill" + new string([.. Guid.NewGuid().ToString("N").Select(c => (char)('a' + (Convert.ToInt32(c.ToString(), 16) % 26))).Take(12)]);
}
