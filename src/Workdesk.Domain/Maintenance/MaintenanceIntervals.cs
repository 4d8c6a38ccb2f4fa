using System.Globalization;

namespace Workdesk.Domain.Maintenance;

public static class MaintenanceIntervals
{
    /// <summary>
    /// Describes a schedule's interval in one canonical text so that it can be compared with the
    /// manufacturer's: the RRULE of a calendar schedule, "3 months" for a floating one, "500" units
    /// for a meter schedule and "above 7" for a condition.
    /// </summary>
    public static string Describe(MaintenanceSchedule schedule) => schedule.Trigger switch
    {
        ScheduleTrigger.Calendar => (schedule.Rule ?? "").Trim().ToUpperInvariant(),
        ScheduleTrigger.Floating => string.Create(CultureInfo.InvariantCulture, $"{schedule.IntervalCount} {schedule.IntervalUnit?.ToString().ToLowerInvariant()}"),
        ScheduleTrigger.Meter => (schedule.MeterInterval ?? 0).ToString(CultureInfo.InvariantCulture),
        ScheduleTrigger.Condition => string.Create(CultureInfo.InvariantCulture, $"{schedule.Direction?.ToString().ToLowerInvariant()} {schedule.Threshold}"),
    };

    /// <summary>
    /// Returns whether the schedule's spacing differs from the manufacturer's, when one is recorded.
    /// Calendar rules are compared by FREQ and INTERVAL only, so "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1"
    /// matches "FREQ=MONTHLY;INTERVAL=3"; floating intervals compare weeks as 7 days.
    /// </summary>
    public static bool Deviates(MaintenanceSchedule schedule)
    {
        if (string.IsNullOrWhiteSpace(schedule.ManufacturerInterval))
        {
            return false;
        }

        var manufacturer = Spacing(schedule.Trigger, schedule.ManufacturerInterval);
        var own = Spacing(schedule.Trigger, Describe(schedule));
        return manufacturer is null || own is null
            ? !string.Equals(Normalize(schedule.ManufacturerInterval), Describe(schedule).ToUpperInvariant(), StringComparison.Ordinal)
            : !string.Equals(manufacturer, own, StringComparison.Ordinal);
    }

    /// <summary>
    /// Reduces an interval in the trigger's notation to the spacing it sets, such as "MONTHLY/3" or
    /// "DAYS/14", or returns null when the text is not in that notation.
    /// </summary>
    public static string? Spacing(ScheduleTrigger trigger, string interval)
    {
        var text = Normalize(interval);
        switch (trigger)
        {
            case ScheduleTrigger.Calendar:
                var parts = text.StartsWith("RRULE:", StringComparison.Ordinal) ? text["RRULE:".Length..] : text;
                string? frequency = null;
                var count = 1;
                foreach (var part in parts.Split(';', StringSplitOptions.RemoveEmptyEntries))
                {
                    var pair = part.Split('=', 2);
                    if (pair.Length != 2)
                    {
                        return null;
                    }

                    if (pair[0].Trim() == "FREQ")
                    {
                        frequency = pair[1].Trim();
                    }
                    else if (pair[0].Trim() == "INTERVAL" && !int.TryParse(pair[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out count))
                    {
                        return null;
                    }
                }

                return frequency is null or "" || count < 1 ? null : string.Create(CultureInfo.InvariantCulture, $"{frequency}/{count}");
            case ScheduleTrigger.Floating:
                var words = text.Split(' ');
                if (words.Length != 2 || !int.TryParse(words[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
                {
                    return null;
                }

                return words[1].TrimEnd('S') switch
                {
                    "DAY" => string.Create(CultureInfo.InvariantCulture, $"DAYS/{number}"),
                    "WEEK" => string.Create(CultureInfo.InvariantCulture, $"DAYS/{number * 7}"),
                    "MONTH" => string.Create(CultureInfo.InvariantCulture, $"MONTHS/{number}"),
                    _ => null,
                };
            case ScheduleTrigger.Meter:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var units) && units > 0 && double.IsFinite(units)
                    ? units.ToString("R", CultureInfo.InvariantCulture)
                    : null;
            default:
                var condition = text.Split(' ');
                return condition.Length == 2 && condition[0] is "ABOVE" or "BELOW"
                    && double.TryParse(condition[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var threshold) && double.IsFinite(threshold)
                    ? string.Create(CultureInfo.InvariantCulture, $"{condition[0]} {threshold:R}")
                    : null;
        }
    }

    private static string Normalize(string interval) => string.Join(' ', interval.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
}

/// <summary>The rules for a new reading of a meter.</summary>
public static class MeterMath
{
    /// <summary>
    /// Computes the cumulative total of a new reading, or returns why the reading is rejected.
    /// A cumulative meter's value may only fall when the reading is marked as a reset; with a
    /// rollover value the units from the last value up to the rollover are counted as well.
    /// <c>Field</c> names the request field the error is about: value, takenAt, reset or rolloverValue.
    /// </summary>
    public static (double Total, string? Error, string? Field) Next(Meter meter, double value, bool isReset, double? rolloverValue, DateTimeOffset takenAt)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return (0, "value must be a finite number.", "value");
        }

        if (!meter.IsCumulative)
        {
            return isReset || rolloverValue is not null
                ? (0, $"Meter \"{meter.Name}\" is a gauge; reset and rolloverValue apply to cumulative meters only.", isReset ? "reset" : "rolloverValue")
                : (value, null, null);
        }

        if (value < 0)
        {
            return (0, $"A cumulative meter cannot read below zero; got {value.ToString(CultureInfo.InvariantCulture)}.", "value");
        }

        if (meter.LastReadAt is { } lastAt && takenAt < lastAt)
        {
            return (0, $"The reading is older than the meter's latest reading at {lastAt.ToUniversalTime():O}; a cumulative meter takes readings in time order.", "takenAt");
        }

        var last = meter.LastValue ?? 0;
        var lastTotal = meter.LastTotal ?? 0;
        if (!isReset)
        {
            if (rolloverValue is not null)
            {
                return (0, "rolloverValue needs reset: true.", "rolloverValue");
            }

            return value < last
                ? (0, $"The value {value.ToString(CultureInfo.InvariantCulture)} is lower than the latest reading {last.ToString(CultureInfo.InvariantCulture)}; mark the reading as a reset (reset: true, with rolloverValue if the counter wrapped).", "value")
                : (lastTotal + (value - last), null, null);
        }

        if (rolloverValue is { } rollover)
        {
            if (rollover <= last || double.IsNaN(rollover) || double.IsInfinity(rollover))
            {
                return (0, $"rolloverValue must be greater than the latest reading {last.ToString(CultureInfo.InvariantCulture)}.", "rolloverValue");
            }

            return (lastTotal + (rollover - last) + value, null, null);
        }

        return (lastTotal + value, null, null);
    }
}
