using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Workdesk.Data;
using Workdesk.Domain.People;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.WorkOrders;
using Workdesk.Server.Infrastructure;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests;

/// <summary>The <c>q</c> parameter of the work order list, on the full-text indexes of each provider.</summary>
public abstract class WorkOrderSearchTests(WorkdeskApp app)
{
    private static string NewTag() => SearchTag.New('t');

    private static async Task<WorkOrderResponse> CreateAsync(TestUser user, object body)
    {
        var response = await user.Client.PostJsonAsync("/api/v1/work-orders", body);
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return await response.ReadAsync<WorkOrderResponse>();
    }

    private static async Task CommentAsync(TestUser user, long workOrderId, string body, bool isInternal = false)
    {
        var response = await user.Client.PostJsonAsync($"/api/v1/work-orders/{workOrderId}/comments", new { body, isInternal });
        await response.ShouldBeAsync(HttpStatusCode.Created);
    }

    private static async Task<List<long>> SearchAsync(TestUser user, string q)
    {
        var response = await user.Client.GetAsync("/api/v1/work-orders?pageSize=100&q=" + Uri.EscapeDataString(q));
        await response.ShouldBeAsync(HttpStatusCode.OK);
        var page = await response.ReadAsync<ListPage<WorkOrderResponse>>();
        Assert.Equal(page.Items.Count, page.TotalCount);
        return [.. page.Items.Select(w => w.Id).Order()];
    }

    [Fact]
    public async Task Search_MatchesTitleDescriptionAndComment()
    {
        var admin = await app.CreateAdminAsync();
        var tag = NewTag();
        var byTitle = await CreateAsync(admin, new { title = $"Boiler {tag} pressure low" });
        var byDescription = await CreateAsync(admin, new { title = "Boiler check", description = $"Gauge reads {tag} bar." });
        var byComment = await CreateAsync(admin, new { title = "Boiler service" });
        await CommentAsync(admin, byComment.Id, $"Replaced the {tag} valve.");
        await CreateAsync(admin, new { title = $"Boiler {tag[..^1]}" });

        var found = await SearchAsync(admin, tag);

        Assert.Equal(new[] { byTitle.Id, byDescription.Id, byComment.Id }.Order(), found);
    }

    [Fact]
    public async Task Search_IgnoresCaseAndWordOrder()
    {
        var admin = await app.CreateAdminAsync();
        var tag = NewTag();
        var order = await CreateAsync(admin, new { title = $"Leaking VALVE in plant room {tag}" });

        Assert.Equal([order.Id], await SearchAsync(admin, $"{tag.ToUpperInvariant()} valve leaking"));
        Assert.Equal([order.Id], await SearchAsync(admin, $"  plant-room, {tag}! "));
    }

    [Fact]
    public async Task Search_RequiresEveryWord()
    {
        var admin = await app.CreateAdminAsync();
        var tag = NewTag();
        var door = await CreateAsync(admin, new { title = $"Door closer {tag}" });
        var window = await CreateAsync(admin, new { title = $"Window {tag}" });
        await CommentAsync(admin, window.Id, "Latch looked fine.");

        Assert.Empty(await SearchAsync(admin, $"{tag} window door"));
        Assert.Equal([window.Id], await SearchAsync(admin, $"{tag} window"));
        Assert.Equal([door.Id], await SearchAsync(admin, $"closer {tag}"));
    }

    [Fact]
    public async Task Search_WordsMaySpanTitleAndComments()
    {
        var admin = await app.CreateAdminAsync();
        var tag = NewTag();
        var order = await CreateAsync(admin, new { title = $"Window {tag}", description = "Cracked pane." });
        await CommentAsync(admin, order.Id, "Latch replaced.");
        await CommentAsync(admin, order.Id, "Glazier booked.");

        Assert.Equal([order.Id], await SearchAsync(admin, $"{tag} pane latch glazier"));
    }

    [Fact]
    public async Task Search_LastWordMatchesAsPrefix()
    {
        var admin = await app.CreateAdminAsync();
        var tag = NewTag();
        var order = await CreateAsync(admin, new { title = $"Thermostat {tag} not responding" });

        Assert.Equal([order.Id], await SearchAsync(admin, $"thermostat {tag[..6]}"));
        Assert.Equal([order.Id], await SearchAsync(admin, $"{tag} respon"));
        Assert.Empty(await SearchAsync(admin, $"{tag[..6]} thermostat"));
    }

