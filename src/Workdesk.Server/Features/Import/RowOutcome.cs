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
