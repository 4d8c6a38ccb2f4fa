using Workdesk.Domain.Maintenance;

namespace Workdesk.Server.Features.Meters;

/// <summary>A new meter on an asset.</summary>
/// <param name="IsCumulative">True for a counter that only grows (hours, cycles, distance); false for a gauge.</param>
public sealed record CreateMeterRequest(string Name, MeterKind Kind, string Unit, bool IsCumulative);

public sealed record MeterResponse(
    long Id, long AssetId, string Name, MeterKind Kind, string Unit, bool IsCumulative,
    double? LastValue, double? LastTotal, DateTimeOffset? LastReadAt)
{
    public static MeterResponse From(Meter meter) => new(
        meter.Id, meter.AssetId, meter.Name, meter.Kind, meter.Unit, meter.IsCumulative, meter.LastValue, meter.LastTotal, meter.LastReadAt);
}

/// <summary>One reading. A sensor names the meter by meterId, or by assetTag and meter name.</summary>
/// <param name="TakenAt">When the value was read; the time of the request when left out.</param>
/// <param name="Reset">Marks a cumulative counter that started again from zero, so that a lower value is accepted.</param>
/// <param name="RolloverValue">With reset, the value at which the counter wrapped to zero, such as 100000.</param>
public sealed record ReadingInput(
    double? Value, DateTimeOffset? TakenAt = null, bool Reset = false, double? RolloverValue = null,
    long? MeterId = null, string? AssetTag = null, string? Meter = null);

/// <summary>Several readings that are stored together or not at all.</summary>
public sealed record ReadingBatchRequest(IReadOnlyList<ReadingInput> Readings);

public sealed record ReadingResponse(
    long Id, long MeterId, double Value, double Total, DateTimeOffset TakenAt, ReadingSource Source, bool Reset, double? RolloverValue)
{
    public static ReadingResponse From(MeterReading reading) => new(
        reading.Id, reading.MeterId, reading.Value, reading.Total, reading.TakenAt, reading.Source, reading.IsReset, reading.RolloverValue);
}

public sealed record ReadingBatchResponse(int Stored, IReadOnlyList<ReadingResponse> Readings);

/// <summary>A new sensor token; assetId limits it to the meters of one asset.</summary>
public sealed record CreateSensorTokenRequest(string Name, long? AssetId = null);

public sealed record SensorTokenResponse(long Id, string Name, string Prefix, long? AssetId, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    public static SensorTokenResponse From(SensorToken token) =>
        new(token.Id, token.Name, token.Prefix, token.AssetId, token.CreatedAt, token.LastUsedAt, token.RevokedAt);
}

/// <summary>The created token with its secret, which is shown only this once.</summary>
public sealed record CreatedSensorTokenResponse(SensorTokenResponse Token, string Secret);