    [Fact]
    public async Task Search_OneLetterLastWord_MatchesExactly()
    {
        var admin = await app.CreateAdminAsync();
        var tag = NewTag();
        var buildingB = await CreateAsync(admin, new { title = $"Roof leak {tag} building B" });
        await CreateAsync(admin, new { title = $"Roof leak {tag} basement" });

        Assert.Equal([buildingB.Id], await SearchAsync(admin, $"{tag} b"));
    }

    [Fact]
    public async Task Search_OtherScripts()
    {
        var admin = await app.CreateAdminAsync();
        var tag = NewTag();
        var german = await CreateAsync(admin, new { title = $"Störung der Lüftung {tag}" });
        var greek = await CreateAsync(admin, new { title = $"Βλάβη ανελκυστήρα {tag}" });
        var russian = await CreateAsync(admin, new { title = $"Протечка трубы {tag}" });

        Assert.Equal([german.Id], await SearchAsync(admin, $"{tag} STÖRUNG"));
        Assert.Equal([greek.Id], await SearchAsync(admin, $"{tag} ανελκυστ"));
        Assert.Equal([russian.Id], await SearchAsync(admin, $"{tag} ПРОТЕЧКА"));
    }

    [Fact]
    public async Task Search_LongCommentThread_StaysWritable()
    {
        var admin = await app.CreateAdminAsync();
        var tag = NewTag();
        var order = await CreateAsync(admin, new { title = $"Chiller {tag}" });

        // 50 comments of 2,000 distinct words each: indexed whole, the 100,000 distinct words would
        // need a PostgreSQL tsvector larger than its limit of 1 MB.
        for (var i = 0; i < 50; i++)
        {
            var body = string.Join(' ', Enumerable.Range(0, 2_000).Select(j => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"c{i:D2}w{j:D4}")));
            await CommentAsync(admin, order.Id, body);
        }

        Assert.Equal([order.Id], await SearchAsync(admin, $"{tag} c00w0017"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("dueAt")]
    [InlineData("-id")]
    [InlineData("title")]
    public async Task Search_ManyMatches_SortsAndCountsAll(string? sort)
    {
        var admin = await app.CreateAdminAsync();
        var tag = NewTag();
        var count = WorkOrderList.DenseSearchMatches + 100;
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();

            // Creation times run against the ids, so that sorting by id and by creation time differ.
            db.WorkOrders.AddRange(Enumerable.Range(0, count).Select(i => new WorkOrder
            {
                Title = $"Bulk {tag} number {i}",
                CreatedAt = start.AddMinutes(count - i),
                UpdatedAt = start.AddMinutes(count - i),
                DueAt = start.AddDays(i % 97),
            }));
            await db.SaveChangesAsync();
        }

        var response = await admin.Client.GetAsync($"/api/v1/work-orders?pageSize=50&page=2&q={tag}" + (sort is null ? "" : "&sort=" + sort));

        await response.ShouldBeAsync(HttpStatusCode.OK);
        var page = await response.ReadAsync<ListPage<WorkOrderResponse>>();
        Assert.Equal(count, page.TotalCount);
        using var check = app.Services.CreateScope();
        var all = check.ServiceProvider.GetRequiredService<WorkdeskDbContext>().WorkOrders.AsNoTracking().Where(w => w.Title.StartsWith("Bulk " + tag));
        IQueryable<WorkOrder> ordered = sort switch
        {
            null => all.OrderByDescending(w => w.CreatedAt).ThenByDescending(w => w.Id),
            "dueAt" => all.OrderBy(w => w.DueAt).ThenBy(w => w.Id),
            "-id" => all.OrderByDescending(w => w.Id),
            _ => all.OrderBy(w => w.Title).ThenBy(w => w.Id),
        };
        var expected = await ordered.Skip(50).Take(50).Select(w => w.Id).ToListAsync();
        Assert.Equal(expected, page.Items.Select(w => w.Id));
    }

    [Fact]
    public async Task Search_FollowsEditsOfTitle()
    {
        var admin = await app.CreateAdminAsync();
        var oldTag = NewTag();
        var newTag = NewTag();
        var created = await admin.Client.PostJsonAsync("/api/v1/work-orders", new { title = $"Lamp out {oldTag}" });
        var order = await created.ReadAsync<WorkOrderResponse>();

        var patch = await admin.Client.PatchJsonAsync($"/api/v1/work-orders/{order.Id}", $$"""{"title":"Lamp out {{newTag}}"}""", created.ETag());

        await patch.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Empty(await SearchAsync(admin, oldTag));
        Assert.Equal([order.Id], await SearchAsync(admin, newTag));
    }

