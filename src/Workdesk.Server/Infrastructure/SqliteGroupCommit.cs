using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;

namespace Workdesk.Server.Infrastructure;

/// <summary>
/// Lets creates on SQLite share one write transaction and one commit. Creates take turns: each
/// runs in its own savepoint of the open transaction, then hands the transaction to the next
/// waiting create, and the last one of the group commits for all of them. Every create waits for
/// that commit before it returns, so an acknowledged create is on disk as before.
/// </summary>
/// <remarks>
/// SQLite lets one transaction write at a time, and with synchronous=FULL each commit appends the
/// pages it changed to the WAL and syncs the file. A group writes a page that several creates
/// changed once, syncs once, and indexes its new work orders for search together just before the
/// commit (see <see cref="SqliteSearchIndex.Defer"/>), which adds one search index segment instead
/// of one per create.
/// A create that fails rolls back to its savepoint and leaves the rest of the group alone. If
/// the commit itself fails, every create of the group fails and nothing of it is kept. Writers
/// outside this class (updates, jobs, other processes) wait through SQLite's busy timeout as
/// before. PostgreSQL commits each create on its own.
/// </remarks>
public sealed class SqliteGroupCommit(ILogger<SqliteGroupCommit> logger) : IDisposable
{
    private readonly ILogger<SqliteGroupCommit> logger = logger;

    /// <summary>
    /// Maximum number of creates in one transaction, which bounds how long other writers wait for the write lock.
    /// </summary>
    public const int MaxGroupSize = 32;

    private const string Savepoint = "group_member";

    private readonly Lock sync = new();
    private readonly Queue<TaskCompletionSource<Group?>> waiting = new();
    private bool turnTaken;

    // The connection every group writes through, opened by the first group and kept open so that
    // its prepared statements serve the next groups. Only the create that has the turn uses it.
    private SqliteConnection? writer;

