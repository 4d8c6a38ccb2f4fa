namespace Workdesk.Server.Features.Import;

public enum RowOutcomeKind
{
    Imported,
    Updated,
    Skipped,
    Rejected,
}

/// <summary>What importing one row did; a rejected row carries the reason, others may carry a warning.</summary>
public readonly record struct RowOutcome(RowOutcomeKind Kind, string? Reason = null, string? Warning = null)
{
    public static RowOutcome Imported(string? warning = null) => new(RowOutcomeKind.Imported, Warning: warning);

    public static RowOutcome Updated(string? warning = null) => new(RowOutcomeKind.Updated, Warning: warning);

    public static RowOutcome Skipped(string? warning = null) => new(RowOutcomeKind.Skipped, Warning: warning);

    public static RowOutcome Rejected(string reason) => new(RowOutcomeKind.Rejected, reason);
}

/// <summary>
/// Imports the rows of one kind and format. <see cref="ImportAsync"/> validates the whole row before
/// it writes anything; the runner also wraps each row in a savepoint, so a row that fails while
/// writing leaves nothing behind either.
/// </summary>
internal interface IRowImporter
{
    /// <summary>The columns the header must have.</summary>
    IReadOnlyList<string> RequiredColumns { get; }

    /// <summary>The other columns this importer reads.</summary>
    IReadOnlyList<string> OptionalColumns { get; }

    Task<RowOutcome> ImportAsync(ImportRow row, ImportContext context, CancellationToken ct);
}

/// <summary>
/// Imports rows a batch at a time. <see cref="Read"/> checks a row in memory and keeps what to
/// write, and <see cref="WriteAsync"/> then writes the accepted rows of a batch together, which
/// saves the database round trips of writing one row at a time.
/// </summary>
/// <typeparam name="TRecord">What a valid row becomes: a copy of its values, because the reader moves on.</typeparam>
internal interface IBatchRowImporter<TRecord> : IRowImporter
    where TRecord : class
{
    /// <summary>Returns the row's record, or null when the row is invalid and <see cref="ImportRow.Reject"/> names why.</summary>
    TRecord? Read(ImportRow row);

    /// <summary>
    /// Writes the records and returns one outcome per record, in order. Throws when the database
    /// rejects a write, and the caller then rolls the whole call back.
    /// </summary>
    Task<IReadOnlyList<RowOutcome>> WriteAsync(IReadOnlyList<TRecord> records, ImportContext context, CancellationToken ct);
}