    [Fact]
    public async Task Search_InternalComment_HiddenFromRequester()
    {
        var admin = await app.CreateAdminAsync();
        var requester = await app.CreateUserAsync(Role.Requester);
        var internalTag = NewTag();
        var publicTag = NewTag();
        var order = await CreateAsync(admin, new { title = "Noisy fan", requesterId = requester.Id });
        await CommentAsync(admin, order.Id, $"Vendor quote {internalTag} is too high.", isInternal: true);
        await CommentAsync(admin, order.Id, $"Technician booked for {publicTag}.");

        Assert.Equal([order.Id], await SearchAsync(admin, internalTag));
        Assert.Empty(await SearchAsync(requester, internalTag));
        Assert.Equal([order.Id], await SearchAsync(requester, publicTag));
    }

    [Fact]
    public async Task Search_KeepsVisibilityRules()
    {
        var admin = await app.CreateAdminAsync();
        var requester = await app.CreateUserAsync(Role.Requester);
        var tag = NewTag();
        var own = await CreateAsync(admin, new { title = $"Flickering light {tag}", requesterId = requester.Id });
        await CreateAsync(admin, new { title = $"Flickering light {tag}" });

        Assert.Equal(2, (await SearchAsync(admin, tag)).Count);
        Assert.Equal([own.Id], await SearchAsync(requester, tag));
    }

    [Theory]
    [InlineData("\"{0}\" AND")]
    [InlineData("{0} OR NOT")]
    [InlineData("{0}* NEAR(")]
    [InlineData("{0} & !")]
    [InlineData("'{0}':*")]
    [InlineData("{0}\\")]
    public async Task Search_OperatorCharacters_AreReadAsText(string template)
    {
        var admin = await app.CreateAdminAsync();
        var tag = NewTag();
        var order = await CreateAsync(admin, new { title = $"Sign says {tag} AND OR NOT NEAR" });

        var found = await SearchAsync(admin, string.Format(System.Globalization.CultureInfo.InvariantCulture, template, tag));

        Assert.Equal([order.Id], found);
    }

    [Theory]
    [InlineData("--")]
    [InlineData("\u0301")]
    [InlineData("*")]
    public async Task Search_WithoutWords_ReturnsEmptyPage(string q)
    {
        var admin = await app.CreateAdminAsync();
        await CreateAsync(admin, new { title = "Spill to clean up -- * now" });

        var response = await admin.Client.GetAsync("/api/v1/work-orders?q=" + Uri.EscapeDataString(q));

        await response.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(0, (await response.ReadAsync<ListPage<WorkOrderResponse>>()).TotalCount);
    }

