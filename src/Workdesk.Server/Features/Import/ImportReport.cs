namespace Workdesk.Server.Features.Import;

/// <summary>A row that was not imported, or imported with a caveat, and why.</summary>
/// <param name="Line">The 1-based line of the file where the row starts; the header is line 1.</param>
public sealed record RowMessage(long Line, string Message);

/// <summary>What one import did: the counts, each rejected row and how the file was read.</summary>
public sealed class ImportReport
{
    /// <summary>
    /// Rejections and warnings listed in full; beyond this only the counts grow, so a report about
    /// a file with millions of bad rows stays small.
    /// </summary>
    public const int MaxListedMessages = 1000;

    private readonly List<RowMessage> rejections = [];
    private readonly List<RowMessage> warnings = [];
    private readonly List<string> notes = [];

    public required string Kind { get; init; }

    public required string Format { get; init; }

    public required string Encoding { get; init; }

    public required string Delimiter { get; init; }

    /// <summary>Data rows read, not counting the header: imported + updated + skipped + rejected.</summary>
    public long RowsRead => Imported + Updated + Skipped + Rejected;

    /// <summary>Rows that created a record.</summary>
    public long Imported { get; private set; }

    /// <summary>Rows whose record existed (same external id) and was changed.</summary>
    public long Updated { get; private set; }

    /// <summary>Rows whose record existed and already had these values.</summary>
    public long Skipped { get; private set; }

    /// <summary>Rows that wrote nothing because a value was invalid.</summary>
    public long Rejected { get; private set; }

    /// <summary>Warnings about rows that were imported, such as a reference left empty.</summary>
    public long WarningCount { get; private set; }

    public IReadOnlyList<RowMessage> Rejections => rejections;

    public IReadOnlyList<RowMessage> Warnings => warnings;

    /// <summary>How the file was read, such as an encoding fallback.</summary>
    public IReadOnlyList<string> Notes => notes;

    /// <summary>Why the import ended before the end of the file, or null when it read the whole file.</summary>
    public string? StoppedEarly { get; set; }

    public void AddNote(string note) => notes.Add(note);

    /// <summary>Forgets the outcomes added so far, after a rollback undid their rows.</summary>
    internal void ClearRows()
    {
        Imported = Updated = Skipped = Rejected = WarningCount = 0;
        rejections.Clear();
        warnings.Clear();
    }

    /// <summary>Adds the outcomes of a committed batch.</summary>
    internal void Add(BatchTally tally)
    {
        Imported += tally.Imported;
        Updated += tally.Updated;
        Skipped += tally.Skipped;
        Rejected += tally.Rejections.Count;
        WarningCount += tally.Warnings.Count;
        rejections.AddRange(tally.Rejections.Take(MaxListedMessages - rejections.Count));
        warnings.AddRange(tally.Warnings.Take(MaxListedMessages - warnings.Count));
    }
}

/// <summary>The outcomes of the rows of one batch, added to the report when the batch commits.</summary>
internal sealed class BatchTally
{
    public long Imported { get; private set; }

    public long Updated { get; private set; }

    public long Skipped { get; private set; }

    public List<RowMessage> Rejections { get; } = [];

    public List<RowMessage> Warnings { get; } = [];

    public int Rows => (int)(Imported + Updated + Skipped) + Rejections.Count;

    public void Add(long line, RowOutcome outcome)
    {
        switch (outcome.Kind)
        {
            case RowOutcomeKind.Imported:
                Imported++;
                break;
            case RowOutcomeKind.Updated:
                Updated++;
                break;
            case RowOutcomeKind.Skipped:
                Skipped++;
                break;
            case RowOutcomeKind.Rejected:
                Rejections.Add(new RowMessage(line, outcome.Reason!));
                break;
        }

        if (outcome.Kind != RowOutcomeKind.Rejected && outcome.Warning is { } warning)
        {
            Warnings.Add(new RowMessage(line, warning));
        }
    }
}
