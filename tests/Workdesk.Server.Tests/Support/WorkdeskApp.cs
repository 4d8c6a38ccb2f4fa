using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Workdesk.Data;
using Workdesk.Domain.People;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Features.People;

namespace Workdesk.Server.Tests.Support;

/// <summary>
/// The real server in a test host, on a fresh database of its own: a SQLite file in a temporary
/// folder, or a new PostgreSQL database on the server named by WORKDESK_TEST_POSTGRES.
/// </summary>
public abstract class WorkdeskApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private int userCounter;

    protected WorkdeskApp()
    {
        DataDirectory = Directory.CreateTempSubdirectory("workdesk-test-").FullName;
    }

    public string DataDirectory { get; }

    public abstract string Provider { get; }

    /// <summary>Why this provider cannot run here, or null when it can.</summary>
    public virtual string? UnavailableReason => null;

    protected abstract string? ConnectionString { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Workdesk:DataDirectory", DataDirectory);
        builder.UseSetting("Workdesk:Database:Provider", Provider);
        if (ConnectionString is not null)
        {
            builder.UseSetting("Workdesk:Database:ConnectionString", ConnectionString);
        }

        builder.UseSetting("Workdesk:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Workdesk:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Workdesk:Smtp:Security", "none");
        builder.UseSetting("Workdesk:PublicUrl", "https://workdesk.example.test");

        // Webhook tests deliver to a receiver on 127.0.0.1, which the default settings refuse.
        builder.UseSetting("Workdesk:Webhooks:AllowInternalTargets", "true");

        // Schedule tests run the generator with a clock of their choosing; a background run at the real time would add work to their schedules.
        builder.UseSetting("Workdesk:Schedules:GenerateEverySeconds", "0");
    }

    /// <summary>The SMTP server this app sends its email to.</summary>
    public SmtpSink Smtp { get; } = new();

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a finalizing connection only leaves a temporary folder behind.
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Skips the calling test when this provider's database is not available.</summary>
    public void SkipIfUnavailable()
    {
        if (UnavailableReason is { } reason)
        {
            Assert.Skip(reason);
        }
    }

    /// <summary>Creates a user with an API token and returns an HTTP client that sends the token.</summary>
    public async Task<TestUser> CreateUserAsync(Role role, long? vendorId = null, IReadOnlyList<long>? sites = null)
    {
        SkipIfUnavailable();
        var number = Interlocked.Increment(ref userCounter);
        using var scope = Services.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
        var created = await accounts.CreateAsync(
            new CreateUserRequest($"{role.ToString().ToLowerInvariant()}{number}-{Guid.NewGuid():N}@example.test", $"{role} {number}", role, "correct horse battery", vendorId, sites),
            CancellationToken.None);
        Assert.True(created.IsSuccess, created.Error?.Message);

        var db = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();
        var (token, secret) = AuthEndpoints.CreateTokenFor(created.Value!.Id, "tests", null, DateTimeOffset.UtcNow);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync();

        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return new TestUser(created.Value.Id, created.Value.Email, role, client);
    }

    public Task<TestUser> CreateAdminAsync() => CreateUserAsync(Role.Administrator);

    /// <summary>
    /// Gives every client 5 minutes instead of HttpClient's 100 seconds, because a workbook import
    /// took 111 s with many test classes at once on 2 cores. No test relies on a timeout.
    /// </summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.Timeout = TimeSpan.FromMinutes(5);
    }
}

public sealed record TestUser(long Id, string Email, Role Role, HttpClient Client);

public class SqliteApp : WorkdeskApp
{
    public override string Provider => "sqlite";

    protected override string? ConnectionString => null;
}

/// <summary>A PostgreSQL database created for one test class and dropped afterwards.</summary>
public class PostgresApp : WorkdeskApp
{
    private static readonly string? ServerConnectionString =
        Environment.GetEnvironmentVariable("WORKDESK_TEST_POSTGRES") is { Length: > 0 } value ? value : null;

    private readonly string databaseName = "workdesk_test_" + Guid.NewGuid().ToString("N")[..12];

    public override string Provider => "postgres";

    public override string? UnavailableReason => ServerConnectionString is null
        ? "WORKDESK_TEST_POSTGRES is not set; run ./test.sh, which starts a throwaway PostgreSQL server."
        : null;

    protected override string? ConnectionString => ServerConnectionString is null
        ? null
        : new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = databaseName }.ConnectionString;

    public override async ValueTask InitializeAsync()
    {
        if (ServerConnectionString is null)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{databaseName}\"", connection);
        await command.ExecuteNonQueryAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        if (ServerConnectionString is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{databaseName}\" WITH (FORCE)", connection);

        // The test role may not stop a backend of another role, such as an autovacuum worker. Such a
        // backend ends within moments, so the drop is retried; a database still left is removed with the server.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 20)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250));
            }
            catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                return;
            }
        }
    }
}
