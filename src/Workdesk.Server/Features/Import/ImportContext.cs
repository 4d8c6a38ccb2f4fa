using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.Places;
using Workdesk.Server.Features.WorkOrders;

namespace Workdesk.Server.Features.Import;

/// <summary>A location found by external id: its id and materialized path.</summary>
internal readonly record struct LocationRef(long Id, string Path);

/// <summary>
/// What the row importers share during one import: the database, the acting user, one timestamp
/// for defaults, and a cache of locations found by external id.
/// </summary>
internal sealed class ImportContext(WorkdeskDbContext db, LocationService locations, DateTimeOffset now, long? actorId)
{
    // The cache lives for one batch, so memory does not grow with the file. Entries added while a
    // row is written stay pending until the row is accepted, because a rolled-back row's new
    // locations do not exist.
    private readonly Dictionary<string, LocationRef> locationCache = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LocationRef> pendingLocations = new(StringComparer.Ordinal);

    public WorkdeskDbContext Db => db;

    public LocationService Locations => locations;

    /// <summary>When the import started: the creation time of records whose file gives none.</summary>
    public DateTimeOffset Now => now;

    public long? ActorId => actorId;

    public ValueTask<LocationRef?> FindLocationAsync(string externalId, CancellationToken ct) =>
        locationCache.TryGetValue(externalId, out var cached) || pendingLocations.TryGetValue(externalId, out cached)
            ? ValueTask.FromResult<LocationRef?>(cached)
            : new ValueTask<LocationRef?>(QueryLocationAsync(externalId, ct));

    private async Task<LocationRef?> QueryLocationAsync(string externalId, CancellationToken ct)
    {
        var found = await db.Locations.AsNoTracking()
            .Where(l => l.ExternalId == externalId)
            .Select(l => new LocationRef(l.Id, l.Path))
            .SingleOrDefaultAsync(ct);
        if (found == default)
        {
            return null;
        }

        locationCache[externalId] = found;
        return found;
    }

    /// <summary>Caches the locations of these external ids that exist, with one query, so that the rows of a batch find them without one each.</summary>
    public async Task LoadLocationsAsync(IReadOnlyCollection<string> externalIds, CancellationToken ct)
    {
        var missing = externalIds.Where(id => !locationCache.ContainsKey(id)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var found = await db.Locations.AsNoTracking()
            .Where(l => l.ExternalId != null && EF.Parameter(missing).Contains(l.ExternalId))
            .Select(l => new { ExternalId = l.ExternalId!, l.Id, l.Path })
            .ToListAsync(ct);
        foreach (var location in found)
        {
            locationCache[location.ExternalId] = new LocationRef(location.Id, location.Path);
        }
    }

    /// <summary>Caches a location that the current row created or moved, once the row is accepted.</summary>
    public void RememberLocation(string externalId, LocationRef location) => pendingLocations[externalId] = location;

    public void AcceptRow()
    {
        foreach (var (key, location) in pendingLocations)
        {
            locationCache[key] = location;
        }

        pendingLocations.Clear();
    }

    /// <summary>Forgets what a rejected row cached.</summary>
    public void DiscardRow() => pendingLocations.Clear();

    /// <summary>Forgets every cached path, such as after a location moved and its subtree's paths changed.</summary>
    public void ClearCache()
    {
        locationCache.Clear();
        pendingLocations.Clear();
    }

    public Task<long?> FindAssetIdAsync(string externalId, CancellationToken ct) =>
        db.Assets.Where(a => a.ExternalId == externalId).Select(a => (long?)a.Id).SingleOrDefaultAsync(ct);

    public Task<long?> FindRequestIdAsync(string externalId, CancellationToken ct) =>
        db.WorkRequests.Where(r => r.ExternalId == externalId).Select(r => (long?)r.Id).SingleOrDefaultAsync(ct);

    public Task<long?> FindWorkOrderIdAsync(string externalId, CancellationToken ct) =>
        db.WorkOrders.Where(w => w.ExternalId == externalId).Select(w => (long?)w.Id).SingleOrDefaultAsync(ct);

    /// <summary>Adds a history entry at a time the file gives, by the importing user.</summary>
    public void Record(string entityType, long entityId, DateTimeOffset at, string action, string? field = null, object? oldValue = null, object? newValue = null) =>
        db.Activities.Add(NewActivity(entityType, entityId, at, action, field, oldValue, newValue));

    /// <summary>Returns a history entry by the importing user without adding it to the change tracker.</summary>
    public Activity NewActivity(string entityType, long entityId, DateTimeOffset at, string action, string? field = null, object? oldValue = null, object? newValue = null) =>
        new()
        {
            EntityType = entityType,
            EntityId = entityId,
            At = at,
            ActorId = actorId,
            Action = action,
            Field = field,
            OldValue = History.Format(oldValue),
            NewValue = History.Format(newValue),
        };
}
