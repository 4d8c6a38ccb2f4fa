using Workdesk.Domain.ServiceLevels;

namespace Workdesk.Domain.Tests;

public class BusinessCalendarTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private static BusinessCalendar Weekdays(TimeZoneInfo zone, string hours = "08:00-18:00", params Holiday[] holidays)
    {
        var periods = hours.Split(',').Select(p => WorkingPeriod.Parse(p).Value).ToList();
        var week = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .ToDictionary(d => d, _ => (IReadOnlyList<WorkingPeriod>)periods);
        return new BusinessCalendar(zone, week, holidays);
    }

    private static BusinessCalendar EveryDay(TimeZoneInfo zone) => new(
        zone, Enum.GetValues<DayOfWeek>().ToDictionary(d => d, _ => (IReadOnlyList<WorkingPeriod>)[WorkingPeriod.Parse("00:00-24:00").Value]));

    private static DateTimeOffset Local(TimeZoneInfo zone, int year, int month, int day, int hour, int minute = 0)
    {
        var local = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    public static TheoryData<string, string, string, double, string> DueCases => new()
    {
        // calendar hours, holidays (yyyy-MM-dd, * for yearly), start (local), target hours, expected due (local)
        { "08:00-18:00", "", "2026-11-30 17:00", 4, "2026-12-01 11:00" },
        { "08:00-18:00", "", "2026-11-30 17:00", 3, "2026-12-01 10:00" },
        { "08:00-18:00", "", "2026-12-05 10:00", 4, "2026-12-07 12:00" },
        { "08:00-18:00", "", "2026-11-30 06:00", 1, "2026-11-30 09:00" },
        { "08:00-18:00", "", "2026-11-30 12:00", 6, "2026-11-30 18:00" },
        { "08:00-18:00", "", "2026-12-04 17:30", 1, "2026-12-07 08:30" },
        { "08:00-12:00,13:00-17:00", "", "2026-11-30 11:00", 2, "2026-11-30 14:00" },
        { "08:00-18:00", "*2026-12-25", "2026-12-24 17:00", 4, "2026-12-28 11:00" },
        { "08:00-18:00", "*2020-12-25,2026-12-28", "2026-12-24 17:00", 4, "2026-12-29 11:00" },
        { "08:00-18:00", "", "2026-11-30 09:00", 50, "2026-12-07 09:00" },
    };

    [Theory]
    [MemberData(nameof(DueCases))]
    public void Add_BusinessHours_GivesLocalDueTime(string hours, string holidays, string start, double targetHours, string expected)
    {
        var parsedHolidays = holidays.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(h => new Holiday(DateOnly.ParseExact(h.TrimStart('*'), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), h.StartsWith('*')))
            .ToArray();
        var calendar = Weekdays(NewYork, hours, parsedHolidays);
        var startAt = Parse(start);

        var due = calendar.Add(startAt, TimeSpan.FromHours(targetHours));

        Assert.Equal(Parse(expected), due);
    }

    public static TheoryData<string, string, string, double, string> EarlierCases => new()
    {
        // calendar hours, holidays (yyyy-MM-dd, * for yearly), due (local), hours before, expected (local)
        { "08:00-18:00", "", "2026-12-01 11:00", 1, "2026-12-01 10:00" },
        { "08:00-18:00", "", "2026-12-01 09:00", 1, "2026-12-01 08:00" },
        { "08:00-18:00", "", "2026-12-01 08:30", 1, "2026-11-30 17:30" },
        { "08:00-18:00", "", "2026-12-07 09:00", 2, "2026-12-04 17:00" },
        { "08:00-18:00", "", "2026-12-06 12:00", 1, "2026-12-04 17:00" },
        { "08:00-18:00", "*2026-12-25", "2026-12-28 11:00", 4, "2026-12-24 17:00" },
        { "08:00-12:00,13:00-17:00", "", "2026-11-30 14:00", 2, "2026-11-30 11:00" },
        { "08:00-18:00", "", "2026-12-01 11:00", 0, "2026-12-01 11:00" },
    };

    [Theory]
    [MemberData(nameof(EarlierCases))]
    public void Subtract_BusinessHours_GivesLocalTime(string hours, string holidays, string due, double hoursBefore, string expected)
    {
        var parsedHolidays = holidays.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(h => new Holiday(DateOnly.ParseExact(h.TrimStart('*'), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), h.StartsWith('*')))
            .ToArray();
        var calendar = Weekdays(NewYork, hours, parsedHolidays);

        var earlier = calendar.Subtract(Parse(due), TimeSpan.FromHours(hoursBefore));

        Assert.Equal(Parse(expected), earlier);
    }

    [Fact]
    public void Subtract_AcrossSpringForward_CountsLocalClock()
    {
        var calendar = EveryDay(NewYork);

        var earlier = calendar.Subtract(Local(NewYork, 2026, 3, 8, 4), TimeSpan.FromHours(3));

        Assert.Equal(Local(NewYork, 2026, 3, 8, 1), earlier);
    }

    [Fact]
    public void Subtract_UndoesAdd()
    {
        var calendar = Weekdays(NewYork);
        var created = Parse("2026-11-30 17:00");

        var due = calendar.Add(created, TimeSpan.FromHours(4));
        var warning = calendar.Subtract(due, TimeSpan.FromHours(1));

        Assert.Equal(Parse("2026-12-01 11:00"), due);
        Assert.Equal(Parse("2026-12-01 10:00"), warning);
    }

    private static DateTimeOffset Parse(string local)
    {
        var value = DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        return Local(NewYork, value.Year, value.Month, value.Day, value.Hour, value.Minute);
    }

    [Fact]
    public void Between_PauseOverWeekend_CountsOnlyWorkingHours()
    {
        var calendar = Weekdays(NewYork);

        var paused = calendar.Between(Parse("2026-12-04 16:00"), Parse("2026-12-07 10:00"));

        Assert.Equal(TimeSpan.FromHours(4), paused);
    }

    [Fact]
    public void Add_SpringForward_CountsWallClockHours()
    {
        var calendar = EveryDay(Paris);
        var start = Local(Paris, 2022, 3, 26, 12);

        var due = calendar.Add(start, TimeSpan.FromHours(24));

        Assert.Equal(Local(Paris, 2022, 3, 27, 12), due);
        Assert.Equal(TimeSpan.FromHours(23), due - start);
    }

    [Fact]
    public void Add_FallBack_CountsWallClockHours()
    {
        var calendar = EveryDay(Paris);
        var start = Local(Paris, 2022, 10, 29, 12);

        var due = calendar.Add(start, TimeSpan.FromHours(24));

        Assert.Equal(Local(Paris, 2022, 10, 30, 12), due);
        Assert.Equal(TimeSpan.FromHours(25), due - start);
    }

    [Fact]
    public void Add_WeeklyAcrossDst_StaysAtSameLocalHour()
    {
        var calendar = EveryDay(Paris);
        var start = Local(Paris, 2022, 3, 21, 15);

        var due = calendar.Add(start, TimeSpan.FromDays(7));

        Assert.Equal(Local(Paris, 2022, 3, 28, 15), due);
        Assert.Equal(13, due.UtcDateTime.Hour);
    }

    [Theory]
    [InlineData("08:00-18:00", true)]
    [InlineData("00:00-24:00", true)]
    [InlineData("18:00-08:00", false)]
    [InlineData("8-18", false)]
    [InlineData("08:00-24:30", false)]
    [InlineData("08:00-08:00", false)]
    public void WorkingPeriod_Parse_ValidatesFormat(string text, bool valid)
    {
        var result = WorkingPeriod.Parse(text);

        Assert.Equal(valid, result.IsSuccess);
    }

    [Fact]
    public void Add_CalendarWithoutHours_Throws()
    {
        var calendar = new BusinessCalendar(NewYork, new Dictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>>());

        Assert.Throws<InvalidOperationException>(() => calendar.Add(Parse("2026-11-30 09:00"), TimeSpan.FromHours(1)));
    }
}

