using System.Globalization;
using MiniExcelLibs;

namespace Workdesk.Server.Features.Assets.Cobie;

/// <summary>One data row of a COBie sheet: its 1-based row number in the sheet and its cells by header.</summary>
public sealed class CobieRow(string sheet, int number, IDictionary<string, object?> cells)
{
    public string Sheet { get; } = sheet;

    public int Number { get; } = number;

    /// <summary>Returns the cell's text, or null when it is empty or COBie's "n/a".</summary>
    public string? Text(string column)
    {
        if (!cells.TryGetValue(column, out var value) || value is null)
        {
            return null;
        }

        var text = Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim();
        return string.IsNullOrEmpty(text) || string.Equals(text, "n/a", StringComparison.OrdinalIgnoreCase) ? null : text;
    }

    public DateOnly? Date(string column)
    {
        if (cells.TryGetValue(column, out var value) && value is DateTime dateTime)
        {
            return DateOnly.FromDateTime(dateTime);
        }

        var text = Text(column);
        return text is not null && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? DateOnly.FromDateTime(parsed)
            : null;
    }
}

/// <summary>Reads the sheets of a COBie spreadsheet (.xlsx) row by row.</summary>
public sealed class CobieWorkbook(Stream content)
{
    public static readonly string[] RequiredSheets = ["Facility", "Floor", "Space", "Type", "Component"];

    public IReadOnlyList<string> SheetNames { get; } = MiniExcel.GetSheetNames(content);

    public IEnumerable<CobieRow> Rows(string sheet)
    {
        if (!SheetNames.Contains(sheet, StringComparer.Ordinal))
        {
            yield break;
        }

        content.Position = 0;
        var number = 1;
        foreach (IDictionary<string, object?> cells in MiniExcel.Query(content, useHeaderRow: true, sheetName: sheet, excelType: ExcelType.XLSX))
        {
            number++;
            if (cells.Values.All(v => v is null || (v is string s && string.IsNullOrWhiteSpace(s))))
            {
                continue;
            }

            yield return new CobieRow(sheet, number, cells);
        }
    }
}
