namespace Workdesk.Server.Features.Import;

/// <summary>
/// Prepared statements for rows written a chunk at a time: the statement of a full chunk, kept
/// for every full chunk so SQLite parses and plans it once, and one for the shorter last chunk.
/// </summary>
internal sealed class ChunkStatements(int rowsPerStatement, Func<int, PositionalStatement> prepare) : IDisposable
{
    private PositionalStatement? full;
    private PositionalStatement? last;

    /// <summary>Returns the statement for a chunk of <paramref name="rows"/> rows.</summary>
    public PositionalStatement For(int rows)
    {
        if (rows == rowsPerStatement)
        {
            return full ??= prepare(rows);
        }

        last?.Dispose();
        last = prepare(rows);
        return last;
    }

    public void Dispose()
    {
        full?.Dispose();
        last?.Dispose();
    }
}
