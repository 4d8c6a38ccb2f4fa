using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Workdesk.Bench.Load;

/// <summary>One `load` run as saved by --json-out: the settings, what was found on the server, and each workload's result.</summary>
internal sealed record LoadRun(
    string Label,
    string Url,
    DateTimeOffset StartedAt,
    int Clients,
    double DurationSeconds,
    ServerFacts Server,
    IReadOnlyList<WorkloadResult> Workloads);

internal static class LoadReport
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Formats the results as a fixed-width table, followed by a line per workload that had errors.</summary>
    public static string FormatTable(IReadOnlyList<WorkloadResult> results)
    {
        var output = new StringBuilder();
        output.AppendLine("workload  clients  requests  errors     req/s   p50 ms   p95 ms   p99 ms   max ms");
        foreach (var r in results)
        {
            output.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Name,-8}  {r.Clients,7}  {r.Requests,8}  {r.Errors,6}  {r.RequestsPerSecond,8:F1}  {r.Latency.P50,7:F2}  {r.Latency.P95,7:F2}  {r.Latency.P99,7:F2}  {r.Latency.Max,7:F2}"));
        }

        foreach (var r in results.Where(r => r.Errors > 0))
        {
            var kinds = string.Join(", ", r.ErrorKinds.Select(k => $"{k.Key} x{k.Value}"));
            output.AppendLine(CultureInfo.InvariantCulture, $"{r.Name} errors: {kinds}. First: {r.FirstError}");
        }

        return output.ToString();
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