public class SlaClockTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static readonly BusinessCalendar Calendar = new(
        NewYork,
        new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .ToDictionary(d => d, _ => (IReadOnlyList<WorkingPeriod>)[WorkingPeriod.Parse("08:00-18:00").Value]));

    private static DateTimeOffset At(int day, int hour) =>
        new(new DateTime(2026, 11, day, hour, 0, 0), NewYork.GetUtcOffset(new DateTime(2026, 11, day, hour, 0, 0)));

    [Fact]
    public void Pause_FridayToMonday_MovesDueByBusinessTimeOnly()
    {
        var clock = new SlaClock(At(27, 9), TimeSpan.FromHours(8));

        var resumed = clock.Pause(At(27, 16)).Resume(At(30, 10), Calendar);

        Assert.Equal(TimeSpan.FromHours(4), resumed.PausedTotal);
        Assert.Equal(At(30, 11), resumed.DueAt(Calendar));
    }

    [Fact]
    public void Retarget_KeepsPausedTime()
    {
        var clock = new SlaClock(At(23, 8), TimeSpan.FromHours(16)).Pause(At(23, 10)).Resume(At(23, 12), Calendar);

        var urgent = clock.Retarget(TimeSpan.FromHours(4));

        Assert.Equal(TimeSpan.FromHours(2), urgent.PausedTotal);
        Assert.Equal(At(23, 14), urgent.DueAt(Calendar));
    }

    [Theory]
    [InlineData(9, SlaState.OnTrack)]
    [InlineData(11, SlaState.AtRisk)]
    [InlineData(12, SlaState.Breached)]
    [InlineData(15, SlaState.Breached)]
    public void State_FollowsRemainingTime(int hour, SlaState expected)
    {
        var clock = new SlaClock(At(23, 8), TimeSpan.FromHours(4));

        var state = clock.StateAt(At(23, hour), Calendar, atRiskWithin: TimeSpan.FromHours(1));

        Assert.Equal(expected, state);
    }

    [Fact]
    public void State_WhilePaused_IsPausedAndRemainingFreezes()
    {
        var clock = new SlaClock(At(23, 8), TimeSpan.FromHours(4)).Pause(At(23, 10));

        var state = clock.StateAt(At(24, 17), Calendar, TimeSpan.FromHours(1));

        Assert.Equal(SlaState.Paused, state);
        Assert.Equal(TimeSpan.FromHours(2), clock.Remaining(At(24, 17), Calendar));
    }

    [Fact]
    public void State_CompletedBeforeDue_IsMet()
    {
        var clock = new SlaClock(At(23, 8), TimeSpan.FromHours(4));

        Assert.Equal(SlaState.Met, clock.StateAt(At(25, 9), Calendar, TimeSpan.FromHours(1), completedAt: At(23, 11)));
        Assert.Equal(SlaState.Breached, clock.StateAt(At(25, 9), Calendar, TimeSpan.FromHours(1), completedAt: At(23, 13)));
    }
}
