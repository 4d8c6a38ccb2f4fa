using System.Globalization;
using CsvHelper;

namespace Workdesk.Server.Features.Import;

/// <summary>A value read from a column: <see cref="Present"/> is false when the header lacks the column.</summary>
public readonly record struct Field<T>(bool Present, T Value);

/// <summary>
/// The current record of the file, read by column name. Each accessor checks its value and collects
/// an error instead of throwing, so that a rejected row names every problem at once.
/// </summary>
internal sealed class ImportRow(CsvReader reader, ColumnMap columns, long line)
{
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mmK",
        "yyyy-MM-dd",
    ];

    private List<string>? errors;

    /// <summary>The line of the file where the row starts.</summary>
    public long Line => line;

    public bool IsValid => errors is null;

    public bool Has(string column) => columns.IndexOf(column) >= 0;

    /// <summary>
    /// Returns the value, trimmed unless <paramref name="trim"/> is false, or null when it is empty
    /// or the header lacks the column.
    /// </summary>
    public string? Value(string column, bool trim = true)
    {
        var index = columns.IndexOf(column);
        if (index < 0 || index >= reader.FieldCount)
        {
            return null;
        }

        var value = CsvValues.FromCell(reader.GetString(index), trim);
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    public void AddError(string message) => (errors ??= []).Add(message);

    /// <summary>Returns the outcome that rejects this row with every collected error.</summary>
    public RowOutcome Reject() => RowOutcome.Rejected(string.Join("; ", errors ?? ["the row is invalid"]));

    /// <param name="trim">False for free text such as a description, whose spaces and line breaks are kept.</param>
    public Field<string?> Text(string column, int maxLength, bool trim = true)
    {
        var value = Value(column, trim);
        if (value is { Length: var length } && length > maxLength)
        {
            AddError($"{column} is {length} characters long, more than the maximum of {maxLength}");
        }

        return new(Has(column), value);
    }

    /// <summary>Returns the value of a column that must not be empty; an empty one adds an error.</summary>
    public string Required(string column, int maxLength)
    {
        var value = Text(column, maxLength).Value;
        if (value is null)
        {
            AddError($"{column} is required");
        }

        return value ?? "";
    }

    public Field<double?> Number(string column, double min, double max)
    {
        var text = Value(column);
        if (text is null)
        {
            return new(Has(column), null);
        }

        if (!CsvValues.TryParseNumber(text, columns.DecimalComma, out var number))
        {
            AddError($"{column} {CsvValues.Quote(text)} is not a number");
            return new(true, null);
        }

        if (number < min || number > max)
        {
            AddError($"{column} must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}, not {text}");
        }

        return new(true, number);
    }

    public Field<int?> Integer(string column, int min, int max)
    {
        var text = Value(column);
        if (text is null)
        {
            return new(Has(column), null);
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            AddError($"{column} {CsvValues.Quote(text)} is not a whole number from {min} to {max}");
            return new(true, null);
        }

        return new(true, number);
    }

    /// <summary>Reads an amount of money or another exact decimal that may not be negative.</summary>
    public Field<decimal?> Amount(string column)
    {
        var text = Value(column);
        if (text is null)
        {
            return new(Has(column), null);
        }

        if (!CsvValues.TryParseAmount(text, columns.DecimalComma, out var amount) || amount < 0)
        {
            AddError($"{column} {CsvValues.Quote(text)} is not an amount of 0 or more, such as 1250.50");
            return new(true, null);
        }

        return new(true, amount);
    }

    /// <summary>Reads a calendar date in the form yyyy-MM-dd.</summary>
    public Field<DateOnly?> Day(string column)
    {
        var text = Value(column);
        if (text is null)
        {
            return new(Has(column), null);
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            AddError($"{column} {CsvValues.Quote(text)} is not a date in the form 2024-03-01");
            return new(true, null);
        }

        return new(true, day);
    }

    /// <summary>Reads an ISO 8601 date; one without an offset is taken as UTC.</summary>
    public Field<DateTimeOffset?> Date(string column)
    {
        var text = Value(column);
        if (text is null)
        {
            return new(Has(column), null);
        }

        if (!DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            AddError($"{column} {CsvValues.Quote(text)} is not an ISO 8601 date such as 2024-03-01 or 2024-03-01T14:30:00Z");
            return new(true, null);
        }

        return new(true, date.ToUniversalTime());
    }

    /// <summary>Reads one of a fixed set of names, such as a status.</summary>
    /// <param name="allowed">The accepted names, listed in the error message.</param>
    public Field<T?> Choice<T>(string column, Func<string, T?> parse, string allowed)
        where T : struct
    {
        var text = Value(column);
        if (text is null)
        {
            return new(Has(column), null);
        }

        var value = parse(text);
        if (value is null)
        {
            AddError($"{column} {CsvValues.Quote(text)} is unknown (use one of: {allowed})");
        }

        return new(true, value);
    }
}

/// <summary>The columns of the file's header, by normalized name.</summary>
internal sealed class ColumnMap
{
    private readonly Dictionary<string, int> indexes = new(StringComparer.Ordinal);

    private ColumnMap(IReadOnlyList<string> names, bool decimalComma)
    {
        Names = [.. names.Select(Normalize)];
        DecimalComma = decimalComma;
        for (var i = 0; i < Names.Count; i++)
        {
            if (Names[i].Length > 0 && !indexes.TryAdd(Names[i], i))
            {
                Duplicates.Add(Names[i]);
            }
        }
    }

    /// <summary>The header names, normalized: trimmed, lower case, with '_' for spaces and '-'.</summary>
    public IReadOnlyList<string> Names { get; }

    public List<string> Duplicates { get; } = [];

    public int Count => Names.Count;

    /// <summary>Whether numbers may use a comma as the decimal separator (files delimited by ';' or tab).</summary>
    public bool DecimalComma { get; }

    public static ColumnMap From(IReadOnlyList<string> header, char delimiter) =>
        new(header, decimalComma: delimiter is ';' or '\t');

    public int IndexOf(string column) => indexes.GetValueOrDefault(column, -1);

    public static string Normalize(string name) =>
        CsvValues.FromCell(name).ToLowerInvariant().Replace(' ', '_').Replace('-', '_');
}
