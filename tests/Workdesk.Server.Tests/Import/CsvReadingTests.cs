using Workdesk.Server.Features.Import;

namespace Workdesk.Server.Tests.Import;

/// <summary>The value rules that need no database: delimiters, cells, dates, 311 names.</summary>
public sealed class CsvReadingTests
{
    [Theory]
    [InlineData("external_id,name,code", ',')]
    [InlineData("external_id;name;code", ';')]
    [InlineData("external_id\tname\tcode", '\t')]
    [InlineData("\"a,b\";c;d", ';')]
    [InlineData("\"a;b;c\",d", ',')]
    [InlineData("single", ',')]
    public void DetectDelimiter_CountsOutsideQuotes(string header, char expected)
    {
        Assert.Equal(expected, CsvInspector.DetectDelimiter(header));
    }

    [Fact]
    public void FirstLine_KeepsLineBreakInsideQuotes()
    {
        Assert.Equal("\"a\nb\",c", CsvInspector.FirstLine("\"a\nb\",c\r\n1,2"));
    }

    [Theory]
    [InlineData("  text  ", "text")]
    [InlineData("'=SUM(A1)", "=SUM(A1)")]
    [InlineData("'-5 degrees", "-5 degrees")]
    [InlineData("'quoted'", "'quoted'")]
    [InlineData("-5", "-5")]
    public void FromCell_TrimsAndRemovesFormulaGuard(string cell, string expected)
    {
        Assert.Equal(expected, CsvValues.FromCell(cell));
    }

    [Theory]
    [InlineData("42.5", false, 42.5)]
    [InlineData("-71.0566", false, -71.0566)]
    [InlineData("52,52", true, 52.52)]
    public void TryParseNumber_ReadsDecimalPoint(string text, bool decimalComma, double expected)
    {
        Assert.True(CsvValues.TryParseNumber(text, decimalComma, out var number));
        Assert.Equal(expected, number);
    }

    [Theory]
    [InlineData("52,52", false)]
    [InlineData("1,234.5", true)]
    [InlineData("NaN", false)]
    [InlineData("abc", true)]
    public void TryParseNumber_RejectsAmbiguousText(string text, bool decimalComma)
    {
        Assert.False(CsvValues.TryParseNumber(text, decimalComma, out _));
    }

    [Fact]
    public void FormatDate_WritesUtcWithoutZeroFraction()
    {
        Assert.Equal("2024-06-01T07:15:30.25Z", CsvValues.FormatDate(new DateTimeOffset(2024, 6, 1, 9, 15, 30, 250, TimeSpan.FromHours(2))));
        Assert.Equal("2024-06-01T07:15:30Z", CsvValues.FormatDate(new DateTimeOffset(2024, 6, 1, 7, 15, 30, TimeSpan.Zero)));
        Assert.Equal("", CsvValues.FormatDate(null));
    }

    [Theory]
    [InlineData("42 Cross St", "Cross St")]
    [InlineData("202-204 Bremen St", "Bremen St")]
    [InlineData("2000A Washington St", "Washington St")]
    [InlineData("INTERSECTION Gallivan Blvd & Washington St", "Gallivan Blvd & Washington St")]
    [InlineData("202 W Broadway ", "W Broadway")]
    [InlineData(" ", null)]
    public void BostonStreet_DropsHouseNumber(string address, string? expected)
    {
        Assert.Equal(expected, Boston311Rows.StreetOf(address));
    }

    [Theory]
    [InlineData("WEST  127 STREET", "West 127 Street")]
    [InlineData("STATEN ISLAND", "Staten Island")]
    [InlineData("EAST 3RD AVENUE", "East 3rd Avenue")]
    public void TitleCase_LowersAllCapitals(string text, string expected)
    {
        Assert.Equal(expected, ServiceRequestValues.TitleCase(ServiceRequestValues.CleanName(text)!));
    }

    [Theory]
    [InlineData("2022-05-01T00:00:03", "2022-05-01T04:00:03Z")]
    [InlineData("2022-01-19T11:18:00", "2022-01-19T16:18:00Z")]
    [InlineData("2022-03-13T02:30:00", "2022-03-13T07:30:00Z")]
    [InlineData("2022-11-06T01:30:00", "2022-11-06T06:30:00Z")]
    public void NewYorkTime_ConvertsToUtc(string local, string utc)
    {
        var converted = ServiceRequestValues.ToUtc(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture), ServiceRequestValues.NewYorkTime);

        Assert.Equal(utc, CsvValues.FormatDate(converted));
    }

    [Theory]
    [InlineData("tab", '\t')]
    [InlineData(";", ';')]
    [InlineData("\\t", '\t')]
    public void ImportOptions_ParseDelimiterNames(string text, char expected)
    {
        Assert.Equal(expected, ImportOptions.Parse("locations", null, null, text, null).Value!.Delimiter);
    }

    [Theory]
    [InlineData("locations", "xml", null, null, "format")]
    [InlineData("locations", null, "latin-9", null, "encoding")]
    [InlineData("locations", null, null, "::", "delimiter")]
    [InlineData("things", null, null, null, "kind")]
    [InlineData("assets", "nyc311", null, null, "format")]
    public void ImportOptions_RejectUnknownNames(string kind, string? format, string? encoding, string? delimiter, string field)
    {
        var parsed = ImportOptions.Parse(kind, format, encoding, delimiter, null);

        Assert.False(parsed.IsSuccess);
        Assert.Equal(field, parsed.Error!.Field);
    }
}
