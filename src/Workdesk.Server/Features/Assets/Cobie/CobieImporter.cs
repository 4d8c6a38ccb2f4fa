using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Assets;
using Workdesk.Domain.Common;
using Workdesk.Domain.Locations;
using Workdesk.Server.Features.Places;

namespace Workdesk.Server.Features.Assets.Cobie;

/// <summary>A row that could not be used, with where it is and why.</summary>
public sealed record CobieIssue(string Sheet, int Row, string Reason);

public sealed record CobieReport(
    int LocationsCreated, int LocationsUpdated, int TypesCreated, int TypesUpdated, int AssetsCreated, int AssetsUpdated,
    int SystemsCreated, int JobsRead, IReadOnlyList<CobieIssue> Rejected);

/// <summary>
/// Imports a COBie handover spreadsheet: the facility, floors, spaces and zones become locations,
/// types become asset types, components become assets, systems become parent assets of their
/// components, and jobs are added to their type's procedure as draft maintenance tasks. Every
/// record is keyed by its COBie name, so running the import again updates instead of duplicating.
/// </summary>
public sealed class CobieImporter(WorkdeskDbContext db, LocationService locations, AssetTree tree, TimeProvider clock)
{
    private readonly List<CobieIssue> rejected = [];
    private readonly Dictionary<string, long> floors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> spaces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AssetType> types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> components = new(StringComparer.Ordinal);
    private int locationsCreated;
    private int locationsUpdated;
    private int typesCreated;
    private int typesUpdated;
    private int assetsCreated;
    private int assetsUpdated;
    private int systemsCreated;
    private int jobsRead;

