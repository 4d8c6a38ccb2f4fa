using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workdesk.Data;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests;

/// <summary>PostgreSQL may reuse plans, except in a transaction begun for reads that need a plan for their values.</summary>
public sealed class PostgresPlanModeTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task PlannedForValues_OnlyInsideItsTransaction()
    {
        app.SkipIfUnavailable();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();

        Assert.Equal("auto", await PlanModeAsync(db));
        await using (var transaction = await PostgresPlans.BeginPlannedForValuesAsync(db, CancellationToken.None))
        {
            Assert.NotNull(transaction);
            Assert.Equal("force_custom_plan", await PlanModeAsync(db));
        }

        Assert.Equal("auto", await PlanModeAsync(db));
    }

    private static Task<string> PlanModeAsync(WorkdeskDbContext db) =>
        db.Database.SqlQueryRaw<string>("""SELECT current_setting('plan_cache_mode') AS "Value" """).SingleAsync();
}
