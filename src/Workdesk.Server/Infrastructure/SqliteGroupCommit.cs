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
/// changed once, adds one segment to the search index instead of one per create, and syncs once.
/// A create that fails rolls back to its savepoint and leaves the rest of the group alone. If
/// the commit itself fails, every create of the group fails and nothing of it is kept. Writers
/// outside this class (updates, jobs, other processes) wait through SQLite's busy timeout as
/// before. PostgreSQL commits each create on its own.
/// </remarks>
public sealed class SqliteGroupCommit(ILogger<SqliteGroupCommit> logger) : IDisposable
{
    /// <summary>
    /// Maximum number of creates in one transaction, which bounds how long other writers wait for the write lock.
    /// </summary>
    public const int MaxGroupSize = 32;

    private const string Savepoint = "group_member";

    private readonly Lock sync = new();
    private readonly Queue<TaskCompletionSource<Group?>> waiting = new();
    private bool turnTaken;

    // The connection every group writes through, opened by the first group and kept open for the
    // next ones. Only the create that has the turn uses it.
    private SqliteConnection? writer;

    /// <summary>
    /// Runs <paramref name="work"/> with the context attached to a group's transaction, and
    /// returns once the group has committed. The context joins the group before the work starts,
    /// or, with <paramref name="joinOnFirstSave"/>, when the work first saves, so that the reads
    /// before that run alongside the group instead of inside it, and work that never saves never
    /// waits. A failed result is rolled back to the member's savepoint. An exception from the
    /// work or from the commit is thrown after the group has ended, so a caller that reads again
    /// finds what the group committed.
    /// </summary>
    /// <remarks>
    /// With <paramref name="joinOnFirstSave"/>, what the work read before its first save may change
    /// before it writes, so use it only where constraints in the database catch such a change or
    /// where it does no harm. Writes that bypass SaveChangesAsync (ExecuteUpdate, raw SQL) before
    /// the first save would run outside the group.
    /// </remarks>
    public async Task<Result<T>> RunAsync<T>(
        WorkdeskDbContext db, Func<CancellationToken, Task<Result<T>>> work, bool joinOnFirstSave, CancellationToken ct)
    {
        var member = new Member(db);
        Result<T>? result = null;
        Exception? failure = null;
        try
        {
            if (joinOnFirstSave)
            {
                db.BeforeNextSave = c => JoinAsync(member, db.Database.GetConnectionString()!, c);
            }
            else
            {
                await JoinAsync(member, db.Database.GetConnectionString()!, ct);
            }

            result = await work(ct);
        }
        catch (Exception e)
        {
            failure = e;
        }
        finally
        {
            db.BeforeNextSave = null;
        }

        if (member.HoldsTurn)
        {
            try
            {
                await member.LeaveAsync(keep: failure is null && result!.Value.IsSuccess);
            }
            catch (Exception e) when (failure is null)
            {
                failure = e;
            }

            failure = await EndTurnAsync(member.Group, failure);
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        return result.GetValueOrDefault();
    }

    private async Task JoinAsync(Member member, string connectionString, CancellationToken ct)
    {
        member.Group = await WaitForTurnAsync(ct);
        member.HoldsTurn = true;
        member.Group ??= await StartGroupAsync(connectionString, ct);
        await member.AttachAsync();
    }

    /// <summary>
    /// Hands the turn on, waits until the group has committed, and returns the exception the
    /// caller should throw: its own failure, else the commit's.
    /// </summary>
    private async Task<Group> StartGroupAsync(string connectionString, CancellationToken ct)
    {
        if (writer is null)
        {
            writer = await DatabaseSetup.OpenSqliteAsync(connectionString, ct);
        }

        try
        {
            return new Group(writer, (SqliteTransaction)await writer.BeginTransactionAsync(ct));
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

    private async Task<Exception?> EndTurnAsync(Group? group, Exception? failure)
    {
        // The group is null here only if it could not start, and then the turn goes on without it.
        var committed = group is null ? HandTurnOn() : PassOn(group);
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
            logger.LogDebug(e, "The group's commit failed after one of its creates had failed");
        }

        return failure;
    }

    /// <summary>Closes the shared connection when the server stops.</summary>
    public void Dispose() => writer?.Dispose();

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

    private async Task EndGroupAsync(Group group)
    {
        if (!await group.EndAsync())
        {
            // After a failed commit or rollback the connection's state is unknown, so the next group opens a new one.
            await CloseWriterAsync();
        }

        await HandTurnOn();
        await group.Committed.Task;
    }

    /// <summary>Lets the next waiting create start a new group, or frees the turn when none waits.</summary>
    private Task HandTurnOn()
    {
        lock (sync)
        {
            if (!HandTurn(null))
            {
                turnTaken = false;
            }
        }

        return Task.CompletedTask;
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

    /// <summary>One create's place in a group: whether it has the turn, and the context it attached.</summary>
    private sealed class Member(WorkdeskDbContext db)
    {
        private System.Data.Common.DbConnection? ownConnection;
        private bool inSavepoint;

        public Group? Group { get; set; }

        public bool HoldsTurn { get; set; }

        /// <summary>Opens the member's savepoint and moves the context onto the group's connection and transaction.</summary>
        public async Task AttachAsync()
        {
            var group = Group!;
            group.Members++;
            try
            {
                await group.Transaction.SaveAsync(Savepoint, CancellationToken.None);
            }
            catch
            {
                group.Broken = true;
                throw;
            }

            inSavepoint = true;
            ownConnection = db.Database.GetDbConnection();
            db.Database.SetDbConnection(group.Connection, contextOwnsConnection: false);
            await db.Database.UseTransactionAsync(group.Transaction, CancellationToken.None);
        }

        /// <summary>
        /// Gives the context its own connection back, and keeps or rolls back what the member
        /// wrote. If the savepoint cannot be ended, the transaction is in an unknown state, so
        /// the whole group is marked to be rolled back.
        /// </summary>
        public async Task LeaveAsync(bool keep)
        {
            if (ownConnection is not null)
            {
                await db.Database.UseTransactionAsync(null, CancellationToken.None);
                db.Database.SetDbConnection(ownConnection, contextOwnsConnection: true);
                ownConnection = null;
            }

            if (!inSavepoint)
            {
                return;
            }

            inSavepoint = false;
            try
            {
                if (!keep)
                {
                    await Group!.Transaction.RollbackAsync(Savepoint, CancellationToken.None);
                }

                await Group!.Transaction.ReleaseAsync(Savepoint, CancellationToken.None);
            }
            catch
            {
                Group!.Broken = true;
                throw;
            }
        }
    }

    private sealed class Group(SqliteConnection connection, SqliteTransaction transaction)
    {
        public SqliteConnection Connection { get; } = connection;

        public SqliteTransaction Transaction { get; } = transaction;

        public int Members { get; set; }

        public bool Broken { get; set; }

        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

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