    public async Task<Result<CobieReport>> ImportAsync(Stream xlsx, CancellationToken ct)
    {
        CobieWorkbook workbook;
        try
        {
            workbook = new CobieWorkbook(xlsx);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or InvalidOperationException or NotSupportedException or System.Xml.XmlException)
        {
            return Error.Invalid("file", "The file is not a COBie spreadsheet: expected an .xlsx workbook with the sheets " + string.Join(", ", CobieWorkbook.RequiredSheets) + ".");
        }

        var missing = CobieWorkbook.RequiredSheets.Where(s => !workbook.SheetNames.Contains(s, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            return Error.Invalid("file", $"The workbook lacks the COBie sheets {string.Join(", ", missing)}; it has: {string.Join(", ", workbook.SheetNames)}.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var facility = await ImportFacilityAsync(workbook, ct);
        if (facility is null)
        {
            return Error.Invalid("file", "The Facility sheet has no facility row with a name.");
        }

        await ImportFloorsAsync(workbook, facility, ct);
        await ImportSpacesAsync(workbook, facility, ct);
        await ImportZonesAsync(workbook, facility, ct);
        await ImportTypesAsync(workbook, ct);
        await ImportComponentsAsync(workbook, facility, ct);
        await ImportSystemsAsync(workbook, facility, ct);
        await ImportJobsAsync(workbook, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new CobieReport(locationsCreated, locationsUpdated, typesCreated, typesUpdated, assetsCreated, assetsUpdated, systemsCreated, jobsRead, rejected);
    }

    private async Task<Location?> ImportFacilityAsync(CobieWorkbook workbook, CancellationToken ct)
    {
        var row = workbook.Rows("Facility").FirstOrDefault(r => r.Text("Name") is not null);
        if (row is null)
        {
            return null;
        }

        var name = row.Text("Name")!;
        return await UpsertLocationAsync($"cobie:facility:{name}", name, "facility", parent: null, address: row.Text("SiteName"), ct);
    }

    private async Task ImportFloorsAsync(CobieWorkbook workbook, Location facility, CancellationToken ct)
    {
        foreach (var row in workbook.Rows("Floor"))
        {
            if (row.Text("Name") is not { } name)
            {
                Reject(row, "The floor has no Name.");
                continue;
            }

            var floor = await UpsertLocationAsync($"{Key(facility)}:floor:{name}", name, "floor", facility, null, ct);
            floors[name] = floor.Id;
        }
    }

    private async Task ImportSpacesAsync(CobieWorkbook workbook, Location facility, CancellationToken ct)
    {
        foreach (var row in workbook.Rows("Space"))
        {
            var name = row.Text("Name");
            var floorName = row.Text("FloorName");
            if (name is null || floorName is null || !floors.TryGetValue(floorName, out var floorId))
            {
                Reject(row, name is null ? "The space has no Name." : $"FloorName '{floorName}' is not a floor in the Floor sheet.");
                continue;
            }

            var description = row.Text("Description");
            var label = description is null ? name : $"{name} {description}";
            var parent = await db.Locations.SingleAsync(l => l.Id == floorId, ct);
            var space = await UpsertLocationAsync($"{Key(facility)}:space:{name}", label, "room", parent, null, ct, code: name);
            spaces[name] = space.Id;
        }
    }

    private async Task ImportZonesAsync(CobieWorkbook workbook, Location facility, CancellationToken ct)
    {
        foreach (var row in workbook.Rows("Zone"))
        {
            if (row.Text("Name") is not { } name)
            {
                Reject(row, "The zone has no Name.");
                continue;
            }

            // NOTE: a zone is stored as a location beside the floors. Which spaces it groups is not
            // stored, because a space has one place in the tree, under its floor.
            var unknown = (row.Text("SpaceNames") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(s => !spaces.ContainsKey(s)).ToList();
            if (unknown.Count > 0)
            {
                Reject(row, $"SpaceNames lists spaces that are not in the Space sheet: {string.Join(", ", unknown)}.");
                continue;
            }

            await UpsertLocationAsync($"{Key(facility)}:zone:{name}:{row.Text("SpaceNames")}", $"Zone {name}", "zone", facility, null, ct);
        }
    }

    private async Task ImportTypesAsync(CobieWorkbook workbook, CancellationToken ct)
    {
        foreach (var row in workbook.Rows("Type"))
        {
            if (row.Text("Name") is not { } name || name.Length > 200)
            {
                Reject(row, "The type has no Name, or one longer than 200 characters.");
                continue;
            }

            var externalId = $"cobie:type:{name}";
            var type = await db.AssetTypes.Include(t => t.Parts).SingleOrDefaultAsync(t => t.ExternalId == externalId || t.Name == name, ct);
            if (type is null)
            {
                type = new AssetType { Name = name, ExternalId = externalId, CreatedAt = clock.GetUtcNow() };
                db.AssetTypes.Add(type);
                typesCreated++;
            }
            else
            {
                typesUpdated++;
            }

            type.Category = Limit(row.Text("Category"), 100);
            type.Manufacturer = Limit(row.Text("Manufacturer"), 200);
            type.Model = Limit(row.Text("ModelNumber"), 200);
            types[name] = type;
        }

        await db.SaveChangesAsync(ct);
    }

    private async Task ImportComponentsAsync(CobieWorkbook workbook, Location facility, CancellationToken ct)
    {
        foreach (var row in workbook.Rows("Component"))
        {
            var name = row.Text("Name");
            var spaceName = row.Text("Space")?.Split(',', StringSplitOptions.TrimEntries)[0];
            var typeName = row.Text("TypeName");
            if (name is null || name.Length > 200)
            {
                Reject(row, "The component has no Name, or one longer than 200 characters.");
                continue;
            }

            if (spaceName is null || !spaces.TryGetValue(spaceName, out var spaceId))
            {
                Reject(row, $"Space '{spaceName}' is not a space in the Space sheet.");
                continue;
            }

            if (typeName is null || !types.TryGetValue(typeName, out var type))
            {
                Reject(row, $"TypeName '{typeName}' is not a type in the Type sheet.");
                continue;
            }

            var tag = Limit(row.Text("TagNumber"), 100) ?? Limit(name, 100)!;
            var externalId = $"{Key(facility)}:component:{name}";
            var asset = await db.Assets.SingleOrDefaultAsync(a => a.ExternalId == externalId, ct);
            if (await db.Assets.AnyAsync(a => a.Tag == tag && a.ExternalId != externalId, ct))
            {
                Reject(row, $"Tag '{tag}' already belongs to another asset.");
                continue;
            }

            var isNew = asset is null;
            asset ??= new Asset { Tag = tag, Name = name, ExternalId = externalId, CreatedAt = clock.GetUtcNow() };
            asset.Tag = tag;
            asset.Name = name;
            asset.AssetTypeId = type.Id;
            asset.Category = type.Category;
            asset.Make = type.Manufacturer;
            asset.Model = type.Model;
            asset.SerialNumber = Limit(row.Text("SerialNumber"), 100);
            asset.InstallDate = row.Date("InstallationDate");
            asset.WarrantyStart = row.Date("WarrantyStartDate");
            if (isNew)
            {
                asset.LocationId = spaceId;
                await tree.AddAsync(asset, ct);
                assetsCreated++;
            }
            else
            {
                if (asset.LocationId != spaceId)
                {
                    await tree.MoveAsync(asset, spaceId, null, clearParent: false, actorId: null, ct);
                }

                await db.SaveChangesAsync(ct);
                assetsUpdated++;
            }

            components[name] = asset.Id;
        }
    }

    private async Task ImportSystemsAsync(CobieWorkbook workbook, Location facility, CancellationToken ct)
    {
        foreach (var row in workbook.Rows("System"))
        {
            if (row.Text("Name") is not { } name || name.Length > 90)
            {
                Reject(row, "The system has no Name, or one longer than 90 characters.");
                continue;
            }

            var externalId = $"{Key(facility)}:system:{name}";
            var system = await db.Assets.SingleOrDefaultAsync(a => a.ExternalId == externalId, ct);
            if (system is null)
            {
                system = new Asset { Tag = "SYS " + name, Name = name, Category = Limit(row.Text("Category"), 100), ExternalId = externalId, LocationId = facility.Id, CreatedAt = clock.GetUtcNow() };
                await tree.AddAsync(system, ct);
                systemsCreated++;
            }

            foreach (var componentName in (row.Text("ComponentNames") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!components.TryGetValue(componentName, out var componentId))
                {
                    Reject(row, $"ComponentNames lists '{componentName}', which is not in the Component sheet.");
                    continue;
                }

                var component = await db.Assets.SingleAsync(a => a.Id == componentId, ct);
                if (component.ParentId != system.Id)
                {
                    await tree.MoveAsync(component, null, system.Id, clearParent: false, actorId: null, ct);
                    await db.SaveChangesAsync(ct);
                }
            }
        }
    }

    private async Task ImportJobsAsync(CobieWorkbook workbook, CancellationToken ct)
    {
        foreach (var row in workbook.Rows("Job"))
        {
            var name = row.Text("Name");
            var typeName = row.Text("TypeName");
            if (name is null || typeName is null || !types.TryGetValue(typeName, out var type))
            {
                Reject(row, name is null ? "The job has no Name." : $"TypeName '{typeName}' is not a type in the Type sheet.");
                continue;
            }

            var frequency = row.Text("Frequency") is { } every ? $" (every {every} {row.Text("FrequencyUnit")})" : "";
            var task = $"- {name}: {row.Text("Description")}{frequency}";
            if (type.DefaultProcedure?.Contains(task, StringComparison.Ordinal) != true)
            {
                type.DefaultProcedure = string.IsNullOrEmpty(type.DefaultProcedure) ? task : type.DefaultProcedure + "\n" + task;
            }

            jobsRead++;
        }

        await db.SaveChangesAsync(ct);
    }

    private async Task<Location> UpsertLocationAsync(
        string externalId, string name, string kind, Location? parent, string? address, CancellationToken ct, string? code = null)
    {
        var trimmed = Limit(name, 200)!;
        var location = await db.Locations.SingleOrDefaultAsync(l => l.ExternalId == externalId, ct);
        if (location is null)
        {
            location = new Location { Name = trimmed, Kind = kind, Code = code, Address = address, ParentId = parent?.Id, ExternalId = externalId, CreatedAt = clock.GetUtcNow() };
            await locations.AddWithPathAsync(location, parent?.Path ?? "/", ct);
            locationsCreated++;
            return location;
        }

        location.Name = trimmed;
        location.Kind = kind;
        location.Code = code ?? location.Code;
        location.Address = address ?? location.Address;
        if (location.ParentId != parent?.Id)
        {
            await locations.MoveAsync(location, parent?.Id, ct);
        }

        await db.SaveChangesAsync(ct);
        locationsUpdated++;
        return location;
    }

    private void Reject(CobieRow row, string reason) => rejected.Add(new CobieIssue(row.Sheet, row.Number, reason));

    private static string Key(Location facility) => facility.ExternalId!;

    private static string? Limit(string? text, int length)
    {
        if (text is null || text.Length <= length)
        {
            return text;
        }

        return text[..length];
    }
}
