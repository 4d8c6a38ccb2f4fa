using System.CommandLine;
using System.Globalization;

namespace Workdesk.Bench.Load;

/// <summary>`workdesk-bench summarize`: the median of each figure over repeated runs, as a Markdown table.</summary>
internal static class SummarizeCommand
{
    private static readonly Argument<string[]> Files = new("files")
    {
        Description = "Result files written by `load --json-out`.",
        Arity = ArgumentArity.OneOrMore,
    };

    public static Command Create()
    {
        var command = new Command("summarize", "Prints the median of each workload's figures over the runs of each data set.");
        command.Arguments.Add(Files);
        command.SetAction(async (result, ct) =>
        {
            var runs = new List<LoadRun>();
            foreach (var file in result.GetValue(Files)!)
            {
                if (!File.Exists(file))
                {
                    await Console.Error.WriteLineAsync($"error: result file '{file}' does not exist.");
                    return 2;
                }

                runs.Add(await LoadReport.ReadAsync(file, ct));
            }

            Console.Write(Summarize(runs));
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Builds one row per data set and workload, in the order they first appear. Each figure is the
    /// median over the runs, but the errors are summed. The last column is the highest 1-minute load
    /// average seen at the start or end of those runs.
    /// </summary>
    public static string Summarize(IReadOnlyList<LoadRun> runs)
    {
        var output = new System.Text.StringBuilder();
        output.AppendLine("| data set | workload | runs | clients | requests (median) | req/s | p50 ms | p95 ms | p99 ms | server CPU ms/req | errors (all runs) | load average (max) |");
        output.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var rows = runs
            .SelectMany(run => run.Workloads.Select(w => (Run: run, Result: w)))
            .GroupBy(x => (x.Run.Label, x.Result.Name, x.Result.Clients));
        foreach (var group in rows)
        {
            var results = group.Select(x => x.Result).ToList();
            var loads = group.SelectMany(x => new[] { x.Run.LoadAverageAtStart, x.Run.LoadAverageAtEnd }).OfType<double>().ToList();
            var load = loads.Count > 0 ? loads.Max().ToString("F1", CultureInfo.InvariantCulture) : "n/a";
            var cpuValues = results.Select(r => r.ServerCpuMillisecondsPerRequest).OfType<double>().ToList();
            var cpu = cpuValues.Count > 0 ? Median(cpuValues).ToString("F2", CultureInfo.InvariantCulture) : "n/a";
            output.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {group.Key.Label} | {group.Key.Name} | {results.Count} | {group.Key.Clients} | {Median(results.Select(r => (double)r.Requests)):F0} | {Median(results.Select(r => r.RequestsPerSecond)):F1} | {Median(results.Select(r => r.Latency.P50)):F2} | {Median(results.Select(r => r.Latency.P95)):F2} | {Median(results.Select(r => r.Latency.P99)):F2} | {cpu} | {results.Sum(r => r.Errors)} | {load} |"));
        }

        return output.ToString();
    }

    /// <summary>Returns the middle value, or the mean of the two middle values for an even count.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return 0;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
