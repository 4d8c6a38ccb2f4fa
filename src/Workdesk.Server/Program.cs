using Workdesk.Server.Cli;

return await CommandLine.RunAsync(args);

/// <summary>The entry point; test hosts refer to it through WebApplicationFactory.</summary>
public partial class Program;
