using System.Globalization;

namespace Workdesk.Server.Features.Import;

/// <summary>How single values are written to and read from cells, so that export and import agree.</summary>
public static class CsvValues
{
    /// <summary>
    /// Characters that make a spreadsheet read a cell as a formula. Export puts an apostrophe in
    /// front of text that starts with one, and import removes it again.
    /// </summary>
    private const string FormulaStarts = "=+-@\t\r";

    /// <summary>The longest value that a row's error message repeats in full.</summary>
    public const int MaxQuotedLength = 80;

    /// <summary>
    /// Returns a cell's text as an error message quotes it: in full up to
    /// <see cref="MaxQuotedLength"/> characters, and longer text cut short with its length, so a
    /// megabyte in a wrong column does not become a megabyte of message.
    /// </summary>
    public static string Quote(string text) =>
        text.Length <= MaxQuotedLength ? $"'{text}'" : $"'{text[..(MaxQuotedLength - 3)]}...' ({text.Length:N0} characters)";

    /// <summary>Returns the cell's text without the formula guard of an export, and trimmed unless told not to.</summary>
    public static string FromCell(string text, bool trim = true)
    {
        var value = trim ? text.Trim() : text;
        return value.Length > 1 && value[0] == '\'' && FormulaStarts.Contains(value[1], StringComparison.Ordinal)
            ? value[1..]
            : value;
    }

    /// <summary>Formats a date as ISO 8601 in UTC, without trailing zeros in the fraction.</summary>
    public static string FormatDate(DateTimeOffset? date) =>
        date?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture) ?? "";

    /// <summary>Formats a number so that parsing it gives the same double.</summary>
    public static string FormatNumber(double? number) =>
        number?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    /// <summary>Parses a number with a '.' decimal point, or also a ',' one when <paramref name="decimalComma"/> is set.</summary>
    public static bool TryParseNumber(string text, bool decimalComma, out double number)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number))
        {
            return true;
        }

        return decimalComma
            && text.Count(c => c == ',') == 1
            && !text.Contains('.', StringComparison.Ordinal)
            && double.TryParse(text.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out number)
            && double.IsFinite(number);
    }

    /// <summary>Parses an exact decimal, such as an amount of money, with the same decimal separators as <see cref="TryParseNumber"/>.</summary>
    public static bool TryParseAmount(string text, bool decimalComma, out decimal amount)
    {
        if (decimal.TryParse(text, NumberStyles.Number & ~NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out amount))
        {
            return true;
        }

        return decimalComma
            && text.Count(c => c == ',') == 1
            && !text.Contains('.', StringComparison.Ordinal)
            && decimal.TryParse(text.Replace(',', '.'), NumberStyles.Number & ~NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out amount);
    }

    /// <summary>Formats a calendar date as yyyy-MM-dd.</summary>
    public static string FormatDay(DateOnly? day) =>
        day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>Formats an exact decimal with a '.' decimal point.</summary>
    public static string FormatAmount(decimal? amount) =>
        amount?.ToString(CultureInfo.InvariantCulture) ?? "";
}
