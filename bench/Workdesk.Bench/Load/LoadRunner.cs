using System.Diagnostics;
using System.Net;

namespace Workdesk.Bench.Load;

/// <summary>One kind of request that the clients send over and over, and the status that counts as success.</summary>
internal sealed record Workload(string Name, HttpStatusCode ExpectedStatus, Func<Random, HttpRequestMessage> CreateRequest);

/// <summary>Bounds of one workload run: clients in parallel, and it stops at the duration or the request count, whichever comes first.</summary>
internal sealed record LoadLimits(int Clients, TimeSpan Duration, long MaxRequests);

/// <summary>Latency percentiles in milliseconds, by the nearest-rank method over successful requests.</summary>
internal sealed record LatencySummary(double P50, double P95, double P99, double Max, double Mean)
{
    public static readonly LatencySummary Empty = new(0, 0, 0, 0, 0);

    public static LatencySummary FromStopwatchTicks(IReadOnlyCollection<long> ticks)
    {
        if (ticks.Count == 0)
        {
            return Empty;
        }

        var sorted = ticks.ToArray();
        Array.Sort(sorted);
        return new LatencySummary(
            ToMilliseconds(Percentile(sorted, 0.50)),
            ToMilliseconds(Percentile(sorted, 0.95)),
            ToMilliseconds(Percentile(sorted, 0.99)),
            ToMilliseconds(sorted[^1]),
            ToMilliseconds((long)sorted.Average()));
    }

    /// <summary>Returns the smallest value that at least <paramref name="fraction"/> of the sorted values do not exceed.</summary>
    public static long Percentile(long[] sorted, double fraction)
    {
        ArgumentOutOfRangeException.ThrowIfZero(sorted.Length);
        var rank = (int)Math.Ceiling(fraction * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    private static double ToMilliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}

/// <summary>
/// The outcome of one workload. <see cref="Requests"/> counts every completed request,
/// <see cref="Errors"/> those with an unexpected status or no response, and the throughput counts
/// successful requests per second of wall-clock time. <see cref="ServerCpuMillisecondsPerRequest"/>
/// is the server process's CPU time divided by the completed requests, when its PID was given.
/// </summary>
internal sealed record WorkloadResult(
    string Name,
    int Clients,
    long Requests,
    long Errors,
    double Seconds,
    double RequestsPerSecond,
    LatencySummary Latency,
    IReadOnlyDictionary<string, long> ErrorKinds,
    string? FirstError,
    double? ServerCpuMillisecondsPerRequest = null);

/// <summary>
/// Runs a workload as a closed loop: each client sends its next request when the previous response
/// has been read in full, until the time or the request count runs out.
/// </summary>
internal sealed class LoadRunner(HttpClient client)
{
    private const int MaxErrorDetailLength = 300;

    public async Task<WorkloadResult> RunAsync(Workload workload, LoadLimits limits, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.Clients);
        var issued = 0L;
        var started = Stopwatch.GetTimestamp();
        var workers = new Task<ClientTally>[limits.Clients];
        for (var i = 0; i < workers.Length; i++)
        {
            var seed = i;
            workers[i] = Task.Run(() => RunClientAsync(seed), ct);
        }

        var tallies = await Task.WhenAll(workers);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

        var latencies = new List<long>();
        var errorKinds = new Dictionary<string, long>(StringComparer.Ordinal);
        string? firstError = null;
        foreach (var tally in tallies)
        {
            latencies.AddRange(tally.Latencies);
            foreach (var (kind, count) in tally.Errors)
            {
                errorKinds[kind] = errorKinds.GetValueOrDefault(kind) + count;
            }

            firstError ??= tally.FirstError;
        }

        var errors = errorKinds.Values.Sum();
        return new WorkloadResult(
            workload.Name,
            limits.Clients,
            latencies.Count + errors,
            errors,
            seconds,
            seconds > 0 ? latencies.Count / seconds : 0,
            LatencySummary.FromStopwatchTicks(latencies),
            errorKinds,
            firstError);

        async Task<ClientTally> RunClientAsync(int clientIndex)
        {
            // Each client has its own generator, so clients do not contend on a shared one.
            var random = new Random(clientIndex);
            var tally = new ClientTally();
            while (!ct.IsCancellationRequested
                && Stopwatch.GetElapsedTime(started) < limits.Duration
                && Interlocked.Increment(ref issued) <= limits.MaxRequests)
            {
                using var request = workload.CreateRequest(random);
                var sent = Stopwatch.GetTimestamp();
                string? error;
                string? detail = null;
                try
                {
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
                    error = response.StatusCode == workload.ExpectedStatus ? null : $"HTTP {(int)response.StatusCode}";
                    if (error is not null && tally.FirstError is null)
                    {
                        detail = await response.Content.ReadAsStringAsync(ct);
                    }
                }
                catch (HttpRequestException e)
                {
                    error = "no response: " + e.HttpRequestError;
                    detail = e.Message;
                }
                catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
                {
                    error = "timed out";
                    detail = e.Message;
                }

                var elapsed = Stopwatch.GetTimestamp() - sent;
                if (error is null)
                {
                    tally.Latencies.Add(elapsed);
                    continue;
                }

                tally.Errors[error] = tally.Errors.GetValueOrDefault(error) + 1;
                if (tally.FirstError is null)
                {
                    var text = $"{request.Method} {request.RequestUri}: {error}: {detail}";
                    tally.FirstError = text.Length > MaxErrorDetailLength ? text[..MaxErrorDetailLength] + "..." : text;
                }
            }

            return tally;
        }
    }

    private sealed class ClientTally
    {
        public List<long> Latencies { get; } = [];

        public Dictionary<string, long> Errors { get; } = new(StringComparer.Ordinal);

        public string? FirstError { get; set; }
    }
}
