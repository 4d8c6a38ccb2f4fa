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

    /// <summary>Returns whether the schedule's interval differs from the manufacturer's, when one is recorded.</summary>
    public static bool Deviates(MaintenanceSchedule schedule) =>
        !string.IsNullOrWhiteSpace(schedule.ManufacturerInterval)
        && !string.Equals(Normalize(schedule.ManufacturerInterval), Describe(schedule).ToUpperInvariant(), StringComparison.Ordinal);

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
