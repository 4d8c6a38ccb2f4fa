using System.Globalization;
using Workdesk.Domain.Common;

namespace Workdesk.Domain.ServiceLevels;

/// <summary>One stretch of working time on a weekday, in local clock time; End may be 24:00.</summary>
public readonly record struct WorkingPeriod(TimeSpan Start, TimeSpan End)
{
    /// <summary>Parses "08:00-18:00"; "00:00-24:00" is a whole day.</summary>
    public static Result<WorkingPeriod> Parse(string text)
    {
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !TryParseClock(parts[0], out var start) || !TryParseClock(parts[1], out var end) || end <= start)
        {
            return Error.Invalid("hours", $"'{text}' is not a working period: write it as HH:MM-HH:MM with the end after the start, such as 08:00-12:30 or 00:00-24:00.");
        }

        return new WorkingPeriod(start, end);
    }

    private static bool TryParseClock(string text, out TimeSpan time)
    {
        if (text == "24:00")
        {
            time = TimeSpan.FromHours(24);
            return true;
        }

        return TimeSpan.TryParseExact(text, @"hh\:mm", CultureInfo.InvariantCulture, out time) && time < TimeSpan.FromHours(24);
    }

    public override string ToString() =>
        $"{(int)Start.TotalHours:00}:{Start.Minutes:00}-{(int)End.TotalHours:00}:{End.Minutes:00}";
}

/// <summary>A day off: on one date, or on the same month and day every year.</summary>
public readonly record struct Holiday(DateOnly Date, bool Yearly)
{
    public bool Covers(DateOnly day) =>
        Yearly ? day.Month == Date.Month && day.Day == Date.Day : day == Date;
}

/// <summary>
/// Working hours per weekday and holidays in one time zone. Business time is counted in minutes of
/// the local clock, so a period that spans a daylight-saving change counts as it reads on the wall.
/// </summary>
public sealed class BusinessCalendar
{
    private const int MaxDaysSearched = 366 * 10;

    public BusinessCalendar(TimeZoneInfo timeZone, IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>> week, IReadOnlyList<Holiday>? holidays = null)
    {
        TimeZone = timeZone;
        Week = week;
        Holidays = holidays ?? [];
    }

    public TimeZoneInfo TimeZone { get; }

    public IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>> Week { get; }

    public IReadOnlyList<Holiday> Holidays { get; }

    /// <summary>Every minute counts: 24 hours a day, 7 days a week, no holidays, in UTC.</summary>
    public static BusinessCalendar AlwaysOpen { get; } = new(
        TimeZoneInfo.Utc,
        Enum.GetValues<DayOfWeek>().ToDictionary(d => d, _ => (IReadOnlyList<WorkingPeriod>)[new WorkingPeriod(TimeSpan.Zero, TimeSpan.FromHours(24))]));

    /// <summary>Returns the instant at which <paramref name="duration"/> of business time has passed since <paramref name="start"/>.</summary>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan duration)
    {
        var local = ToLocal(start);
        var remaining = duration;
        if (remaining <= TimeSpan.Zero)
        {
            return start;
        }

        for (var day = DateOnly.FromDateTime(local); day <= DateOnly.FromDateTime(local).AddDays(MaxDaysSearched); day = day.AddDays(1))
        {
            foreach (var (periodStart, periodEnd) in PeriodsOn(day))
            {
                if (periodEnd <= local)
                {
                    continue;
                }

                var from = periodStart > local ? periodStart : local;
                var available = periodEnd - from;
                if (remaining <= available)
                {
                    return ToUtc(from + remaining);
                }

                remaining -= available;
            }
        }

        throw new InvalidOperationException("The calendar has no working time in the next ten years, so no due time can be computed.");
    }

    /// <summary>
    /// Returns the latest instant that lies <paramref name="duration"/> of business time before
    /// <paramref name="end"/>. One business hour before Tuesday 09:00 on an 08:00-18:00 calendar is
    /// Tuesday 08:00, not Monday 18:00, although no business time passes between those two.
    /// </summary>
    public DateTimeOffset Subtract(DateTimeOffset end, TimeSpan duration)
    {
        var local = ToLocal(end);
        var remaining = duration;
        if (remaining <= TimeSpan.Zero)
        {
            return end;
        }

        for (var day = DateOnly.FromDateTime(local); day >= DateOnly.FromDateTime(local).AddDays(-MaxDaysSearched); day = day.AddDays(-1))
        {
            foreach (var (periodStart, periodEnd) in PeriodsOn(day).Reverse())
            {
                if (periodStart >= local)
                {
                    continue;
                }

                var to = periodEnd < local ? periodEnd : local;
                var available = to - periodStart;
                if (remaining <= available)
                {
                    return ToUtc(to - remaining);
                }

                remaining -= available;
            }
        }

        throw new InvalidOperationException("The calendar has no working time in the ten years before the due time, so no earlier time can be computed.");
    }

    /// <summary>Returns the business time between two instants; zero when <paramref name="to"/> is not after <paramref name="from"/>.</summary>
    public TimeSpan Between(DateTimeOffset from, DateTimeOffset to)
    {
        var start = ToLocal(from);
        var end = ToLocal(to);
        var total = TimeSpan.Zero;
        for (var day = DateOnly.FromDateTime(start); day <= DateOnly.FromDateTime(end); day = day.AddDays(1))
        {
            foreach (var (periodStart, periodEnd) in PeriodsOn(day))
            {
                var overlapStart = periodStart > start ? periodStart : start;
                var overlapEnd = periodEnd < end ? periodEnd : end;
                if (overlapEnd > overlapStart)
                {
                    total += overlapEnd - overlapStart;
                }
            }
        }

        return total;
    }

    private IEnumerable<(DateTime Start, DateTime End)> PeriodsOn(DateOnly day)
    {
        if (Holidays.Any(h => h.Covers(day)) || !Week.TryGetValue(day.DayOfWeek, out var periods))
        {
            yield break;
        }

        var midnight = day.ToDateTime(TimeOnly.MinValue);
        foreach (var period in periods.OrderBy(p => p.Start))
        {
            yield return (midnight + period.Start, midnight + period.End);
        }
    }

    private DateTime ToLocal(DateTimeOffset instant) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime, DateTimeKind.Unspecified);

    /// <summary>
    /// Converts a local clock time back to an instant. A time that the clock skips when it springs
    /// forward moves to the first minute after the gap; a repeated time takes its first occurrence.
    /// </summary>
    private DateTimeOffset ToUtc(DateTime local)
    {
        var candidate = local;
        for (var guard = 0; TimeZone.IsInvalidTime(candidate) && guard < 24 * 60; guard++)
        {
            candidate = candidate.AddMinutes(1);
        }

        var offset = TimeZone.IsAmbiguousTime(candidate)
            ? TimeZone.GetAmbiguousTimeOffsets(candidate).Max()
            : TimeZone.GetUtcOffset(candidate);
        return new DateTimeOffset(candidate, offset).ToUniversalTime();
    }
}
