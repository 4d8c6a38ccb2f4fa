using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Workdesk.Server.Features.Import;

/// <summary>Value conversions that both 311 mappings use: local times, place names, descriptions.</summary>
internal static partial class ServiceRequestValues
{
    public const string NewYorkTimeZoneId = "America/New_York";

    /// <summary>Eastern Time, the local time of both the Boston and the New York City 311 files.</summary>
    public static readonly TimeZoneInfo NewYorkTime = TimeZoneInfo.FindSystemTimeZoneById(NewYorkTimeZoneId);

    /// <summary>Reads a local time in one of <paramref name="formats"/> and converts it to UTC.</summary>
    /// <param name="example">A sample value for the error message.</param>
    public static DateTimeOffset? LocalDate(ImportRow row, string column, string[] formats, string example, TimeZoneInfo zone)
    {
        var text = row.Value(column);
        if (text is null)
        {
            return null;
        }

        if (!DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            row.AddError($"{column} '{text}' is not a date in the form {example}");
            return null;
        }

        return ToUtc(local, zone);
    }

    /// <summary>
    /// Converts a wall-clock time to UTC. A time in the hour skipped when clocks go forward, and
    /// one in the hour repeated when they go back, is read with the zone's standard offset.
    /// </summary>
    public static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        var offset = zone.IsInvalidTime(local) || zone.IsAmbiguousTime(local) ? zone.BaseUtcOffset : zone.GetUtcOffset(local);
        return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset).ToUniversalTime();
    }

    /// <summary>Collapses runs of whitespace, as in "WEST  127 STREET", and returns null for blank text.</summary>
    public static string? CleanName(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return Whitespace().Replace(text.Trim(), " ");
    }

    /// <summary>Turns "WEST 127 STREET" into "West 127 Street". A word that starts with a digit, such as "3RD", becomes "3rd".</summary>
    public static string TitleCase(string text)
    {
        var builder = new StringBuilder(text.Length);
        var startOfWord = true;
        foreach (var c in text)
        {
            builder.Append(startOfWord ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
            startOfWord = c is ' ' or '-' or '/' or '(';
        }

        return builder.ToString();
    }

    /// <summary>Joins the labelled values that are present into the lines of a description.</summary>
    public static string Describe(params (string Label, string? Value)[] lines)
    {
        var builder = new StringBuilder();
        foreach (var (label, value) in lines)
        {
            if (CleanName(value) is { } text)
            {
                builder.Append(label).Append(": ").Append(text).Append('\n');
            }
        }

        return builder.ToString().TrimEnd('\n');
    }

    /// <summary>Checks that a place name fits the location columns and returns the place, or null after adding an error.</summary>
    public static Place? CheckPlace(ImportRow row, string column, string externalId, string name, string? timeZone = null)
    {
        if (name.Length > 200 || externalId.Length > CsvColumns.MaxExternalIdLength)
        {
            row.AddError($"{column} {CsvValues.Quote(name)} is too long for a location name (at most 200 characters)");
            return null;
        }

        return new Place(externalId, name, timeZone);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
