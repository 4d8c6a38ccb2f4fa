using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Workdesk.Bench.Generate;
using Workdesk.Data;
using Workdesk.Server.Features.WorkOrders;

namespace Workdesk.Bench.Tests;

public class GeneratorTests
{
    private static readonly DataSetSize Small = new(WorkOrders: 500, Locations: 60, Users: 30, Seed: 7, Newest: new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void LocationPlan_builds_four_levels_with_materialized_paths()
    {
        var plan = new LocationPlan(10_000);

        Assert.Equal((10, 100, 500, 9_390), (plan.Campuses, plan.Buildings, plan.Floors, plan.Rooms));
        Assert.Equal("/1/", plan.Paths[1]);
        for (var id = 2L; id <= plan.Count; id++)
        {
            var parent = plan.ParentIds[id];
            var expected = (parent is { } p ? plan.Paths[p] : "/") + id + "/";
            Assert.Equal(expected, plan.Paths[id]);
        }

        Assert.Equal(4, plan.Paths[plan.Count].Count(c => c == '/') - 1);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(23)]
    [InlineData(1_234)]
    public void LocationPlan_has_every_level_for_small_counts(int count)
    {
        var plan = new LocationPlan(count);

        Assert.Equal(count, plan.Campuses + plan.Buildings + plan.Floors + plan.Rooms);
        Assert.True(plan.Rooms >= 1);
        Assert.Equal(4, plan.Depth(plan.Count));
    }

    [Fact]
    public void LocationPlan_rejects_fewer_than_four()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LocationPlan(3));
    }

    [Fact]
    public void DeterministicRandom_repeats_for_same_stream()
    {
        var first = DeterministicRandom.ForStream(42, "work-orders");
        var second = DeterministicRandom.ForStream(42, "work-orders");
        var other = DeterministicRandom.ForStream(43, "work-orders");

        var a = Enumerable.Range(0, 5).Select(_ => first.NextUInt64()).ToArray();
        Assert.Equal(a, Enumerable.Range(0, 5).Select(_ => second.NextUInt64()).ToArray());
        Assert.NotEqual(a, Enumerable.Range(0, 5).Select(_ => other.NextUInt64()).ToArray());
    }

    [Fact]
    public void BenchToken_hash_is_hex_sha256_of_secret()
    {
        var token = BenchToken.Create();

        Assert.StartsWith("wd_", token.Secret, StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token.Secret))), token.Hash);
        Assert.Equal(token.Secret[..10], token.Prefix);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Generate_writes_consistent_rows(string provider)
    {
        await using var database = BenchDatabase.Create(provider);
        var generated = await database.GenerateAsync(Small);

        Assert.Equal(500, generated.RowCounts["WorkOrders"]);
        Assert.Equal(500, await database.ScalarAsync("""SELECT COUNT(*) FROM "WorkOrders" """));
        Assert.Equal(60, await database.ScalarAsync("""SELECT COUNT(*) FROM "Locations" """));
        Assert.Equal(30, await database.ScalarAsync("""SELECT COUNT(*) FROM "Users" """));

        // Every path is the parent's path, the id and a slash.
        Assert.Equal(0, await database.ScalarAsync("""
            SELECT COUNT(*) FROM "Locations" c LEFT JOIN "Locations" p ON p."Id" = c."ParentId"
            WHERE c."Path" <> COALESCE(p."Path", '/') || CAST(c."Id" AS TEXT) || '/'
            """));

        // The server moves a work order to assigned only when someone or a vendor is assigned.
        Assert.Equal(0, await database.ScalarAsync("""
            SELECT COUNT(*) FROM "WorkOrders" w
            WHERE w."Status" = 'Assigned' AND w."VendorId" IS NULL
              AND NOT EXISTS (SELECT 1 FROM "WorkOrderAssignments" a WHERE a."WorkOrderId" = w."Id")
            """));
        Assert.Equal(0, await database.ScalarAsync("""
            SELECT COUNT(*) FROM "WorkOrders"
            WHERE "Status" NOT IN ('Open', 'Assigned', 'InProgress', 'OnHold', 'Completed', 'Closed', 'Cancelled', 'Reopened')
            """));
        Assert.True(await database.ScalarAsync("""SELECT COUNT(*) FROM "WorkOrders" WHERE "Status" IN ('Open', 'Assigned')""") > 0);
        Assert.Equal(1, await database.ScalarAsync($"""SELECT COUNT(*) FROM "ApiTokens" WHERE "TokenHash" = '{generated.Token.Hash}' AND "UserId" = 1"""));
    }

    [Fact]
    public async Task Generate_writes_asked_asset_count()
    {
        await using var database = BenchDatabase.Create("sqlite");
        var generated = await database.GenerateAsync(Small with { Assets = 450 });

        Assert.Equal(450, generated.RowCounts["Assets"]);
        Assert.Equal(450, await database.ScalarAsync("""SELECT COUNT(*) FROM "Assets" """));

        // Every work order's asset exists and is in the work order's room.
        Assert.Equal(0, await database.ScalarAsync("""
            SELECT COUNT(*) FROM "WorkOrders" w LEFT JOIN "Assets" a ON a."Id" = w."AssetId"
            WHERE w."AssetId" IS NOT NULL AND (a."Id" IS NULL OR a."LocationId" <> w."LocationId")
            """));
        Assert.True(await database.ScalarAsync("""SELECT COUNT(*) FROM "WorkOrders" WHERE "AssetId" > 100""") > 0);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Generate_writes_searchable_comments(string provider)
    {
        await using var database = BenchDatabase.Create(provider);
        var generated = await database.GenerateAsync(Small);
        var ct = TestContext.Current.CancellationToken;

        var comments = await database.ScalarAsync("""SELECT COUNT(*) FROM "Comments" """);
        Assert.Equal(comments, generated.RowCounts["Comments"]);
        Assert.InRange(comments, 800, 1200);
        Assert.Equal(0, await database.ScalarAsync("""
            SELECT COUNT(*) FROM "Comments" c LEFT JOIN "WorkOrders" w ON w."Id" = c."WorkOrderId" WHERE w."Id" IS NULL
            """));

        // The full-text index must find what a plain LIKE finds, although the generator wrote the
        // rows without the triggers and rebuilt the index afterwards (on SQLite).
        var like = await database.ScalarAsync("""
            SELECT COUNT(*) FROM "WorkOrders" w
            WHERE lower(w."Title") LIKE '%valve%' OR lower(w."Description") LIKE '%valve%'
               OR EXISTS (SELECT 1 FROM "Comments" c WHERE c."WorkOrderId" = w."Id" AND lower(c."Body") LIKE '%valve%')
            """);
        await using var db = DatabaseSetup.CreateContext(database.Settings);
        var found = await TextSearch.MatchingWorkOrderIds(db, ["valve"], includeInternalComments: true).CountAsync(ct);
        Assert.True(like > 0);
        Assert.Equal(like, found);

        // The triggers are back, so the server's own writes are indexed.
        db.Comments.Add(new Domain.WorkOrders.Comment { WorkOrderId = 1, Body = "Afterwards zyxwvutsrq", CreatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync(ct);
        Assert.Equal([1L], await TextSearch.MatchingWorkOrderIds(db, ["zyxwvutsrq"], includeInternalComments: true).ToListAsync(ct));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Generate_leaves_ids_for_new_rows(string provider)
    {
        await using var database = BenchDatabase.Create(provider);
        await database.GenerateAsync(Small);

        // The server's own insert must get the next id, not collide with a generated one.
        await using var db = DatabaseSetup.CreateContext(database.Settings);
        db.WorkOrders.Add(new Domain.WorkOrders.WorkOrder { Title = "After generation", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        Assert.Equal(501, await db.WorkOrders.MaxAsync(w => w.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Generate_gives_same_rows_for_same_seed()
    {
        await using var first = BenchDatabase.Create("sqlite");
        await using var second = BenchDatabase.Create("sqlite");
        await using var otherSeed = BenchDatabase.Create("sqlite");
        await first.GenerateAsync(Small);
        await second.GenerateAsync(Small);
        await otherSeed.GenerateAsync(Small with { Seed = 8 });

        var expected = await FingerprintAsync(first);
        Assert.Equal(expected, await FingerprintAsync(second));
        Assert.NotEqual(expected, await FingerprintAsync(otherSeed));
    }

    [Fact]
    public async Task Generate_rejects_database_with_data()
    {
        await using var database = BenchDatabase.Create("sqlite");
        await database.GenerateAsync(Small);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => database.GenerateAsync(Small));
        Assert.Contains("--replace", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Hashes the generated columns of the work orders and their assignments.</summary>
    private static async Task<string> FingerprintAsync(BenchDatabase database)
    {
        await using var db = DatabaseSetup.CreateContext(database.Settings);
        var rows = await db.WorkOrders.AsNoTracking().OrderBy(w => w.Id)
            .Select(w => new { w.Id, w.Title, w.Status, w.Priority, w.LocationId, w.AssetId, w.DueAt, w.CreatedAt, w.ClosedAt, Assigned = w.Assignments.Select(a => a.UserId ?? -a.TeamId).ToList() })
            .ToListAsync(TestContext.Current.CancellationToken);
        var text = string.Join('\n', rows.Select(r => System.Text.Json.JsonSerializer.Serialize(r)));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
