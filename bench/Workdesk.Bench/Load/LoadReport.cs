using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Workdesk.Bench.Load;

/// <summary>
/// One `load` run as saved by --json-out: the settings, what was found on the server, each
/// workload's result, and the 1-minute load average of the machine at the start and the end.
/// </summary>
internal sealed record LoadRun(
    string Label,
    string Url,
    DateTimeOffset StartedAt,
    int Clients,
    double DurationSeconds,
    ServerFacts Server,
    IReadOnlyList<WorkloadResult> Workloads,
    double? LoadAverageAtStart = null,
    double? LoadAverageAtEnd = null);

internal static class LoadReport
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Formats the results as a fixed-width table, followed by a line per workload that had errors.</summary>
    public static string FormatTable(IReadOnlyList<WorkloadResult> results)
    {
        var output = new StringBuilder();
        output.AppendLine("workload  clients  requests  errors     req/s   p50 ms   p95 ms   p99 ms   max ms  server CPU ms/req");
        foreach (var r in results)
        {
            var cpu = r.ServerCpuMillisecondsPerRequest is { } value ? value.ToString("F2", CultureInfo.InvariantCulture) : "n/a";
            output.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Name,-8}  {r.Clients,7}  {r.Requests,8}  {r.Errors,6}  {r.RequestsPerSecond,8:F1}  {r.Latency.P50,7:F2}  {r.Latency.P95,7:F2}  {r.Latency.P99,7:F2}  {r.Latency.Max,7:F2}  {cpu,17}"));
        }

        foreach (var r in results.Where(r => r.Errors > 0))
        {
            var kinds = string.Join(", ", r.ErrorKinds.Select(k => $"{k.Key} x{k.Value}"));
            output.AppendLine(CultureInfo.InvariantCulture, $"{r.Name} errors: {kinds}. First: {r.FirstError}");
        }

        return output.ToString();
    }

    /// <summary>
    /// Returns the 1-minute load average from /proc/loadavg, or null where that file does not exist.
    /// The server and the clients share the machine, so a value above the core count means that
    /// other programs took CPU time from the run.
    /// </summary>
    public static double? ReadLoadAverage()
    {
        const string path = "/proc/loadavg";
        if (!File.Exists(path))
        {
            return null;
        }

        var first = File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    public static async Task SaveAsync(string path, LoadRun run, CancellationToken ct)
    {
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        await using var stream = File.Create(fullPath);
        await JsonSerializer.SerializeAsync(stream, run, Json, ct);
    }

    public static async Task<LoadRun> ReadAsync(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<LoadRun>(stream, Json, ct)
            ?? throw new InvalidDataException($"{path} contains null instead of a load run.");
    }
}
