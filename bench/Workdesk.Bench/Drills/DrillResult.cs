using System.Globalization;

namespace Workdesk.Bench.Drills;

/// <summary>One check of a drill: what was checked, whether it held, and the figures behind it.</summary>
internal sealed record DrillCheck(string Name, bool Passed, string Detail);

/// <summary>The outcome of a drill: its figures and its checks. The drill passed when every check passed.</summary>
internal sealed class DrillResult(string name)
{
    private readonly List<DrillCheck> checks = [];

    public string Name { get; } = name;

    public IReadOnlyList<DrillCheck> Checks => checks;

    public Dictionary<string, long> Figures { get; } = [];

    public bool Passed => checks.Count > 0 && checks.All(c => c.Passed);

    public void Check(string checkName, bool passed, string detail) => checks.Add(new DrillCheck(checkName, passed, detail));

    public async Task WriteAsync(TextWriter output)
    {
        await output.WriteLineAsync($"{Name}: {(Passed ? "PASSED" : "FAILED")}");
        foreach (var (figure, value) in Figures)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {figure}: {value}"));
        }

        foreach (var check in checks)
        {
            await output.WriteLineAsync($"  [{(check.Passed ? "ok" : "FAIL")}] {check.Name}: {check.Detail}");
        }
    }
}
