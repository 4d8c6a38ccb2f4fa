using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Workdesk.Data;

namespace Workdesk.Server.Infrastructure;

/// <summary>
/// Reference tables loaded once and shared by every request, each tagged with the
/// <see cref="ReferenceDataVersion"/> it was loaded at. A singleton: requests read it through
/// <see cref="ReferenceData"/>.
/// </summary>
public sealed class ReferenceDataCache
{
    private readonly ConcurrentDictionary<string, (long Version, object Value)> entries = new(StringComparer.Ordinal);

    internal bool TryGet<T>(string name, long version, out T value)
        where T : class
    {
        if (entries.TryGetValue(name, out var entry) && entry.Version == version)
        {
            value = (T)entry.Value;
            return true;
        }

        value = null!;
        return false;
    }

    internal void Store(string name, long version, object value) => entries[name] = (version, value);
}

/// <summary>
/// Returns reference data (work order types, workflow versions, service-level policies,
/// procedure links, approval rules, webhook subscriptions) and the API tokens and users that
/// requests authenticate as from <see cref="ReferenceDataCache"/> while the stored
/// <see cref="ReferenceDataVersion"/> is unchanged, and loads them again after any change. The version is read
/// once per request, with the first reference lookup, so a request reads one consistent state, as
/// it did when each service read these tables once per request.
/// </summary>
/// <remarks>
/// Once this request saves a change to a reference table inside a transaction, it reads those
/// tables from the database for the rest of the request and stores nothing in the shared cache,
/// because its changes are not committed yet and may be rolled back.
/// </remarks>
public sealed class ReferenceData : IDisposable
{
    private static readonly HashSet<Type> ReferenceTypes =
    [
        typeof(Domain.Workflows.WorkOrderType),
        typeof(Domain.Workflows.WorkflowVersion),
        typeof(Domain.ServiceLevels.SlaPolicy),
        typeof(Domain.Procedures.ProcedureLink),
        typeof(Domain.Approvals.ApprovalRule),
        typeof(Domain.Integrations.WebhookSubscription),
        typeof(Domain.People.ApiToken),
        typeof(Domain.People.User),
        typeof(Domain.People.UserSite),
        typeof(Domain.Locations.Location),
    ];

    // Every request runs this query, so EF Core translates it once instead of looking up its query cache each time.
    private static readonly CompiledQuery<int, long?> ReadVersion = new((context, rowId, ct) =>
        context.ReferenceDataVersions.AsNoTracking()
            .Where(v => v.Id == rowId)
            .Select(v => (long?)v.Value)
            .SingleOrDefault());

    private readonly WorkdeskDbContext db;
    private readonly ReferenceDataCache cache;
    private long? version;
    private bool bypassCache;

    public ReferenceData(WorkdeskDbContext db, ReferenceDataCache cache)
    {
        this.db = db;
        this.cache = cache;
        db.SavingChanges += OnSavingChanges;
    }

    /// <summary>
    /// Unsubscribes from the context, which goes back to EF Core's pool at the end of the request
    /// and serves later requests.
    /// </summary>
    public void Dispose() => db.SavingChanges -= OnSavingChanges;

    /// <summary>
    /// Returns the value cached under <paramref name="name"/> at the current version, or runs
    /// <paramref name="load"/> and caches what it returns. The value is shared between requests
    /// and threads, so callers must not change it.
    /// </summary>
    public async Task<T> GetAsync<T>(string name, Func<WorkdeskDbContext, CancellationToken, Task<T>> load, CancellationToken ct)
        where T : class
    {
        if (bypassCache)
        {
            return await load(db, ct);
        }

        version ??= await ReadVersion.RunAsync(db, ReferenceDataVersion.RowId, ct) ?? -1;
        if (version < 0)
        {
            // Without the version row no change can be detected, so every call reads the database.
            return await load(db, ct);
        }

        if (cache.TryGet<T>(name, version.Value, out var cached))
        {
            return cached;
        }

        var value = await load(db, ct);
        cache.Store(name, version.Value, value);
        return value;
    }

    // WorkdeskDbContext detects changes before this event and not again after it, so the states read here are current.
    private void OnSavingChanges(object? sender, SavingChangesEventArgs e)
    {
        var changesReference = db.ChangeTracker.Entries().Any(entry =>
            entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && ReferenceTypes.Contains(entry.Metadata.ClrType));
        if (!changesReference)
        {
            return;
        }

        version = null;
        if (db.Database.CurrentTransaction is not null)
        {
            bypassCache = true;
        }
    }
}
