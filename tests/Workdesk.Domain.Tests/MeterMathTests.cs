using Workdesk.Domain.Maintenance;

namespace Workdesk.Domain.Tests;

public class MeterMathTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static Meter Counter(double? last, double? total) => new()
    {
        Name = "hours", Unit = "h", IsCumulative = true, LastValue = last, LastTotal = total, LastReadAt = last is null ? null : Noon,
    };

    [Theory]
    [InlineData(100.0, 100.0, 150, false, null, 150)]
    [InlineData(99_900.0, 99_900.0, 150, true, 100_000.0, 100_150)]
    [InlineData(500.0, 1500.0, 20, true, null, 1520)]
    [InlineData(null, null, 42, false, null, 42)]
    public void Next_CountsTotal(double? last, double? total, double value, bool reset, double? rollover, double expected)
    {
        var (next, error, _) = MeterMath.Next(Counter(last, total), value, reset, rollover, Noon.AddHours(1));

        Assert.Null(error);
        Assert.Equal(expected, next);
    }

    [Theory]
    [InlineData(150, false, null, "mark the reading as a reset")]
    [InlineData(150, true, 100.0, "rolloverValue must be greater")]
    [InlineData(250, false, 1000.0, "rolloverValue needs reset")]
    [InlineData(-1, true, null, "below zero")]
    [InlineData(double.NaN, false, null, "finite")]
    public void Next_Invalid_Explains(double value, bool reset, double? rollover, string expected)
    {
        var (_, error, _) = MeterMath.Next(Counter(200, 200), value, reset, rollover, Noon.AddHours(1));

        Assert.NotNull(error);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Next_OlderCumulativeReading_Rejected()
    {
        var (_, error, _) = MeterMath.Next(Counter(200, 200), 300, false, null, Noon.AddHours(-1));

        Assert.NotNull(error);
        Assert.Contains("older than", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Next_Gauge_TakesValueAsIs()
    {
        var gauge = new Meter { Name = "vibration", Unit = "mm/s", LastValue = 7.2, LastTotal = 7.2, LastReadAt = Noon };

        var (total, error, _) = MeterMath.Next(gauge, 3.5, false, null, Noon.AddHours(-2));
        var (_, resetError, _) = MeterMath.Next(gauge, 3.5, true, null, Noon);

        Assert.Null(error);
        Assert.Equal(3.5, total);
        Assert.NotNull(resetError);
    }
}

public class MaintenanceIntervalTests
{
    private static MaintenanceSchedule Calendar(string rule, string? manufacturer) => new()
    {
        Name = "Pump", Trigger = ScheduleTrigger.Calendar, Rule = rule, ManufacturerInterval = manufacturer,
    };

    [Theory]
    [InlineData("FREQ=MONTHLY;INTERVAL=3", null, false)]
    [InlineData("FREQ=MONTHLY;INTERVAL=3", "freq=monthly;interval=3", false)]
    [InlineData("FREQ=MONTHLY;INTERVAL=6", "FREQ=MONTHLY;INTERVAL=3", true)]
    [InlineData("FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1;BYHOUR=8", "FREQ=MONTHLY;INTERVAL=3", false)]
    [InlineData("FREQ=MONTHLY", "RRULE:FREQ=MONTHLY;INTERVAL=1", false)]
    [InlineData("FREQ=WEEKLY;INTERVAL=4", "FREQ=MONTHLY", true)]
    public void Deviates_ComparesWithManufacturer(string rule, string? manufacturer, bool expected)
    {
        Assert.Equal(expected, MaintenanceIntervals.Deviates(Calendar(rule, manufacturer)));
    }

    [Theory]
    [InlineData(14, IntervalUnit.Days, "2 weeks", false)]
    [InlineData(1, IntervalUnit.Months, "1 month", false)]
    [InlineData(30, IntervalUnit.Days, "1 month", true)]
    public void Deviates_FloatingComparesSpacing(int count, IntervalUnit unit, string manufacturer, bool expected)
    {
        var floating = new MaintenanceSchedule
        {
            Name = "Filter", Trigger = ScheduleTrigger.Floating, IntervalCount = count, IntervalUnit = unit, ManufacturerInterval = manufacturer,
        };

        Assert.Equal(expected, MaintenanceIntervals.Deviates(floating));
    }

    [Fact]
    public void Describe_FloatingAndMeter()
    {
        var floating = new MaintenanceSchedule { Name = "Filter", Trigger = ScheduleTrigger.Floating, IntervalCount = 30, IntervalUnit = IntervalUnit.Days };
        var meter = new MaintenanceSchedule { Name = "Service", Trigger = ScheduleTrigger.Meter, MeterInterval = 500 };

        Assert.Equal("30 days", MaintenanceIntervals.Describe(floating));
        Assert.Equal("500", MaintenanceIntervals.Describe(meter));
    }
}
