using System.CommandLine;

namespace Workdesk.Server.Cli;

/// <summary>`workdesk import` and `workdesk export`.</summary>
public static class DataCommands
{
    public static IEnumerable<Command> Create() => [];
}
