namespace Workdesk.Server.Infrastructure;

/// <summary>
/// Lets one create at a time in this process open its SQLite write transaction; the others wait
/// here asynchronously.
/// </summary>
/// <remarks>
/// SQLite allows one writer per file. Without the gate, each waiting create blocks a thread-pool
/// thread inside the synchronous BEGIN IMMEDIATE, where SQLite's busy handler sleeps and retries,
/// so waiters hold threads and wake up late. Writers outside this gate (other endpoints, jobs,
/// other processes) still wait through the busy timeout as before. PostgreSQL needs no gate.
/// </remarks>
public sealed class SqliteWriteGate : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public void Dispose() => gate.Dispose();

    /// <summary>Waits for the gate and returns the handle that releases it when disposed.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
