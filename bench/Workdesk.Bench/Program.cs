using System.CommandLine;
using Workdesk.Bench.Generate;
using Workdesk.Bench.Load;

namespace Workdesk.Bench;

/// <summary>
/// The `workdesk-bench` command. It has an explicit Main in a namespace because the test project
/// also references the server, whose top-level Program class lives in the global namespace.
/// </summary>
internal static class BenchProgram
{
    public static Task<int> Main(string[] args)
    {
        var root = new RootCommand("Workdesk benchmarks: generate a data set, then drive a running server over HTTP on loopback.");
        root.Subcommands.Add(GenerateCommand.Create());
        root.Subcommands.Add(LoadCommand.Create());
        root.Subcommands.Add(SummarizeCommand.Create());
        root.Subcommands.Add(Drills.DrillCommand.Create());
        root.Subcommands.Add(Raw.RawSqliteCommand.Create());
        root.Subcommands.Add(Import.Csv311Command.Create());
        return root.Parse(args).InvokeAsync();
    }
}