    /// <summary>
    /// Runs <paramref name="work"/> with the context attached to the group's transaction and
    /// returns once the group has committed. The work takes its turn before it starts, or with
    /// <paramref name="fromFirstSave"/> at its first save, so that the checks it reads before
    /// writing run while another create has the turn. A failed result is rolled back to the
    /// savepoint. An exception from the work or from the commit is thrown after the group has
    /// ended, so a caller that reads again finds what the group committed.
    /// </summary>
    public async Task<Result<T>> RunAsync<T>(
        WorkdeskDbContext db, Func<CancellationToken, Task<Result<T>>> work, bool fromFirstSave, CancellationToken ct)
    {
        var member = new Member(this, db);
        Result<T>? result = null;
        Exception? failure = null;
        try
        {
            await db.StartWritingAsync(member.JoinAsync, fromFirstSave, ct);
            result = await work(ct);
        }
        catch (Exception e)
        {
            failure = e;
        }
        finally
        {
            db.BeforeFirstWrite = null;
        }

        if (member.HasTurn)
        {
            failure = await member.LeaveAsync(keep: failure is null && result!.Value.IsSuccess, failure);
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        return result.GetValueOrDefault();
    }

    /// <summary>Closes the shared connection when the server stops.</summary>
    public void Dispose() => writer?.Dispose();

    private static async Task EndMemberAsync(Group group, bool keep)
    {
        try
        {
            if (!keep)
            {
                await group.Transaction.RollbackAsync(Savepoint, CancellationToken.None);
            }

            await group.Transaction.ReleaseAsync(Savepoint, CancellationToken.None);
        }
        catch
        {
            // The transaction is in an unknown state, so the whole group is rolled back.
            group.Broken = true;
            throw;
        }
    }

    private async Task<Group?> WaitForTurnAsync(CancellationToken ct)
    {
        TaskCompletionSource<Group?> waiter;
        lock (sync)
        {
            if (!turnTaken)
            {
                turnTaken = true;
                return null;
            }

            waiter = new TaskCompletionSource<Group?>(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting.Enqueue(waiter);
        }

        // A waiter cancelled here is skipped when the turn is handed on.
        await using (ct.Register(() => waiter.TrySetCanceled(ct)))
        {
            return await waiter.Task;
        }
    }

    /// <summary>
    /// Hands the turn and the open group to the next waiting create, or, when none waits or the
    /// group is full, ends the group and hands the turn on with no group.
    /// </summary>
    private Task PassOn(Group group)
    {
        if (!group.Broken && group.Members < MaxGroupSize)
        {
            lock (sync)
            {
                if (HandTurn(group))
                {
                    return group.Committed.Task;
                }
            }
        }

        return EndGroupAsync(group);
    }

    private async Task<Group> StartGroupAsync(string connectionString, CancellationToken ct)
    {
        if (writer is null)
        {
            writer = await DatabaseSetup.OpenSqliteAsync(connectionString, ct);
            SqliteStatementCache.Enable(writer);
        }

        try
        {
            var group = new Group(writer, (SqliteTransaction)await writer.BeginTransactionAsync(ct));
            await group.ExecuteAsync(SqliteSearchIndex.Defer);
            return group;
        }
        catch
        {
            await CloseWriterAsync();
            throw;
        }
    }

    private async Task CloseWriterAsync()
    {
        if (writer is not null)
        {
            await writer.DisposeAsync();
            writer = null;
        }
    }

    private async Task EndGroupAsync(Group group)
    {
        if (!await group.EndAsync())
        {
            // After a failed commit or rollback the connection's state is unknown, so the next group opens a new one.
            await CloseWriterAsync();
        }

        HandTurnOn();
        await group.Committed.Task;
    }

    /// <summary>Lets the next waiting create start a new group, or frees the turn when none waits.</summary>
    private void HandTurnOn()
    {
        lock (sync)
        {
            if (!HandTurn(null))
            {
                turnTaken = false;
            }
        }
    }

    // Called under the lock. Waiters that gave up have a cancelled task and are skipped.
    private bool HandTurn(Group? group)
    {
        while (waiting.TryDequeue(out var next))
        {
            if (next.TrySetResult(group))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One create's part of a group: its turn, its savepoint and the swapped connection.</summary>
    private sealed class Member(SqliteGroupCommit owner, WorkdeskDbContext db)
    {
        private Group? group;
        private System.Data.Common.DbConnection? own;
        private bool joined;

        public bool HasTurn { get; private set; }

        /// <summary>Waits for the turn, then attaches the context to the group in a savepoint of its own.</summary>
        public async Task JoinAsync(CancellationToken ct)
        {
            group = await owner.WaitForTurnAsync(ct);
            HasTurn = true;
            group ??= await owner.StartGroupAsync(db.Database.GetConnectionString()!, ct);
            group.Members++;
            joined = true;
            await group.Transaction.SaveAsync(Savepoint, CancellationToken.None);
            own = db.Database.GetDbConnection();
            db.Database.SetDbConnection(group.Connection, contextOwnsConnection: false);
            await db.Database.UseTransactionAsync(group.Transaction, CancellationToken.None);
        }

        /// <summary>
        /// Gives the context its own connection back, ends the savepoint, hands the turn on and
        /// waits for the group's commit. Returns the first failure: the work's, else the commit's.
        /// </summary>
        public async Task<Exception?> LeaveAsync(bool keep, Exception? failure)
        {
            try
            {
                if (own is not null)
                {
                    await db.Database.UseTransactionAsync(null, CancellationToken.None);
                    db.Database.SetDbConnection(own, contextOwnsConnection: true);
                }

                if (joined)
                {
                    await EndMemberAsync(group!, keep);
                }
            }
            catch (Exception e)
            {
                // A savepoint that could not end has marked the group broken, so its commit fails as well.
                failure ??= e;
            }

            // The group is null here only if it could not start, and then the turn goes on without it.
            var committed = Task.CompletedTask;
            if (group is null)
            {
                owner.HandTurnOn();
            }
            else
            {
                committed = owner.PassOn(group);
            }

            try
            {
                await committed;
            }
            catch (Exception e) when (failure is null)
            {
                return e;
            }
            catch (Exception e)
            {
                owner.logger.LogDebug(e, "The group's commit failed after one of its creates had failed");
            }

            return failure;
        }
    }

    private sealed class Group(SqliteConnection connection, SqliteTransaction transaction)
    {
        public SqliteConnection Connection { get; } = connection;

        public SqliteTransaction Transaction { get; } = transaction;

        public int Members { get; set; }

        public bool Broken { get; set; }

        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Executes SQL of the group itself, such as the search index deferral, in its transaction.</summary>
        public async Task ExecuteAsync(string sql)
        {
            await using var command = Connection.CreateCommand();
            command.Transaction = Transaction;
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }

        /// <summary>
        /// Commits the group, or rolls it back when a member left it broken, and returns whether
        /// it committed.
        /// </summary>
        public async Task<bool> EndAsync()
        {
            try
            {
                if (Broken)
                {
                    await Transaction.RollbackAsync(CancellationToken.None);
                    Committed.SetException(new InvalidOperationException("A create failed in a way that left the shared transaction unusable, so the whole group was rolled back."));
                    return false;
                }

                await ExecuteAsync(SqliteSearchIndex.IndexDeferred);
                await Transaction.CommitAsync(CancellationToken.None);
                Committed.SetResult();
                return true;
            }
            catch (Exception e)
            {
                Committed.TrySetException(e);
                return false;
            }
            finally
            {
                await Transaction.DisposeAsync();
            }
        }
    }
}
