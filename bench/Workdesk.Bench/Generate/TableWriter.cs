using System.Globalization;

namespace Workdesk.Bench.Generate;

/// <summary>How a value is encoded; each provider maps these to its own column types.</summary>
internal enum ColumnType
{
    Int64,
    Int32,
    Text,
    Real,
    Boolean,
    Timestamp,
}

internal sealed record Column(string Name, ColumnType Type);

/// <summary>
/// Writes rows into one table. Values are added in column order and <see cref="EndRow"/> sends the
/// row; a value of the wrong type or a row with too few values throws, so a mistake in the generator
/// fails fast instead of shifting columns.
/// </summary>
internal abstract class TableWriter(string table, IReadOnlyList<Column> columns) : IDisposable
{
    private int ordinal;

    public string Table { get; } = table;

    public IReadOnlyList<Column> Columns { get; } = columns;

    public long RowCount { get; private set; }

    public TableWriter Int64(long? value)
    {
        SetInt64(Next(ColumnType.Int64), value);
        return this;
    }

    public TableWriter Int32(int value)
    {
        SetInt32(Next(ColumnType.Int32), value);
        return this;
    }

    public TableWriter Text(string? value)
    {
        SetText(Next(ColumnType.Text), value);
        return this;
    }

    public TableWriter Real(double? value)
    {
        SetReal(Next(ColumnType.Real), value);
        return this;
    }

    public TableWriter Boolean(bool value)
    {
        SetBoolean(Next(ColumnType.Boolean), value);
        return this;
    }

    public TableWriter Timestamp(DateTimeOffset? value)
    {
        SetTimestamp(Next(ColumnType.Timestamp), value);
        return this;
    }

    public void EndRow()
    {
        if (ordinal != Columns.Count)
        {
            throw new InvalidOperationException(
                $"Row {RowCount + 1} of {Table} has {ordinal} values but the table writer has {Columns.Count} columns.");
        }

        WriteRow();
        ordinal = 0;
        RowCount++;
    }

    /// <summary>Sends the rows that are still buffered; the writer cannot be used afterwards.</summary>
    public abstract void Complete();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    protected abstract void SetInt64(int ordinal, long? value);

    protected abstract void SetInt32(int ordinal, int value);

    protected abstract void SetText(int ordinal, string? value);

    protected abstract void SetReal(int ordinal, double? value);

    protected abstract void SetBoolean(int ordinal, bool value);

    protected abstract void SetTimestamp(int ordinal, DateTimeOffset? value);

    /// <summary>Called before the first value of each row.</summary>
    protected virtual void BeginRow()
    {
    }

    protected abstract void WriteRow();

    private int Next(ColumnType type)
    {
        if (ordinal == 0)
        {
            BeginRow();
        }

        if (ordinal >= Columns.Count)
        {
            throw new InvalidOperationException($"Row {RowCount + 1} of {Table} has more values than its {Columns.Count} columns.");
        }

        var column = Columns[ordinal];
        if (column.Type != type)
        {
            throw new InvalidOperationException(string.Format(
                CultureInfo.InvariantCulture,
                "Column {0}.{1} is {2}, but the generator wrote a {3} value.",
                Table, column.Name, column.Type, type));
        }

        return ordinal++;
    }
}

/// <summary>
/// A database that bulk rows are written to. It drops the secondary indexes before the load and
/// recreates them afterwards from their saved definitions, because building an index once from
/// sorted data is much faster than updating it row by row.
/// </summary>
internal abstract class BulkDatabase : IDisposable
{
    public abstract Task PrepareAsync(CancellationToken ct);

    public abstract TableWriter OpenTable(string table, IReadOnlyList<Column> columns);

    /// <summary>Commits the rows, recreates the indexes and constraints, and checks the references.</summary>
    public abstract Task FinishAsync(IProgress<string> progress, CancellationToken ct);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);
}
