using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workdesk.Data;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests;

/// <summary>Reads outside a transaction are planned for their values; a transaction may reuse plans.</summary>
public sealed class PostgresPlanModeTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task Transaction_ReusesPlans()
    {
        app.SkipIfUnavailable();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();

        Assert.Equal("force_custom_plan", await PlanModeAsync(db));
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            Assert.Equal("auto", await PlanModeAsync(db));
            await transaction.CommitAsync();
        }

        Assert.Equal("force_custom_plan", await PlanModeAsync(db));
    }

    [Fact]
    public void SynchronousTransaction_ReusesPlans()
    {
        app.SkipIfUnavailable();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();

        using (var transaction = db.Database.BeginTransaction())
        {
            Assert.Equal("auto", PlanMode(db).Single());
            transaction.Rollback();
        }

        Assert.Equal("force_custom_plan", PlanMode(db).Single());
    }

    private static Task<string> PlanModeAsync(WorkdeskDbContext db) => PlanMode(db).SingleAsync();

    private static IQueryable<string> PlanMode(WorkdeskDbContext db) =>
        db.Database.SqlQueryRaw<string>("""SELECT current_setting('plan_cache_mode') AS "Value" """);
}
