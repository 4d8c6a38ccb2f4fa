using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Workdesk.Data;

namespace Workdesk.Server.Features.Import;

/// <summary>
/// The transaction of one batch: a transaction of its own, or a savepoint in the transaction
/// of a <see cref="SqliteBulkLoad"/>. Disposing it before <see cref="CommitAsync"/> undoes the batch.
/// </summary>
internal sealed class BatchTransaction : IAsyncDisposable
{
    private const string Savepoint = "import_batch";

    private readonly bool own;
    private bool done;

    private BatchTransaction(IDbContextTransaction transaction, bool own)
    {
        Transaction = transaction;
        this.own = own;
    }

    public IDbContextTransaction Transaction { get; }

    public static async Task<BatchTransaction> BeginAsync(WorkdeskDbContext db, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is { } outer)
        {
            await outer.CreateSavepointAsync(Savepoint, ct);
            return new BatchTransaction(outer, own: false);
        }

        return new BatchTransaction(await db.Database.BeginTransactionAsync(ct), own: true);
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        await (own ? Transaction.CommitAsync(ct) : Transaction.ReleaseSavepointAsync(Savepoint, ct));
        done = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (own)
        {
            await Transaction.DisposeAsync();
        }
        else if (!done)
        {
            await Transaction.RollbackToSavepointAsync(Savepoint);
            await Transaction.ReleaseSavepointAsync(Savepoint);
        }
    }
}
