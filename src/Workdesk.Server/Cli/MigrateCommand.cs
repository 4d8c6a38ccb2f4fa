using System.CommandLine;
using Workdesk.Data;

namespace Workdesk.Server.Cli;

public static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Creates the database or upgrades it to the current schema, then exits.");
        command.SetAction(async (result, ct) =>
        {
            await using var services = await CliServices.CreateAsync(result, ct);
            var database = services.GetRequiredService<DatabaseSettings>();
            Console.WriteLine($"The database is up to date: {database.Describe()}");
            return 0;
        });
        return command;
    }
}
