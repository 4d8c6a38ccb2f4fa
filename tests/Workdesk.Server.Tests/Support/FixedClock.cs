namespace Workdesk.Server.Tests.Support;

/// <summary>A clock that always reads the given instant, for running jobs at a chosen time.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
}
