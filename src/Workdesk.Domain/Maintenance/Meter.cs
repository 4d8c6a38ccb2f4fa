namespace Workdesk.Domain.Maintenance;

public enum MeterKind
{
    RunningHours,
    Cycles,
    Distance,
    Temperature,
    Pressure,
    Vibration,
    Other,
}

/// <summary>A measured quantity on an asset, such as its running hours or bearing vibration.</summary>
public sealed class Meter : Common.IVersioned
{
    public long Id { get; set; }

    public long AssetId { get; set; }

    private string name = "";

    /// <summary>Name of the meter on its asset, such as "hours" or "bearing vibration"; unique per asset without regard to case.</summary>
    public required string Name
    {
        get => name;
        set
        {
            name = value;
            NameKey = value.ToLowerInvariant();
        }
    }

    /// <summary>
    /// The name in lower case, set with <see cref="Name"/>. Its unique index per asset rejects
    /// names that differ only in case, because readings and schedules match names in any case.
    /// </summary>
    public string NameKey { get; private set; } = "";

    public MeterKind Kind { get; set; }

    /// <summary>Unit of the values, such as "h", "km", "°C", "bar" or "mm/s".</summary>
    public required string Unit { get; set; }

    /// <summary>
    /// Whether the value only grows (an hour counter or odometer) rather than going up and down
    /// (a gauge such as a temperature). A lower cumulative reading must be marked as a reset.
    /// </summary>
    public bool IsCumulative { get; set; }

    public double? LastValue { get; set; }

    /// <summary>The cumulative total of the latest reading, counted across resets and rollovers.</summary>
    public double? LastTotal { get; set; }

    public DateTimeOffset? LastReadAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public int Version { get; set; }
}

public enum ReadingSource
{
    Manual,
    Csv,
    Sensor,

    /// <summary>A meter step of a work order's procedure, recorded on the work order's asset.</summary>
    Procedure,
}

/// <summary>One value of a meter at a point in time.</summary>
public sealed class MeterReading
{
    public long Id { get; set; }

    public long MeterId { get; set; }

    /// <summary>The value shown on the meter.</summary>
    public double Value { get; set; }

    /// <summary>
    /// For a cumulative meter, the units counted since its first reading, across resets and
    /// rollovers; for a gauge, the value itself. Meter-based schedules count on this total.
    /// </summary>
    public double Total { get; set; }

    public DateTimeOffset TakenAt { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public ReadingSource Source { get; set; }

    /// <summary>Whether a cumulative counter started again from zero before this reading.</summary>
    public bool IsReset { get; set; }

    /// <summary>The value at which the counter wrapped to zero, such as 100000 for a five-digit counter; null for a plain reset.</summary>
    public double? RolloverValue { get; set; }

    public long? RecordedById { get; set; }

    public long? SensorTokenId { get; set; }
}

/// <summary>
/// A token for sensors and PLC gateways that may only post meter readings, optionally only for the
/// meters of one asset. Only a SHA-256 hash of the secret is stored.
/// </summary>
public sealed class SensorToken
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public required string TokenHash { get; set; }

    public required string Prefix { get; set; }

    /// <summary>The asset whose meters the token may post to; null allows every meter.</summary>
    public long? AssetId { get; set; }

    public long? CreatedById { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
