using Workdesk.Bench.Drills;
using Workdesk.Bench.Generate;

namespace Workdesk.Bench.Tests;

/// <summary>
/// Runs each drill briefly on a small generated data set, with the server as a real child process
/// started from the test's output folder. They assert that the drills' checks pass, never timing.
/// </summary>
public class DrillTests
{
    private static readonly DataSetSize Small = new(WorkOrders: 200, Locations: 40, Users: 20, Seed: 5, Newest: new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

    private static readonly string ServerDll = Path.Combine(AppContext.BaseDirectory, "workdesk.dll");

    private static ServerLaunch LaunchFor(BenchDatabase database) =>
        new(ServerDll, database.DataDirectory, database.Settings, Path.Combine(database.DataDirectory, "server.log"));

    private static void AssertPassed(DrillResult result)
    {
        foreach (var check in result.Checks)
        {
            Assert.True(check.Passed, $"{result.Name}, {check.Name}: {check.Detail}");
        }

        Assert.True(result.Passed, $"{result.Name} has no checks");
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task KillDrill_loses_no_acknowledged_create(string provider)
    {
        await using var database = BenchDatabase.Create(provider);
        var generated = await database.GenerateAsync(Small);

        var result = await KillDrill.RunAsync(
            LaunchFor(database), generated.Token.Secret, clients: 4, killAfter: TimeSpan.FromSeconds(1.5), TextWriter.Null, TestContext.Current.CancellationToken);

        AssertPassed(result);
        Assert.True(result.Figures["acknowledged creates"] > 0);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task IdempotencyDrill_creates_no_duplicates(string provider)
    {
        await using var database = BenchDatabase.Create(provider);
        var generated = await database.GenerateAsync(Small);

        var result = await DrillCommand.RunOneAsync(
            DrillCommand.Idempotency, LaunchFor(database), generated.Token.Secret, clients: 8, TimeSpan.Zero, creates: 100, updaters: 2,
            TextWriter.Null, TestContext.Current.CancellationToken);

        AssertPassed(result);
        Assert.Equal(10, result.Figures["repeated keys"]);
        Assert.Equal(100, result.Figures["drill work orders in the database"]);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task IfMatchDrill_loses_no_update(string provider)
    {
        await using var database = BenchDatabase.Create(provider);
        var generated = await database.GenerateAsync(Small);

        var result = await DrillCommand.RunOneAsync(
            DrillCommand.IfMatch, LaunchFor(database), generated.Token.Secret, clients: 1, TimeSpan.Zero, creates: 10, updaters: 50,
            TextWriter.Null, TestContext.Current.CancellationToken);

        AssertPassed(result);
        Assert.Equal(50, result.Figures["successful updates"]);
    }

    [Fact]
    public async Task DatabaseChecks_find_half_written_work_order()
    {
        await using var database = BenchDatabase.Create("sqlite");
        await database.GenerateAsync(Small);
        await database.ScalarAsync("""DELETE FROM "Activities" WHERE "EntityId" = 7 AND "Action" = 'created' RETURNING 1""");
        var result = new DrillResult("check");

        await DatabaseChecks.RunAsync(database.Settings, result, TestContext.Current.CancellationToken);

        var history = Assert.Single(result.Checks, c => c.Name == "every work order has its created history entry");
        Assert.False(history.Passed);
        Assert.Equal("1 without one", history.Detail);
        Assert.All(result.Checks.Where(c => c != history), c => Assert.True(c.Passed, $"{c.Name}: {c.Detail}"));
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Database=workdesk_bench")]
    [InlineData("Host=localhost;Port=55440;Database=workdesk_bench")]
    [InlineData("Host=::1;Database=workdesk_bench")]
    public void CheckLoopbackDatabase_accepts_this_machine(string connectionString) =>
        Assert.Null(DrillCommand.CheckLoopbackDatabase(connectionString));

    [Theory]
    [InlineData("Host=db.example.test;Database=workdesk_bench", "db.example.test")]
    [InlineData("Host=127.0.0.1,db.example.test;Database=workdesk_bench", "db.example.test")]
    [InlineData("Database=workdesk_bench", "no Host")]
    [InlineData("Host=10.0.0.5;Database=workdesk_bench", "10.0.0.5")]
    public void CheckLoopbackDatabase_rejects_other_hosts(string connectionString, string expected)
    {
        var problem = DrillCommand.CheckLoopbackDatabase(connectionString);

        Assert.NotNull(problem);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }
}
