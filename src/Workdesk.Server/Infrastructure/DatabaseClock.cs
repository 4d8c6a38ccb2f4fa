namespace Workdesk.Server.Infrastructure;

/// <summary>
/// The system clock cut to whole microseconds, the precision PostgreSQL stores. Times then read
/// back exactly as they were written on both providers, so a value shown right after a write
/// equals the one shown after a re-read, and due times computed from it agree.
/// </summary>
public sealed class DatabaseClock : TimeProvider
{
    private const long TicksPerMicrosecond = 10;

    public override DateTimeOffset GetUtcNow()
    {
        var now = System.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TicksPerMicrosecond), TimeSpan.Zero);
    }
}
