using System.Diagnostics;
using Workdesk.Bench.Load;

namespace Workdesk.Bench.Tests;

public class MeasurementTests
{
    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("500ms", 500)]
    [InlineData("2m", 120_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("45", 45_000)]
    [InlineData("0", 0)]
    public void Durations_parse_units(string text, double milliseconds)
    {
        Assert.True(Durations.TryParse(text, out var duration));
        Assert.Equal(milliseconds, duration.TotalMilliseconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("fast")]
    [InlineData("-5s")]
    [InlineData("10h")]
    [InlineData("NaNs")]
    public void Durations_reject_invalid_text(string text)
    {
        Assert.False(Durations.TryParse(text, out _));
    }

    [Fact]
    public void Percentile_uses_nearest_rank()
    {
        long[] sorted = [.. Enumerable.Range(1, 100).Select(i => (long)i)];

        Assert.Equal(50, LatencySummary.Percentile(sorted, 0.50));
        Assert.Equal(95, LatencySummary.Percentile(sorted, 0.95));
        Assert.Equal(99, LatencySummary.Percentile(sorted, 0.99));
        Assert.Equal(100, LatencySummary.Percentile(sorted, 1.0));
        Assert.Equal(7, LatencySummary.Percentile([7], 0.99));
    }

    [Fact]
    public void LatencySummary_converts_ticks_to_milliseconds()
    {
        var oneMillisecond = Stopwatch.Frequency / 1000;
        var summary = LatencySummary.FromStopwatchTicks([3 * oneMillisecond, oneMillisecond, 2 * oneMillisecond]);

        Assert.Equal(2, summary.P50, precision: 6);
        Assert.Equal(3, summary.P99, precision: 6);
        Assert.Equal(3, summary.Max, precision: 6);
        Assert.Equal(LatencySummary.Empty, LatencySummary.FromStopwatchTicks([]));
    }

    [Fact]
    public void Median_takes_middle_or_mean_of_two()
    {
        Assert.Equal(2, SummarizeCommand.Median([3, 1, 2]));
        Assert.Equal(2.5, SummarizeCommand.Median([4, 1, 3, 2]));
        Assert.Equal(0, SummarizeCommand.Median([]));
    }

    [Fact]
    public void Summarize_groups_runs_by_label_and_workload()
    {
        LoadRun Run(string label, double rate, long errors, double? load = null) => new(
            label, "http://127.0.0.1:5080/", DateTimeOffset.UnixEpoch, 16, 30, new ServerFacts([11], 10, 10),
            [new WorkloadResult("list", 16, 100, errors, 30, rate, new LatencySummary(rate, rate, rate, rate, rate), new Dictionary<string, long>(), null)],
            load, load);

        var table = SummarizeCommand.Summarize(
            [Run("sqlite-10k", 10, 0, 1.5), Run("sqlite-10k", 30, 1, 3.24), Run("sqlite-10k", 20, 2), Run("sqlite-1m", 5, 0)]);
        var lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(4, lines.Length);
        Assert.Equal("| sqlite-10k | list | 3 | 16 | 100 | 20.0 | 20.00 | 20.00 | 20.00 | n/a | 3 | 3.2 |", lines[2].TrimEnd());
        Assert.StartsWith("| sqlite-1m | list | 1 |", lines[3], StringComparison.Ordinal);
        Assert.EndsWith("| n/a |", lines[3].TrimEnd(), StringComparison.Ordinal);
    }
}
