using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Workdesk.Domain.Maintenance;

namespace Workdesk.Server.Features.Schedules;

/// <summary>
/// Due times of calendar and floating schedules. Times are computed on the local wall clock of
/// the schedule's time zone and only then turned into UTC, so 09:00 stays 09:00 across DST.
/// </summary>
public static class Recurrence
{
    public const string DefaultTimeZone = "UTC";

    /// <summary>Parses an RRULE, with or without the "RRULE:" prefix, or returns why it is invalid.</summary>
    public static (RecurrencePattern? Pattern, string? Error) ParseRule(string? rule)
    {
        if (string.IsNullOrWhiteSpace(rule))
        {
            return (null, "rule is required for a calendar schedule, such as \"FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1;BYHOUR=8\".");
        }

        var text = rule.Trim();
        if (text.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase))
        {
            text = text["RRULE:".Length..];
        }

        if (RuleSyntax.Check(text) is { } syntaxError)
        {
            return (null, syntaxError);
        }

        RecurrencePattern pattern;
        try
        {
            pattern = new RecurrencePattern(text);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            // Ical.Net's messages name its own parameters, such as "(Parameter 'key')", so only
            // the fact that it rejected the rule is passed on.
            return (null, $"rule \"{text}\" is not a valid iCalendar RRULE; check each NAME=VALUE part, such as FREQ=WEEKLY;BYDAY=TU.");
        }

        // Sub-hourly rules would create work orders by the minute.
        if (pattern.Frequency is Ical.Net.FrequencyType.Secondly or Ical.Net.FrequencyType.Minutely)
        {
            return (null, "rule must repeat hourly or less often: FREQ=HOURLY, DAILY, WEEKLY, MONTHLY or YEARLY.");
        }

        return (pattern, null);
    }

    /// <summary>Returns whether the server's time zone database contains the id, such as "Europe/Paris".</summary>
    public static bool IsKnownTimeZone(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    /// <summary>
    /// Enumerates the due times of a calendar rule that lie after <paramref name="after"/>, in
    /// order. The first occurrence is the start itself when it matches the rule.
    /// </summary>
    public static IEnumerable<DateTimeOffset> CalendarOccurrences(string rule, DateTime startsAt, string timeZone, DateTimeOffset after)
    {
        var (pattern, _) = ParseRule(rule);
        if (pattern is null)
        {
            yield break;
        }

        var start = new CalDateTime(DateTime.SpecifyKind(startsAt, DateTimeKind.Unspecified), timeZone);
        var calendarEvent = new CalendarEvent { DtStart = start, RecurrenceRule = pattern };
        // Ical.Net converts the lower bound into the rule's zone, which overflows for
        // DateTimeOffset.MinValue west of UTC, so the bound is at the earliest a day before the start.
        var earliest = ToUtc(startsAt, timeZone).AddDays(-1);
        var from = new CalDateTime((after < earliest ? earliest : after).UtcDateTime, "UTC");
        foreach (var occurrence in calendarEvent.GetOccurrences(from, null))
        {
            var due = new DateTimeOffset(occurrence.Period.StartTime.AsUtc, TimeSpan.Zero);
            if (due > after)
            {
                yield return due;
            }
        }
    }

    /// <summary>
    /// Turns a local wall-clock time in the zone into UTC. With Ical.Net 5.2.4, a time skipped by a
    /// DST change moves forward by the gap, and a time that occurs twice takes the first of the two.
    /// </summary>
    public static DateTimeOffset ToUtc(DateTime local, string timeZone) =>
        new(new CalDateTime(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), timeZone).AsUtc, TimeSpan.Zero);

    /// <summary>Converts an instant to the wall clock of the zone.</summary>
    public static DateTime ToLocal(DateTimeOffset instant, string timeZone) =>
        TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(timeZone)).DateTime;

    /// <summary>
    /// Computes the next due time of a floating schedule: the local date of the completion plus
    /// the interval, at the schedule's time of day.
    /// </summary>
    public static DateTimeOffset FloatingNext(DateTimeOffset completedAt, int count, IntervalUnit unit, TimeOnly timeOfDay, string timeZone)
    {
        var date = DateOnly.FromDateTime(ToLocal(completedAt, timeZone));
        var next = unit switch
        {
            IntervalUnit.Days => date.AddDays(count),
            IntervalUnit.Weeks => date.AddDays(7 * count),
            IntervalUnit.Months => date.AddMonths(count),
        };
        return ToUtc(next.ToDateTime(timeOfDay), timeZone);
    }
}
