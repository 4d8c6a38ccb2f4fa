using System.Text;
using Workdesk.Domain.Common;

namespace Workdesk.Server.Features.Import;

/// <summary>What to import and how to read the file.</summary>
/// <param name="Encoding">The encoding the caller named, or null to detect it.</param>
/// <param name="Delimiter">The delimiter the caller named, or null to detect it from the header line.</param>
/// <param name="ActorId">The user recorded as creator and in the history; null for the command line.</param>
public sealed record ImportOptions(DataKind Kind, ImportFormat Format, Encoding? Encoding, char? Delimiter, long? ActorId)
{
    /// <summary>
    /// Rows written per transaction. The 311 formats also hold this many rows in memory and save
    /// them together. Measured with a 100,000-row Boston import on PostgreSQL: 500 rows peaked at
    /// 280 MB and took 50 s, and 1,000 rows peaked at 318 MB and took 72 s.
    /// </summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>
    /// The size from which a 311 file goes into SQLite as one transaction (see <see cref="SqliteBulkLoad"/>),
    /// which makes the server's own writes wait until it ends. Null, the default, means never. The
    /// command line sets <see cref="SqliteBulkLoad.LargeFileBytes"/>, and the API leaves it null.
    /// </summary>
    public long? OneTransactionFromBytes { get; init; }

    /// <summary>
    /// Whether such a transaction may switch SQLite to a rollback journal when nothing else has the
    /// database open (see <see cref="SqliteRollbackJournal"/>). Only the command line sets it:
    /// inside the server, its own background work would wait for the whole import.
    /// </summary>
    public bool WriteInPlaceWhenAlone { get; init; }

    /// <summary>
    /// Parses the names that the command line and the API accept. Every argument but the kind may
    /// be null or empty, which means the default or detection.
    /// </summary>
    public static Result<ImportOptions> Parse(string? kind, string? format, string? encoding, string? delimiter, long? actorId)
    {
        if (!DataKinds.TryParseKind(kind, out var parsedKind))
        {
            return Error.Invalid("kind", $"kind '{kind}' is unknown. Use one of: {DataKinds.KindNames}.");
        }

        if (!DataKinds.TryParseFormat(format, out var parsedFormat))
        {
            return Error.Invalid("format", $"format '{format}' is unknown. Use one of: {DataKinds.FormatNames}.");
        }

        if (parsedFormat != ImportFormat.Workdesk && parsedKind is not (DataKind.Requests or DataKind.WorkOrders))
        {
            return Error.Invalid("format",
                $"format {DataKinds.Name(parsedFormat)} creates requests with their work orders, so import it as kind requests, not {DataKinds.Name(parsedKind)}.");
        }

        var parsedEncoding = TextEncodings.Parse(encoding);
        if (!parsedEncoding.IsSuccess)
        {
            return parsedEncoding.Error!;
        }

        var parsedDelimiter = ParseDelimiter(delimiter);
        if (!parsedDelimiter.IsSuccess)
        {
            return parsedDelimiter.Error!;
        }

        return new ImportOptions(parsedKind, parsedFormat, parsedEncoding.Value, parsedDelimiter.Value, actorId);
    }

    private static Result<char?> ParseDelimiter(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Result<char?>.From(null);
        }

        char? delimiter = text switch
        {
            "," or ";" or "|" or "\t" => text[0],
            _ when string.Equals(text, "tab", StringComparison.OrdinalIgnoreCase) || text == "\\t" => '\t',
            _ => null,
        };
        return delimiter is null
            ? Error.Invalid("delimiter", $"delimiter '{text}' is not supported. Use ',', ';', '|' or tab (written as \"tab\" or \"\\t\").")
            : Result<char?>.From(delimiter);
    }
}

/// <summary>The text encodings an import accepts by name.</summary>
public static class TextEncodings
{
    static TextEncodings()
    {
        // Windows-1252 is not built into .NET; the code pages provider in the shared framework
        // adds it. Property initializers would run before this, so the property is set here.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Windows1252 = Encoding.GetEncoding(1252);
    }

    /// <summary>UTF-8 that throws on invalid bytes instead of replacing them.</summary>
    public static Encoding StrictUtf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Encoding Windows1252 { get; }

    /// <summary>Parses utf-8 or windows-1252 (and their usual aliases); empty means detect.</summary>
    public static Result<Encoding?> Parse(string? name)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case null or "":
                return Result<Encoding?>.From(null);
            case "utf-8" or "utf8":
                return StrictUtf8;
            case "windows-1252" or "cp1252" or "1252":
                return Windows1252;
            default:
                return Error.Invalid("encoding", $"encoding '{name}' is not supported. Use utf-8 or windows-1252, or leave it out to detect it.");
        }
    }

    /// <summary>Returns the name reports use for an encoding.</summary>
    public static string Name(Encoding encoding) => encoding.CodePage switch
    {
        65001 => "utf-8",
        1252 => "windows-1252",
        1200 => "utf-16le",
        1201 => "utf-16be",
        _ => encoding.WebName,
    };
}
