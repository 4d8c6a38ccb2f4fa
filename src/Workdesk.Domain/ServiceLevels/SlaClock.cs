namespace Workdesk.Domain.ServiceLevels;

/// <summary>The state of a work order against its resolution target.</summary>
public enum SlaState
{
    OnTrack,
    AtRisk,
    Breached,
    Paused,
    Met,
}

/// <summary>
/// A service-level clock: business time runs from the start, stops while the work waits (for
/// example on hold), and the due time moves back by exactly the business time spent waiting.
/// </summary>
public sealed record SlaClock(DateTimeOffset StartedAt, TimeSpan Target, TimeSpan PausedTotal = default, DateTimeOffset? PausedSince = null)
{
    /// <summary>The due time, counting the waiting that has ended; while paused, it is not final.</summary>
    public DateTimeOffset DueAt(BusinessCalendar calendar) => calendar.Add(StartedAt, Target + PausedTotal);

    public SlaClock Pause(DateTimeOffset at) => PausedSince is null ? this with { PausedSince = at } : this;

    /// <summary>Resumes the clock, adding only the business time that passed while paused.</summary>
    public SlaClock Resume(DateTimeOffset at, BusinessCalendar calendar) =>
        PausedSince is { } since ? this with { PausedTotal = PausedTotal + calendar.Between(since, at), PausedSince = null } : this;

    /// <summary>Changes the target (for example after a priority change) while keeping the start and the time paused so far.</summary>
    public SlaClock Retarget(TimeSpan target) => this with { Target = target };

    /// <summary>Business time left until the due time; negative once breached. While paused, the time left when the pause began.</summary>
    public TimeSpan Remaining(DateTimeOffset now, BusinessCalendar calendar)
    {
        var at = PausedSince ?? now;
        var used = calendar.Between(StartedAt, at) - PausedTotal;
        return Target - used;
    }

    public SlaState StateAt(DateTimeOffset now, BusinessCalendar calendar, TimeSpan atRiskWithin, DateTimeOffset? completedAt = null)
    {
        if (completedAt is { } done)
        {
            return done <= DueAt(calendar) ? SlaState.Met : SlaState.Breached;
        }

        var remaining = Remaining(now, calendar);
        if (remaining <= TimeSpan.Zero)
        {
            return SlaState.Breached;
        }

        if (PausedSince is not null)
        {
            return SlaState.Paused;
        }

        return remaining <= atRiskWithin ? SlaState.AtRisk : SlaState.OnTrack;
    }
}
