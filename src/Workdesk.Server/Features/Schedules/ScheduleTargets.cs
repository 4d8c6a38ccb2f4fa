using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Maintenance;
using Workdesk.Server.Features.Auth;

namespace Workdesk.Server.Features.Schedules;

/// <summary>An asset a schedule applies to, with what generation needs to know about it.</summary>
public sealed record TargetAsset(long Id, string Tag, string Name, long? LocationId, long? TeamId, string TimeZone);

/// <summary>
/// Resolves which assets a schedule applies to: the listed ones, or the assets that match its
/// selection at the time of the call, so that new fire extinguishers on campus join the plan.
/// </summary>
public sealed class ScheduleTargets(WorkdeskDbContext db)
{
    private Dictionary<long, (string Path, string? TimeZone)>? locations;

    public async Task<List<TargetAsset>> ResolveAsync(MaintenanceSchedule schedule, CancellationToken ct)
    {
        var query = db.Assets.AsNoTracking().Where(a => a.Status != Domain.Assets.AssetStatus.Retired);
        if (schedule.Assets.Count > 0)
        {
            var ids = schedule.Assets.Select(a => a.AssetId).ToList();
            query = query.Where(a => ids.Contains(a.Id));
        }
        else
        {
            if (schedule.SelectionAssetTypeId is { } typeId)
            {
                query = query.Where(a => a.AssetTypeId == typeId);
            }

            if (schedule.SelectionCategory is { } category)
            {
                query = query.Where(a => a.Category == category);
            }

            if (schedule.SelectionLocationId is { } locationId)
            {
                var path = await db.Locations.Where(l => l.Id == locationId).Select(l => l.Path).SingleOrDefaultAsync(ct);
                if (path is null)
                {
                    return [];
                }

                var subtree = db.Locations.InSubtrees([path]).Select(l => (long?)l.Id);
                query = query.Where(a => subtree.Contains(a.LocationId));
            }
        }

        var assets = await query.OrderBy(a => a.Id).Select(a => new { a.Id, a.Tag, a.Name, a.LocationId, a.TeamId }).ToListAsync(ct);
        var result = new List<TargetAsset>(assets.Count);
        foreach (var asset in assets)
        {
            var zone = schedule.TimeZone ?? await LocationTimeZoneAsync(asset.LocationId, ct) ?? Recurrence.DefaultTimeZone;
            result.Add(new TargetAsset(asset.Id, asset.Tag, asset.Name, asset.LocationId, asset.TeamId, zone));
        }

        return result;
    }

    /// <summary>Returns the time zone of the location or its nearest ancestor that names one.</summary>
    public async Task<string?> LocationTimeZoneAsync(long? locationId, CancellationToken ct)
    {
        if (locationId is null)
        {
            return null;
        }

        locations ??= (await db.Locations.AsNoTracking().Select(l => new { l.Id, l.Path, l.TimeZone }).ToListAsync(ct))
            .ToDictionary(l => l.Id, l => (l.Path, l.TimeZone));
        if (!locations.TryGetValue(locationId.Value, out var location))
        {
            return null;
        }

        // The path lists the ancestors from the root down, ending with the location itself.
        var ids = location.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = ids.Length - 1; i >= 0; i--)
        {
            if (long.TryParse(ids[i], System.Globalization.CultureInfo.InvariantCulture, out var id)
                && locations.TryGetValue(id, out var ancestor) && ancestor.TimeZone is { } zone && Recurrence.IsKnownTimeZone(zone))
            {
                return zone;
            }
        }

        return null;
    }
}
