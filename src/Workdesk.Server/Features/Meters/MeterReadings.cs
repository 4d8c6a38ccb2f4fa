using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.Maintenance;

namespace Workdesk.Server.Features.Meters;

/// <summary>
/// Stores meter readings from people, CSV files and sensors. A batch is all or nothing: when one
/// reading is invalid, none is stored and the error names that reading by its index.
/// </summary>
public sealed class MeterReadings(WorkdeskDbContext db, TimeProvider clock)
{
    public const int MaxBatch = 5000;

    private ReadingFields fieldNames = ReadingFields.Api;

    /// <summary>Asset tag of each meter loaded for a reading that names its meter by asset tag and name.</summary>
    private readonly Dictionary<long, string> meterTags = [];

    /// <summary>Checks and stores the readings in one transaction.</summary>
    /// <param name="fieldPrefix">Turns a reading's index into the prefix of its error field, such as "readings[3]."; lets single readings name bare fields.</param>
    /// <param name="allowedAssetId">When set, every reading must belong to a meter of this asset.</param>
    /// <param name="fields">The names errors use for the reading's fields; JSON names unless given, CSV column names for a file.</param>
    public async Task<Result<List<MeterReading>>> RecordAsync(
        IReadOnlyList<ReadingInput> inputs, ReadingSource source, long? userId, long? sensorTokenId, long? allowedAssetId,
        Func<int, string> fieldPrefix, CancellationToken ct, ReadingFields? fields = null)
    {
        fieldNames = fields ?? ReadingFields.Api;
        if (inputs.Count == 0)
        {
            return Error.Invalid("readings", "Send at least one reading.");
        }

        if (inputs.Count > MaxBatch)
        {
            return Error.Invalid("readings", $"A batch may contain at most {MaxBatch} readings; got {inputs.Count}. Split it into several requests.");
        }

        var meters = await LoadMetersAsync(inputs, ct);
        var now = clock.GetUtcNow();
        var resolved = new List<(int Index, ReadingInput Input, Meter Meter, DateTimeOffset TakenAt)>(inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var prefix = fieldPrefix(i);
            var meter = Find(meters, input);
            if (meter is null)
            {
                return MeterNotFound(input, prefix);
            }

            if (allowedAssetId is { } allowed && meter.AssetId != allowed)
            {
                return Error.Forbidden($"The sensor token may post readings only for the meters of asset {allowed}; meter {meter.Id} belongs to another asset. Nothing was stored.");
            }

            if (input.Value is null)
            {
                return Error.Invalid(prefix + fieldNames.Value, $"{fieldNames.Value} is required.");
            }

            var takenAt = input.TakenAt?.ToUniversalTime() ?? now;
            if (takenAt > now.AddMinutes(5))
            {
                return Error.Invalid(prefix + fieldNames.TakenAt, $"{fieldNames.TakenAt} {takenAt:O} lies in the future; send the time the value was read.");
            }

            resolved.Add((i, input, meter, takenAt));
        }

        // Readings of one meter are applied in time order, so that a gateway may send a buffer in any order.
        var readings = new List<MeterReading>(resolved.Count);
        foreach (var (index, input, meter, takenAt) in resolved.OrderBy(r => r.TakenAt).ThenBy(r => r.Index))
        {
            var value = input.Value!.Value;
            var (total, error, field) = MeterMath.Next(meter, value, input.Reset, input.RolloverValue, takenAt);
            if (error is not null)
            {
                return Error.Invalid(fieldPrefix(index) + fieldNames.Of(field ?? "value"), error + " Nothing was stored.");
            }

            var reading = new MeterReading
            {
                MeterId = meter.Id,
                Value = value,
                Total = total,
                TakenAt = takenAt,
                RecordedAt = now,
                Source = source,
                IsReset = input.Reset,
                RolloverValue = input.RolloverValue,
                RecordedById = userId,
                SensorTokenId = sensorTokenId,
            };
            readings.Add(reading);
            db.MeterReadings.Add(reading);
            if (meter.LastReadAt is null || takenAt >= meter.LastReadAt)
            {
                meter.LastValue = value;
                meter.LastTotal = total;
                meter.LastReadAt = takenAt;
            }
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("Another reading of the same meter was stored at the same moment; nothing from this request was stored. Send it again.");
        }

        return readings;
    }