    [Fact]
    public async Task Search_TooLong_ReturnsProblem()
    {
        var admin = await app.CreateAdminAsync();

        var response = await admin.Client.GetAsync("/api/v1/work-orders?q=" + new string('a', TextSearch.MaxQueryLength + 1));

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        var problem = await response.ReadObjectAsync();
        Assert.Contains("at most 500", problem["errors"]!["q"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_TooManyWords_ReturnsProblem()
    {
        var admin = await app.CreateAdminAsync();
        var q = string.Join(' ', Enumerable.Range(0, TextSearch.MaxWords + 1).Select(i => "w" + i));

        var response = await admin.Client.GetAsync("/api/v1/work-orders?q=" + Uri.EscapeDataString(q));

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        var problem = await response.ReadObjectAsync();
        Assert.Contains("at most 32", problem["errors"]!["q"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchIndexes_ExistAfterMigrations()
    {
        app.SkipIfUnavailable();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();

        var names = db.Provider == DatabaseProvider.Sqlite
            ? await db.Database.SqlQuery<string>($"SELECT name AS \"Value\" FROM sqlite_master WHERE type IN ('table', 'trigger') AND name LIKE '%Search%'").ToListAsync()
            : await db.Database.SqlQuery<string>($"SELECT indexname AS \"Value\" FROM pg_indexes WHERE indexname LIKE '%SearchVector'").ToListAsync();

        var expected = db.Provider == DatabaseProvider.Sqlite
            ? [SqliteSearchIndex.Table, .. SqliteSearchIndex.Triggers.Select(t => t.Name)]
            : new[] { "IX_WorkOrderSearch_SearchVector", "IX_WorkOrderSearch_StaffSearchVector" };
        foreach (var name in expected)
        {
            Assert.Contains(name, names);
        }
    }

    [Fact]
    public async Task Migration_IndexesExistingRows()
    {
        app.SkipIfUnavailable();
        var (settings, dropDatabase) = await CreateEmptyDatabaseAsync();
        try
        {
            await using (var before = DatabaseSetup.CreateContext(settings))
            {
                var migrations = before.Database.GetMigrations().ToList();
                var searchMigration = migrations.FindIndex(m => m.EndsWith("_FullTextSearch", StringComparison.Ordinal));
                await before.GetService<IMigrator>().MigrateAsync(migrations[searchMigration - 1]);

                var order = new WorkOrder { Title = "Written before the search index", Description = "Older rows need indexing" };
                before.WorkOrders.Add(order);
                await before.SaveChangesAsync();
                before.Comments.Add(new Comment { WorkOrderId = order.Id, Body = "Backfilled comment text" });
                await before.SaveChangesAsync();
            }

            await using var after = DatabaseSetup.CreateContext(settings);
            await after.Database.MigrateAsync();

            Assert.Single(await TextSearch.MatchingWorkOrderIds(after, ["older", "index"], includeInternalComments: false).ToListAsync());
            Assert.Single(await TextSearch.MatchingWorkOrderIds(after, ["backfilled"], includeInternalComments: false).ToListAsync());
        }
        finally
        {
            await dropDatabase();
        }
    }

    /// <summary>Creates a database of the app's provider with no tables, and a function that deletes it.</summary>
    protected async Task<(DatabaseSettings Settings, Func<Task> Drop)> CreateEmptyDatabaseAsync()
    {
        if (app.Provider == "sqlite")
        {
            var folder = Directory.CreateTempSubdirectory("workdesk-migration-").FullName;
            var settings = DatabaseSettings.ForSqliteFile(Path.Combine(folder, "workdesk.db"));
            return (settings, () =>
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
                return Task.CompletedTask;
            });
        }

        var server = Environment.GetEnvironmentVariable("WORKDESK_TEST_POSTGRES")!;
        var name = "workdesk_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return (new DatabaseSettings(DatabaseProvider.Postgres, connectionString), async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        });
    }
}

public sealed class WorkOrderSearchSqliteTests(SqliteApp app) : WorkOrderSearchTests(app), IClassFixture<SqliteApp>;

public sealed class WorkOrderSearchPostgresTests(PostgresApp app) : WorkOrderSearchTests(app), IClassFixture<PostgresApp>
{
    /// <summary>The SearchTable migration moves the vectors out of WorkOrders, and its Down puts them back.</summary>
    [Fact]
    public async Task SearchTableMigration_UpAndDown_KeepMatches()
    {
        app.SkipIfUnavailable();
        var (settings, dropDatabase) = await CreateEmptyDatabaseAsync();
        try
        {
            await using var db = DatabaseSetup.CreateContext(settings);
            await db.Database.MigrateAsync();
            var order = new WorkOrder { Title = "Pump seal", Description = "Leaking at the flange" };
            db.WorkOrders.Add(order);
            await db.SaveChangesAsync();
            db.Comments.Add(new Comment { WorkOrderId = order.Id, Body = "Gasket ordered", IsInternal = true });
            await db.SaveChangesAsync();
            var migrations = db.Database.GetMigrations().ToList();
            var migrator = db.GetService<IMigrator>();

            await migrator.MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_SearchTable", StringComparison.Ordinal)) - 1]);

            Assert.Equal(1, await CountAsync(db, """SELECT count(*)::int AS "Value" FROM "WorkOrders" WHERE "StaffSearchVector" @@ to_tsquery('simple', 'gasket')"""));
            Assert.Equal(0, await CountAsync(db, """SELECT count(*)::int AS "Value" FROM "WorkOrders" WHERE "SearchVector" @@ to_tsquery('simple', 'gasket')"""));
            Assert.Equal(1, await CountAsync(db, """SELECT count(*)::int AS "Value" FROM "WorkOrders" WHERE "SearchVector" @@ to_tsquery('simple', 'flange')"""));

            await migrator.MigrateAsync();

            Assert.Equal([order.Id], await TextSearch.MatchingWorkOrderIds(db, ["gasket"], includeInternalComments: true).ToListAsync());
            Assert.Empty(await TextSearch.MatchingWorkOrderIds(db, ["gasket"], includeInternalComments: false).ToListAsync());
            Assert.Equal([order.Id], await TextSearch.MatchingWorkOrderIds(db, ["flange"], includeInternalComments: false).ToListAsync());
        }
        finally
        {
            await dropDatabase();
        }
    }

    private static Task<int> CountAsync(WorkdeskDbContext db, string sql) => db.Database.SqlQueryRaw<int>(sql).SingleAsync();
}
