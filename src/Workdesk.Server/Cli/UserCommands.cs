using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.People;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Features.People;
using Workdesk.Server.Hosting;

namespace Workdesk.Server.Cli;

/// <summary>`workdesk user add` and `workdesk user token`: account set-up without the API.</summary>
public static class UserCommands
{
    private static readonly Option<string> Email = new("--email") { Description = "The user's email address, used to sign in.", Required = true };
    private static readonly Option<string?> Name = new("--name") { Description = "Display name (default: the part of the email before @)." };
    private static readonly Option<Role> RoleOption = new("--role")
    {
        Description = "Administrator, Dispatcher, Technician, Requester or Vendor (default: Administrator).",
        DefaultValueFactory = _ => Role.Administrator,
    };
    private static readonly Option<string?> Password = new("--password")
    {
        Description = "Password of at least 12 characters; when left out, a random one is printed.",
    };
    private static readonly Option<string> TokenName = new("--token-name") { Description = "Name of the API token.", DefaultValueFactory = _ => "cli" };
    private static readonly Option<int?> ExpiresInDays = new("--expires-in-days") { Description = "Days until the token expires (default: never)." };

    public static Command Create()
    {
        var user = new Command("user", "Manages user accounts.");

        var add = new Command("add", "Creates a user and prints the password when it was generated.");
        add.Options.Add(Email);
        add.Options.Add(Name);
        add.Options.Add(RoleOption);
        add.Options.Add(Password);
        add.SetAction(AddAsync);
        user.Subcommands.Add(add);

        var token = new Command("token", "Creates a personal API token for an existing user and prints it once.");
        token.Options.Add(Email);
        token.Options.Add(TokenName);
        token.Options.Add(ExpiresInDays);
        token.SetAction(TokenAsync);
        user.Subcommands.Add(token);
        return user;
    }

    private static async Task<int> AddAsync(ParseResult result, CancellationToken ct)
    {
        await using var services = await CliServices.CreateAsync(result, ct);
        await using var scope = services.CreateAsyncScope();
        var email = result.GetValue(Email)!;
        var password = result.GetValue(Password);
        var generated = password is null;
        password ??= DatabaseInitializer.NewPassword();
        var name = result.GetValue(Name) ?? email.Split('@')[0];

        var created = await scope.ServiceProvider.GetRequiredService<UserAccounts>()
            .CreateAsync(new CreateUserRequest(email, name, result.GetValue(RoleOption), password), ct);
        if (!created.IsSuccess)
        {
            await Console.Error.WriteLineAsync($"error: {created.Error!.Message}");
            return 1;
        }

        Console.WriteLine($"Created {created.Value!.Role} {created.Value.Email} (id {created.Value.Id}).");
        if (generated)
        {
            Console.WriteLine($"Password: {password}");
        }

        return 0;
    }

    private static async Task<int> TokenAsync(ParseResult result, CancellationToken ct)
    {
        await using var services = await CliServices.CreateAsync(result, ct);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();
        var email = result.GetValue(Email)!.Trim().ToLowerInvariant();
        var user = await db.Users.SingleOrDefaultAsync(u => u.Email == email, ct);
        if (user is null)
        {
            await Console.Error.WriteLineAsync($"error: no user has the email '{email}'. Create one with `workdesk user add`.");
            return 1;
        }

        var days = result.GetValue(ExpiresInDays);
        if (days is < 1 or > 3650)
        {
            await Console.Error.WriteLineAsync("error: --expires-in-days must be between 1 and 3650.");
            return 1;
        }

        var (token, secret) = AuthEndpoints.CreateTokenFor(user.Id, result.GetValue(TokenName)!, days, TimeProvider.System.GetUtcNow());
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        Console.WriteLine(secret);
        return 0;
    }
}