    private Error MeterNotFound(ReadingInput input, string prefix)
    {
        if (input.MeterId is { } id)
        {
            return Error.Invalid(prefix + fieldNames.MeterId, $"Meter {id} does not exist.");
        }

        if (string.IsNullOrWhiteSpace(input.AssetTag) && string.IsNullOrWhiteSpace(input.Meter))
        {
            return Error.Invalid(prefix + fieldNames.MeterId, $"The meter is missing: give {fieldNames.MeterId}, or {fieldNames.AssetTag} and {fieldNames.Meter}.");
        }

        if (string.IsNullOrWhiteSpace(input.AssetTag))
        {
            return Error.Invalid(prefix + fieldNames.AssetTag, $"{fieldNames.AssetTag} is missing: a meter named by {fieldNames.Meter} needs the tag of its asset.");
        }

        if (string.IsNullOrWhiteSpace(input.Meter))
        {
            return Error.Invalid(prefix + fieldNames.Meter, $"{fieldNames.Meter} is missing: give the meter's name on asset \"{input.AssetTag.Trim()}\", such as \"hours\".");
        }

        return Error.Invalid(prefix + fieldNames.Meter, $"No meter named \"{input.Meter.Trim()}\" was found on asset \"{input.AssetTag.Trim()}\".");
    }

    private async Task<List<Meter>> LoadMetersAsync(IReadOnlyList<ReadingInput> inputs, CancellationToken ct)
    {
        var ids = inputs.Where(i => i.MeterId is not null).Select(i => i.MeterId!.Value).Distinct().ToList();
        var tags = inputs.Where(i => i.MeterId is null && i.AssetTag is not null).Select(i => i.AssetTag!.Trim()).Distinct().ToList();
        var byId = ids.Count == 0 ? [] : await db.Meters.Where(m => ids.Contains(m.Id)).ToListAsync(ct);
        var byTag = tags.Count == 0
            ? []
            : await (from meter in db.Meters
                     join asset in db.Assets on meter.AssetId equals asset.Id
                     where tags.Contains(asset.Tag)
                     select new { meter, asset.Tag }).ToListAsync(ct);
        foreach (var pair in byTag)
        {
            meterTags[pair.meter.Id] = pair.Tag;
        }

        return [.. byId.Concat(byTag.Select(p => p.meter)).DistinctBy(m => m.Id)];
    }

    private Meter? Find(List<Meter> meters, ReadingInput input)
    {
        if (input.MeterId is { } id)
        {
            return meters.Find(m => m.Id == id);
        }

        if (string.IsNullOrWhiteSpace(input.AssetTag) || string.IsNullOrWhiteSpace(input.Meter))
        {
            return null;
        }

        return meters.Find(m =>
            meterTags.TryGetValue(m.Id, out var tag)
            && string.Equals(tag, input.AssetTag.Trim(), StringComparison.Ordinal)
            && string.Equals(m.Name, input.Meter.Trim(), StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>The names of a reading's fields as the client sent them, so that errors name what the client can find.</summary>
public sealed record ReadingFields(string MeterId, string AssetTag, string Meter, string Value, string TakenAt, string Reset, string RolloverValue)
{
    public static readonly ReadingFields Api = new("meterId", "assetTag", "meter", "value", "takenAt", "reset", "rolloverValue");

    public static readonly ReadingFields Csv = new("meter_id", "asset_tag", "meter", "value", "taken_at", "reset", "rollover_value");

    /// <summary>Maps a JSON field name to this notation.</summary>
    public string Of(string jsonName) => jsonName switch
    {
        "meterId" => MeterId,
        "assetTag" => AssetTag,
        "meter" => Meter,
        "takenAt" => TakenAt,
        "reset" => Reset,
        "rolloverValue" => RolloverValue,
        _ => Value,
    };
}
