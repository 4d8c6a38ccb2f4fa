using Microsoft.EntityFrameworkCore;
using Workdesk.Domain.Locations;
using Workdesk.Server.Features.Places;

namespace Workdesk.Server.Features.Import;

/// <summary>Imports locations; a parent is named by its external id and must come earlier in the file or exist already.</summary>
internal sealed class LocationRows : IRowImporter
{
    public IReadOnlyList<string> RequiredColumns => CsvColumns.Locations.Required;

    public IReadOnlyList<string> OptionalColumns => CsvColumns.Locations.Optional;

    public async Task<RowOutcome> ImportAsync(ImportRow row, ImportContext context, CancellationToken ct)
    {
        var key = row.Required("external_id", CsvColumns.MaxExternalIdLength);
        var name = row.Required("name", 200);
        var parentKey = row.Text("parent_external_id", CsvColumns.MaxExternalIdLength);
        var kind = row.Text("kind", 50);
        var code = row.Text("code", 100);
        var address = row.Text("address", 500);
        var latitude = row.Number("latitude", -90, 90);
        var longitude = row.Number("longitude", -180, 180);
        var timeZone = row.Text("time_zone", 64);
        if (timeZone.Value is { } zone && LocationService.CheckTimeZone(zone) is { } zoneError)
        {
            row.AddError(zoneError.Message);
        }

        var parent = await FindParentAsync(row, key, parentKey, context, ct);
        if (!row.IsValid)
        {
            return row.Reject();
        }

        var location = await context.Db.Locations.SingleOrDefaultAsync(l => l.ExternalId == key, ct);
        if (location is null)
        {
            location = new Location { Name = name, ParentId = parent?.Id, ExternalId = key, CreatedAt = context.Now };
            Apply(new ChangeList(), location, kind, code, address, latitude, longitude, timeZone);
            await context.Locations.AddWithPathAsync(location, parent?.Path ?? "/", ct);
            context.RememberLocation(key, new LocationRef(location.Id, location.Path));
            return RowOutcome.Imported();
        }

        var changes = new ChangeList();
        location.Name = changes.Apply("name", location.Name, name);
        Apply(changes, location, kind, code, address, latitude, longitude, timeZone);
        var newParentId = changes.Apply("parentId", location.ParentId, new Field<long?>(parentKey.Present, parent?.Id));
        if (!changes.Any)
        {
            return RowOutcome.Skipped();
        }

        if (newParentId != location.ParentId)
        {
            if (parent is { } newParent && newParent.Path.StartsWith(location.Path, StringComparison.Ordinal))
            {
                return RowOutcome.Rejected($"parent_external_id '{parentKey.Value}' is inside this location's own subtree, and a location cannot move under itself");
            }

            // Moving rewrites the paths of the whole subtree, so cached paths may be stale.
            context.ClearCache();
            if (await context.Locations.MoveAsync(location, newParentId, ct) is { } moveError)
            {
                return RowOutcome.Rejected(moveError.Message);
            }
        }

        await context.Db.SaveChangesAsync(ct);
        return RowOutcome.Updated();
    }

    private static async Task<LocationRef?> FindParentAsync(
        ImportRow row, string key, Field<string?> parentKey, ImportContext context, CancellationToken ct)
    {
        if (parentKey.Value is not { } parentExternalId)
        {
            return null;
        }

        if (string.Equals(parentExternalId, key, StringComparison.Ordinal))
        {
            row.AddError("parent_external_id is the location's own external_id, and a location cannot be its own parent");
            return null;
        }

        var parent = await context.FindLocationAsync(parentExternalId, ct);
        if (parent is null)
        {
            row.AddError($"parent_external_id '{parentExternalId}' matches no location (list each parent before its children)");
        }

        return parent;
    }

    private static void Apply(
        ChangeList changes, Location location, Field<string?> kind, Field<string?> code, Field<string?> address,
        Field<double?> latitude, Field<double?> longitude, Field<string?> timeZone)
    {
        location.Kind = changes.Apply("kind", location.Kind, kind);
        location.Code = changes.Apply("code", location.Code, code);
        location.Address = changes.Apply("address", location.Address, address);
        location.Latitude = changes.Apply("latitude", location.Latitude, latitude);
        location.Longitude = changes.Apply("longitude", location.Longitude, longitude);
        location.TimeZone = changes.Apply("timeZone", location.TimeZone, timeZone);
    }
}
