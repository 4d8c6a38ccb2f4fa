using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.Assets;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Infrastructure;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests;

/// <summary>
/// Creates on SQLite that wait for the write lock together share one transaction and one commit.
/// These tests hold the first create of a group open so that the others queue behind it, on the
/// real SQLite file of a test server.
/// </summary>
public sealed class SqliteGroupCommitTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private readonly SqliteGroupCommit groupCommit = new(NullLogger<SqliteGroupCommit>.Instance);

    [Fact]
    public async Task FailedMember_RolledBackAlone()
    {
        var table = await CreateTableAsync("id INTEGER PRIMARY KEY, name TEXT NOT NULL");
        var hold = new TaskCompletionSource();
        var first = await StartHeldAsync(table, "first", hold.Task);

        var second = MemberAsync(db => InsertAsync(db, table, "kept"));
        var thrown = MemberAsync(async db =>
        {
            await InsertAsync(db, table, "thrown");
            throw new InvalidOperationException("The create broke after its insert.");
        });
        var rejected = MemberAsync(async db =>
        {
            await InsertAsync(db, table, "rejected");
            return Error.Invalid("title", "The create was rejected after its insert.");
        });
        var last = MemberAsync(db => InsertAsync(db, table, "last"));
        hold.SetResult();

        Assert.True((await first).IsSuccess);
        Assert.True((await second).IsSuccess);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => thrown);
        Assert.Equal("The create broke after its insert.", error.Message);
        Assert.Equal("title", (await rejected).Error!.Field);
        Assert.True((await last).IsSuccess);
        Assert.Equal(["first", "kept", "last"], await NamesAsync(table));
    }

    [Fact]
    public async Task QueuedCreates_ShareOneConnection()
    {
        var table = await CreateTableAsync("id INTEGER PRIMARY KEY, name TEXT NOT NULL");
        var hold = new TaskCompletionSource();
        var connections = new List<object>();
        var first = await StartHeldAsync(table, "first", hold.Task, connections);
        var second = MemberAsync(db =>
        {
            connections.Add(db.Database.GetDbConnection());
            return Task.FromResult<Result<bool>>(true);
        });
        hold.SetResult();
        await Task.WhenAll(first, second);

        Assert.Same(connections[0], connections[1]);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();
        Assert.NotSame(connections[0], db.Database.GetDbConnection());
        Assert.Equal(["first"], await NamesAsync(table));
    }

    [Fact]
    public async Task FailedCommit_FailsWholeGroup()
    {
        var parents = await CreateTableAsync("id INTEGER PRIMARY KEY, name TEXT NOT NULL");
        var children = await CreateTableAsync(
            $"id INTEGER PRIMARY KEY, name TEXT NOT NULL, parent INTEGER REFERENCES \"{parents}\"(id) DEFERRABLE INITIALLY DEFERRED");
        var hold = new TaskCompletionSource();
        var first = await StartHeldAsync(parents, "parent", hold.Task);

        // A deferred foreign key is checked at COMMIT, so this member succeeds and the commit fails.
        var orphan = MemberAsync(async db =>
        {
            var orphanRow = $"INSERT INTO \"{children}\" (name, parent) VALUES ('orphan', 999)";
            await db.Database.ExecuteSqlRawAsync(orphanRow);
            return true;
        });
        hold.SetResult();

        var firstError = await Assert.ThrowsAsync<SqliteException>(() => first);
        var orphanError = await Assert.ThrowsAsync<SqliteException>(() => orphan);
        Assert.Contains("FOREIGN KEY", firstError.Message, StringComparison.Ordinal);
        Assert.Same(firstError, orphanError);
        Assert.Empty(await NamesAsync(parents));
        Assert.Empty(await NamesAsync(children));

        // The next create starts a new group and commits.
        Assert.True((await MemberAsync(db => InsertAsync(db, parents, "after"))).IsSuccess);
        Assert.Equal(["after"], await NamesAsync(parents));
    }

    [Fact]
    public async Task CancelledWaiter_IsSkipped()
    {
        var table = await CreateTableAsync("id INTEGER PRIMARY KEY, name TEXT NOT NULL");
        var hold = new TaskCompletionSource();
        var first = await StartHeldAsync(table, "first", hold.Task);

        using var giveUp = new CancellationTokenSource();
        var cancelled = MemberAsync(db => InsertAsync(db, table, "cancelled"), ct: giveUp.Token);
        var next = MemberAsync(db => InsertAsync(db, table, "next"));
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        hold.SetResult();

        Assert.True((await first).IsSuccess);
        Assert.True((await next).IsSuccess);
        Assert.Equal(["first", "next"], await NamesAsync(table));
    }

    [Fact]
    public async Task ConcurrentCreates_AllCommitted()
    {
        var table = await CreateTableAsync("id INTEGER PRIMARY KEY, name TEXT NOT NULL");

        var results = await Task.WhenAll(Enumerable.Range(0, 3 * SqliteGroupCommit.MaxGroupSize)
            .Select(i => MemberAsync(db => InsertAsync(db, table, $"row {i:D3}"))));

        Assert.All(results, r => Assert.True(r.IsSuccess));
        Assert.Equal(3 * SqliteGroupCommit.MaxGroupSize, (await NamesAsync(table)).Count);
    }

    [Fact]
    public async Task RepeatedInsert_StoresEachRunsValues()
    {
        // The group's connection stays open and keeps each INSERT prepared, so the second and
        // third runs reuse the first one's statement with their own ids, text, decimals and dates.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var expected = new List<(long Id, string Name, decimal Cost, DateOnly WarrantyEnd)>();
        for (var i = 0; i < 3; i++)
        {
            var asset = new Asset { Tag = "GC-" + Guid.NewGuid().ToString("N")[..8], Name = $"Pump {i}", PurchaseCost = 1500.5m + i, WarrantyEnd = today.AddDays(i) };
            Assert.True((await MemberAsync(async db =>
            {
                db.Assets.Add(asset);
                await db.SaveChangesAsync();
                return true;
            })).IsSuccess);
            expected.Add((asset.Id, asset.Name, asset.PurchaseCost!.Value, asset.WarrantyEnd!.Value));
        }

        await using var scope = app.Services.CreateAsyncScope();
        var check = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();
        var ids = expected.Select(e => e.Id).ToList();
        var stored = await check.Assets.Where(a => ids.Contains(a.Id)).OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.Name, a.PurchaseCost, a.WarrantyEnd }).ToListAsync();
        Assert.Equal(expected, stored.Select(a => (a.Id, a.Name, a.PurchaseCost!.Value, a.WarrantyEnd!.Value)));
    }

    [Fact]
    public async Task FromFirstSave_ChecksWhileTurnHeld()
    {
        var table = await CreateTableAsync("id INTEGER PRIMARY KEY, name TEXT NOT NULL");
        var hold = new TaskCompletionSource();
        var first = await StartHeldAsync(table, "first", hold.Task);

        // Both read before the held create ends: one stops at its check, the other saves after it.
        var checkedAt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entry = NewEntry("saved after its check");
        var saved = MemberAsync(async db =>
        {
            await db.Assets.AnyAsync();
            checkedAt.SetResult();
            db.Activities.Add(entry);
            await db.SaveChangesAsync();
            return true;
        }, fromFirstSave: true);
        var rejected = await MemberAsync(async db =>
        {
            await db.Assets.AnyAsync();
            return Error.Invalid("assetId", "The check failed before any save.");
        }, fromFirstSave: true);
        await checkedAt.Task;

        Assert.Equal("assetId", rejected.Error!.Field);
        Assert.False(first.IsCompleted);
        Assert.False(saved.IsCompleted);
        hold.SetResult();
        Assert.True((await first).IsSuccess);
        Assert.True((await saved).IsSuccess);
        Assert.True(entry.Id > 0);
    }

    [Fact]
    public async Task RecordInsert_KeepsStatementPrepared()
    {
        // The second and third inserts run the first one's statement with their own values.
        var entries = new List<Activity>();
        for (var i = 0; i < 3; i++)
        {
            var entry = NewEntry($"inserted {i}");
            entry.OldValue = i == 1 ? null : $"old {i}";
            Assert.True((await MemberAsync(async db =>
            {
                await RecordInsert<Activity>.InsertAsync(db, entry, CancellationToken.None);
                Assert.Equal(EntityState.Unchanged, db.Entry(entry).State);
                return true;
            })).IsSuccess);
            entries.Add(entry);
        }

        await using var scope = app.Services.CreateAsyncScope();
        var check = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();
        var ids = entries.Select(e => e.Id).ToList();
        var stored = await check.Activities.Where(a => ids.Contains(a.Id)).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(3, ids.Distinct().Count());
        Assert.Equal(entries.Select(e => (e.Id, e.Action, e.OldValue)), stored.Select(a => (a.Id, a.Action, a.OldValue)));
    }

    [Fact]
    public async Task GroupedWorkOrders_IndexedForSearchAtCommit()
    {
        var tag = SearchTag.New('g');
        var oldWord = SearchTag.New('o');
        var hold = new TaskCompletionSource();
        var first = new WorkOrder { Title = $"First {tag}" };
        var firstCreate = await StartHeldAsync(db => AddAsync(db, first), hold.Task);

        // The update and comment triggers index a work order renamed or commented on in the group
        // before the commit. The commit must not index those two again.
        var renamed = new WorkOrder { Title = $"Pump {oldWord}" };
        var rename = MemberAsync(async db =>
        {
            await AddAsync(db, renamed);
            renamed.Title = $"Renamed {tag}";
            await db.SaveChangesAsync();
            return true;
        });
        var commented = new WorkOrder { Title = "Boiler" };
        var comment = MemberAsync(async db =>
        {
            await AddAsync(db, commented);
            db.Comments.Add(new Comment { WorkOrderId = commented.Id, Body = $"Commented {tag}", CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
            return true;
        });
        var dropped = new WorkOrder { Title = $"Dropped {tag}" };
        var drop = MemberAsync(async db =>
        {
            await AddAsync(db, dropped);
            return Error.Invalid("title", "The create was rejected after its insert.");
        });
        hold.SetResult();

        Assert.True((await firstCreate).IsSuccess);
        Assert.True((await rename).IsSuccess);
        Assert.True((await comment).IsSuccess);
        Assert.False((await drop).IsSuccess);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();
        Assert.Equal([first.Id, renamed.Id, commented.Id], await MatchesAsync(db, tag));
        Assert.Empty(await MatchesAsync(db, oldWord));
        var deferrals = $"SELECT count(*) AS \"Value\" FROM \"{SqliteSearchIndex.DeferralTable}\"";
        Assert.Equal(0, await db.Database.SqlQueryRaw<int>(deferrals).SingleAsync());
        var rows = $"SELECT count(*) AS \"Value\" FROM \"{SqliteSearchIndex.DocSizeTable}\" WHERE id IN ({first.Id}, {renamed.Id}, {commented.Id})";
        Assert.Equal(3, await db.Database.SqlQueryRaw<int>(rows).SingleAsync());
        await db.Database.ExecuteSqlRawAsync("INSERT INTO \"WorkOrderSearch\" (\"WorkOrderSearch\") VALUES ('integrity-check')");
    }

    /// <summary>
    /// Starts a create that inserts a row and then waits for <paramref name="hold"/>, and returns
    /// once the row is written, so that the creates started next queue behind it in its group.
    /// </summary>
    private Task<Task<Result<bool>>> StartHeldAsync(string table, string name, Task hold, List<object>? connections = null) =>
        StartHeldAsync(db => InsertAsync(db, table, name), hold, connections);

    private async Task<Task<Result<bool>>> StartHeldAsync(Func<WorkdeskDbContext, Task> write, Task hold, List<object>? connections = null)
    {
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var member = MemberAsync(async db =>
        {
            connections?.Add(db.Database.GetDbConnection());
            await write(db);
            written.SetResult();
            await hold;
            return true;
        });
        await Task.WhenAny(written.Task, member);
        return member;
    }

    private async Task<Result<bool>> MemberAsync(
        Func<WorkdeskDbContext, Task<Result<bool>>> work, bool fromFirstSave = false, CancellationToken ct = default)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();
        return await groupCommit.RunAsync(db, _ => work(db), fromFirstSave, ct);
    }

    private static Activity NewEntry(string action) =>
        new() { EntityType = "group_commit_test", EntityId = 1, Action = action, At = DateTimeOffset.UtcNow };

    private static async Task<Result<bool>> InsertAsync(WorkdeskDbContext db, string table, string name)
    {
        var insert = $"INSERT INTO \"{table}\" (name) VALUES ({{0}})";
        await db.Database.ExecuteSqlRawAsync(insert, name);
        return true;
    }

    private static async Task AddAsync(WorkdeskDbContext db, WorkOrder workOrder)
    {
        db.WorkOrders.Add(workOrder);
        await db.SaveChangesAsync();
    }

    private static Task<List<long>> MatchesAsync(WorkdeskDbContext db, string word) =>
        db.Database.SqlQuery<long>($"SELECT rowid AS \"Value\" FROM \"WorkOrderSearch\" WHERE \"WorkOrderSearch\" MATCH {word} ORDER BY rowid").ToListAsync();

    private async Task<string> CreateTableAsync(string columns)
    {
        var table = "group_commit_" + Guid.NewGuid().ToString("N")[..8];
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();
        var create = $"CREATE TABLE \"{table}\" ({columns})";
        await db.Database.ExecuteSqlRawAsync(create);
        return table;
    }

    private async Task<List<string>> NamesAsync(string table)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();
        var select = $"SELECT name AS \"Value\" FROM \"{table}\" ORDER BY id";
        return await db.Database.SqlQueryRaw<string>(select).ToListAsync();
    }
}
