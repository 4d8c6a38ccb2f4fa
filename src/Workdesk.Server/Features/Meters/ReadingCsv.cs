using System.Globalization;
using CsvHelper;
using Workdesk.Domain.Common;

namespace Workdesk.Server.Features.Meters;

/// <summary>
/// Reads meter readings from CSV with a header row. Columns: meter_id, or asset_tag and meter;
/// value; taken_at (ISO 8601, optional); reset (true/false, optional); rollover_value (optional).
/// </summary>
public static class ReadingCsv
{
    public static readonly string[] Columns = ["meter_id", "asset_tag", "meter", "value", "taken_at", "reset", "rollover_value"];

    /// <summary>Parses every row, or returns the first invalid cell named by its line and column.</summary>
    public static async Task<Result<List<ReadingInput>>> ParseAsync(TextReader text, CancellationToken ct)
    {
        await using var csv = CsvReader.Create(text, new CsvReaderOptions { TrackLineNumbers = true }, leaveOpen: true);
        try
        {
            await csv.ReadHeaderAsync(ct);
        }
        catch (CsvFormatException e)
        {
            return Error.Invalid("file", $"The header line could not be read: {e.Message}");
        }

        var headers = csv.Headers.Select(h => h.Trim().ToLowerInvariant()).ToList();
        if (headers.Count == 0 || headers.All(h => h.Length == 0))
        {
            return Error.Invalid("file", "The CSV file is empty; it needs a header row such as \"asset_tag,meter,value,taken_at\".");
        }

        var unknown = headers.Where(h => !Columns.Contains(h)).ToList();
        if (unknown.Count > 0)
        {
            return Error.Invalid("file", $"Unknown column(s): {string.Join(", ", unknown)}. Use: {string.Join(", ", Columns)}.");
        }

        if (!headers.Contains("value") || (!headers.Contains("meter_id") && !(headers.Contains("asset_tag") && headers.Contains("meter"))))
        {
            return Error.Invalid("file", "The CSV file needs a value column and either meter_id or asset_tag and meter.");
        }

        var readings = new List<ReadingInput>();
        while (await csv.ReadAsync(ct))
        {
            if (csv.FieldCount != headers.Count)
            {
                return Error.Invalid("file", $"Line {csv.LineNumber}: the row has {csv.FieldCount} fields but the header has {headers.Count}. Nothing was stored.");
            }

            var cells = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < headers.Count; i++)
            {
                var cell = csv.GetString(i).Trim();
                cells[headers[i]] = cell.Length == 0 ? null : cell;
            }

            var row = ParseRow(cells, csv.LineNumber);
            if (!row.IsSuccess)
            {
                return row.Error!;
            }

            readings.Add(row.Value!);
        }

        return readings;
    }

    private static Result<ReadingInput> ParseRow(Dictionary<string, string?> cells, long line)
    {
        string? Cell(string name) => cells.GetValueOrDefault(name);
        Error Bad(string column, string message) => Error.Invalid("file", $"Line {line}, column {column}: {message} Nothing was stored.");

        long? meterId = null;
        if (Cell("meter_id") is { } idText)
        {
            if (!long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return Bad("meter_id", $"\"{idText}\" is not a meter id.");
            }

            meterId = id;
        }

        if (Cell("value") is not { } valueText || !double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return Bad("value", $"\"{Cell("value")}\" is not a number; write it with a decimal point, such as 1234.5.");
        }

        DateTimeOffset? takenAt = null;
        if (Cell("taken_at") is { } takenText)
        {
            if (!DateTimeOffset.TryParse(takenText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return Bad("taken_at", $"\"{takenText}\" is not a date and time; use ISO 8601, such as 2026-03-01T08:00:00Z.");
            }

            takenAt = parsed;
        }

        var reset = false;
        if (Cell("reset") is { } resetText && !bool.TryParse(resetText, out reset))
        {
            return Bad("reset", $"\"{resetText}\" is not true or false.");
        }

        double? rollover = null;
        if (Cell("rollover_value") is { } rolloverText)
        {
            if (!double.TryParse(rolloverText, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            {
                return Bad("rollover_value", $"\"{rolloverText}\" is not a number.");
            }

            rollover = parsed;
        }

        return new ReadingInput(value, takenAt, reset, rollover, meterId, Cell("asset_tag"), Cell("meter"));
    }
}
