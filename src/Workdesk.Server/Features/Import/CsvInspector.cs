using System.Globalization;
using System.Text;
using Workdesk.Domain.Common;

namespace Workdesk.Server.Features.Import;

/// <summary>How to read a CSV file: its encoding, where the text starts after any byte order mark, and its delimiter.</summary>
/// <param name="Delimiter">The delimiter, or null when an Excel "sep=" first line names it.</param>
internal sealed record CsvLayout(Encoding Encoding, int PreambleLength, char? Delimiter, IReadOnlyList<string> Notes);

/// <summary>
/// Looks at a file before it is parsed: rejects binary and empty files, finds the encoding from a
/// byte order mark or by checking that the bytes are valid UTF-8, and counts the delimiters of the
/// header line. It reads the whole file once, in chunks, so memory does not grow with its size.
/// </summary>
internal static class CsvInspector
{
    private const int HeadBytes = 64 * 1024;
    private const int ChunkBytes = 64 * 1024;

    /// <summary>The share of control characters in the first 64 KiB above which text counts as binary.</summary>
    private const double MaxControlShare = 0.01;

    private static readonly (string Name, byte[] Signature)[] BinarySignatures =
    [
        ("a PNG image", [0x89, 0x50, 0x4E, 0x47]),
        ("a JPEG image", [0xFF, 0xD8, 0xFF]),
        ("a GIF image", "GIF8"u8.ToArray()),
        ("a PDF document", "%PDF"u8.ToArray()),
        ("a ZIP archive (an .xlsx workbook is one, so save it as CSV first)", [0x50, 0x4B, 0x03, 0x04]),
        ("an empty ZIP archive", [0x50, 0x4B, 0x05, 0x06]),
        ("a gzip archive", [0x1F, 0x8B]),
        ("a 7-Zip archive", [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]),
        ("an Excel 97-2003 workbook (save it as CSV first)", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]),
        ("a RIFF media file", "RIFF"u8.ToArray()),
        ("an ELF executable", [0x7F, 0x45, 0x4C, 0x46]),
    ];

    /// <param name="expected">What the file should be, for error messages, such as "a locations CSV file whose first line names its columns".</param>
    public static async Task<Result<CsvLayout>> InspectAsync(Stream input, Encoding? requested, char? delimiter, string expected, CancellationToken ct)
    {
        input.Position = 0;
        var head = new byte[HeadBytes];
        var headLength = await input.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        var headBytes = head.AsMemory(0, headLength);
        if (headLength == 0)
        {
            return Error.Invalid("file", $"The file is empty. Expected {expected}.");
        }

        var (bomEncoding, preamble) = DetectByteOrderMark(headBytes.Span);
        if (bomEncoding is null && DescribeBinary(headBytes.Span) is { } binaryKind)
        {
            return Error.Invalid("file", $"The file is {binaryKind}, not CSV text. Expected {expected}.");
        }

        var notes = new List<string>();
        var encoding = await ChooseEncodingAsync(input, bomEncoding, requested, expected, notes, ct);
        if (!encoding.IsSuccess)
        {
            return encoding.Error!;
        }

        var text = Decode(encoding.Value!, headBytes.Span[preamble..]);
        if (string.IsNullOrWhiteSpace(text))
        {
            return Error.Invalid("file", $"The file has no text, only blank lines or a byte order mark. Expected {expected}.");
        }

        if (ControlShare(text) > MaxControlShare)
        {
            return Error.Invalid("file", $"The file contains control characters, so it is binary data, not CSV text. Expected {expected}.");
        }

        var headerLine = FirstLine(text);
        if (delimiter is null && IsSeparatorHint(headerLine))
        {
            notes.Add($"The first line '{headerLine.Trim()}' names the delimiter.");
            return new CsvLayout(encoding.Value!, preamble, null, notes);
        }

        return new CsvLayout(encoding.Value!, preamble, delimiter ?? DetectDelimiter(headerLine), notes);
    }

    /// <summary>Counts ',', ';' and tab outside quotes in the header line and returns the most frequent; ',' on a tie or when none occurs.</summary>
    public static char DetectDelimiter(string headerLine)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        var quoted = false;
        foreach (var c in headerLine)
        {
            switch (c)
            {
                case '"':
                    quoted = !quoted;
                    break;
                case ',' when !quoted:
                    commas++;
                    break;
                case ';' when !quoted:
                    semicolons++;
                    break;
                case '\t' when !quoted:
                    tabs++;
                    break;
            }
        }

        if (semicolons > commas && semicolons >= tabs)
        {
            return ';';
        }

        return tabs > commas && tabs > semicolons ? '\t' : ',';
    }

    /// <summary>Returns the text up to the first line break outside quotes.</summary>
    public static string FirstLine(string text)
    {
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '"':
                    quoted = !quoted;
                    break;
                case '\r' or '\n' when !quoted:
                    return text[..i];
            }
        }

        return text;
    }

    private static bool IsSeparatorHint(string line) =>
        line.Length == 5 && line.StartsWith("sep=", StringComparison.OrdinalIgnoreCase);

    private static (Encoding? Encoding, int Length) DetectByteOrderMark(ReadOnlySpan<byte> head) => head switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (new UTF8Encoding(false, throwOnInvalidBytes: false), 3),
        [0xFF, 0xFE, 0x00, 0x00, ..] => (new UTF32Encoding(bigEndian: false, byteOrderMark: false), 4),
        [0x00, 0x00, 0xFE, 0xFF, ..] => (new UTF32Encoding(bigEndian: true, byteOrderMark: false), 4),
        [0xFF, 0xFE, ..] => (new UnicodeEncoding(bigEndian: false, byteOrderMark: false), 2),
        [0xFE, 0xFF, ..] => (new UnicodeEncoding(bigEndian: true, byteOrderMark: false), 2),
        _ => (null, 0),
    };

    private static string? DescribeBinary(ReadOnlySpan<byte> head)
    {
        foreach (var (name, signature) in BinarySignatures)
        {
            if (head.StartsWith(signature))
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>
    /// Picks the encoding: a byte order mark wins; otherwise the requested encoding; otherwise
    /// UTF-8 when every byte sequence is valid UTF-8, else Windows-1252.
    /// </summary>
    private static async Task<Result<Encoding>> ChooseEncodingAsync(
        Stream input, Encoding? bomEncoding, Encoding? requested, string expected, List<string> notes, CancellationToken ct)
    {
        if (bomEncoding is not null && bomEncoding.CodePage != 65001)
        {
            // UTF-16 and UTF-32 text is full of zero bytes, so the byte scan below does not apply.
            NoteIgnoredRequest(bomEncoding, requested, notes);
            return bomEncoding;
        }

        var scan = await ScanAsync(input, ct);
        if (scan.NulOffset is { } nul)
        {
            return Error.Invalid("file", $"The file contains a zero byte at offset {nul}, so it is binary data, not CSV text. Expected {expected}.");
        }

        var mustBeUtf8 = bomEncoding is not null || requested?.CodePage == 65001;
        if (scan.InvalidUtf8 is { } invalid && mustBeUtf8)
        {
            var reason = bomEncoding is not null ? "starts with a UTF-8 byte order mark" : "was named as UTF-8";
            return Error.Invalid("encoding",
                $"The file {reason} but is not valid UTF-8: {invalid}. If it was saved as Windows-1252, import it with --encoding windows-1252 (API: encoding=windows-1252). For a file without a byte order mark, leaving the encoding out detects it.");
        }

        if (bomEncoding is not null)
        {
            NoteIgnoredRequest(bomEncoding, requested, notes);
            return bomEncoding;
        }

        if (requested is not null)
        {
            return requested.CodePage == 65001 ? new UTF8Encoding(false) : requested;
        }

        if (scan.InvalidUtf8 is { } firstInvalid)
        {
            notes.Add($"The file is not valid UTF-8 ({firstInvalid}) and has no byte order mark, so it was read as Windows-1252.");
            return TextEncodings.Windows1252;
        }

        return new UTF8Encoding(false);
    }

    private static void NoteIgnoredRequest(Encoding bomEncoding, Encoding? requested, List<string> notes)
    {
        if (requested is not null && requested.CodePage != bomEncoding.CodePage)
        {
            notes.Add($"The file starts with a {TextEncodings.Name(bomEncoding)} byte order mark, so it was read as {TextEncodings.Name(bomEncoding)}, not as the requested {TextEncodings.Name(requested)}.");
        }
    }

    /// <summary>Reads the whole file once and returns the offset of the first zero byte and a description of the first invalid UTF-8 sequence.</summary>
    private static async Task<(long? NulOffset, string? InvalidUtf8)> ScanAsync(Stream input, CancellationToken ct)
    {
        input.Position = 0;
        var decoder = TextEncodings.StrictUtf8.GetDecoder();
        var buffer = new byte[ChunkBytes];
        long offset = 0;
        string? invalid = null;
        while (true)
        {
            var read = await input.ReadAsync(buffer, ct);
            var chunk = buffer.AsSpan(0, read);
            var nul = chunk.IndexOf((byte)0);
            if (nul >= 0)
            {
                return (offset + nul, invalid);
            }

            invalid ??= CheckUtf8(decoder, chunk, offset, isLast: read == 0);
            if (read == 0)
            {
                return (null, invalid);
            }

            offset += read;
        }
    }

    private static string? CheckUtf8(Decoder decoder, ReadOnlySpan<byte> chunk, long offset, bool isLast)
    {
        try
        {
            decoder.GetCharCount(chunk, flush: isLast);
            return null;
        }
        catch (DecoderFallbackException e)
        {
            var value = e.BytesUnknown is { Length: > 0 } bytes ? $"0x{bytes[0]:X2}" : "a truncated sequence";
            return string.Create(CultureInfo.InvariantCulture, $"byte {value} at offset {offset + e.Index}");
        }
    }

    /// <summary>Decodes the first bytes of the file; a character cut off at the end of the sample is dropped.</summary>
    private static string Decode(Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        var decoder = encoding.GetDecoder();
        var chars = new char[encoding.GetMaxCharCount(bytes.Length)];
        var count = decoder.GetChars(bytes, chars, flush: false);
        return new string(chars, 0, count);
    }

    private static double ControlShare(string text)
    {
        var controls = text.Count(c => c is (< ' ' and not ('\t' or '\n' or '\r' or '\f')) or (>= '\u007F' and <= '\u009F'));
        return (double)controls / text.Length;
    }
}
