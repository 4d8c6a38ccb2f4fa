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

    /// <summary>Asset tag of each meter loaded for a reading that names its meter by asset tag and name.</summary>
    private readonly Dictionary<long, string> meterTags = [];

    /// <summary>Checks and stores the readings in one transaction.</summary>
    /// <param name="fieldPrefix">Turns a reading's index into the prefix of its error field, such as "readings[3]."; lets single readings name bare fields.</param>
    /// <param name="allowedAssetId">When set, every reading must belong to a meter of this asset.</param>
    public async Task<Result<List<MeterReading>>> RecordAsync(
        IReadOnlyList<ReadingInput> inputs, ReadingSource source, long? userId, long? sensorTokenId, long? allowedAssetId,
        Func<int, string> fieldPrefix, CancellationToken ct)
    {
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
                return input.MeterId is { } id
                    ? Error.Invalid(prefix + "meterId", $"Meter {id} does not exist.")
                    : Error.Invalid(prefix + "meter", $"Name the meter by meterId, or by assetTag and meter; no meter \"{input.Meter}\" was found on asset \"{input.AssetTag}\".");
            }

            if (allowedAssetId is { } allowed && meter.AssetId != allowed)
            {
                return Error.Forbidden($"The sensor token may post readings only for the meters of asset {allowed}; meter {meter.Id} belongs to another asset. Nothing was stored.");
            }

            if (input.Value is null)
            {
                return Error.Invalid(prefix + "value", "value is required.");
            }

            var takenAt = input.TakenAt?.ToUniversalTime() ?? now;
            if (takenAt > now.AddMinutes(5))
            {
                return Error.Invalid(prefix + "takenAt", $"takenAt {takenAt:O} lies in the future; send the time the value was read.");
            }

            resolved.Add((i, input, meter, takenAt));
        }

        // Readings of one meter are applied in time order, so that a gateway may send a buffer in any order.
        var readings = new List<MeterReading>(resolved.Count);
        foreach (var (index, input, meter, takenAt) in resolved.OrderBy(r => r.TakenAt).ThenBy(r => r.Index))
        {
            var value = input.Value!.Value;
            var (total, error) = MeterMath.Next(meter, value, input.Reset, input.RolloverValue, takenAt);
            if (error is not null)
            {
                return Error.Invalid(fieldPrefix(index) + "value", error + " Nothing was stored.");
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
