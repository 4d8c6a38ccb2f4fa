using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workdesk.Domain.Assets;
using Workdesk.Server.Features.Assets;

namespace Workdesk.Server.Features.Import;

/// <summary>
/// Imports assets. Location and parent asset are named by external id, the asset type by its
/// unique name, and all of them must exist. New assets and moves go through <see cref="AssetTree"/>,
/// which keeps the asset paths right and records each move.
/// </summary>
internal sealed class AssetRows(AssetTree tree) : IRowImporter
{
    private static readonly string StatusList = string.Join(", ", Enum.GetValues<AssetStatus>().Select(StatusName));

    public IReadOnlyList<string> RequiredColumns => CsvColumns.Assets.Required;

    public IReadOnlyList<string> OptionalColumns => CsvColumns.Assets.Optional;

    /// <summary>Returns the name the API and CSV files use for a status, such as "in_service".</summary>
    public static string StatusName(AssetStatus status) => JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());

    public async Task<RowOutcome> ImportAsync(ImportRow row, ImportContext context, CancellationToken ct)
    {
        var key = row.Required("external_id", CsvColumns.MaxExternalIdLength);
        var values = await ReadAsync(row, key, context, ct);
        if (!row.IsValid)
        {
            return row.Reject();
        }

        var db = context.Db;
        var asset = await db.Assets.SingleOrDefaultAsync(a => a.ExternalId == key, ct);
        var tagOwner = await db.Assets.Where(a => a.Tag == values.Tag).Select(a => new { a.Id, a.ExternalId }).SingleOrDefaultAsync(ct);
        if (tagOwner is not null && tagOwner.Id != asset?.Id)
        {
            return RowOutcome.Rejected($"tag '{values.Tag}' already belongs to asset {tagOwner.Id} (external id '{tagOwner.ExternalId}'), and tags are unique");
        }

        if (asset is null)
        {
            await CreateAsync(key, values, context, ct);
            return RowOutcome.Imported();
        }

        var changes = new ChangeList();
        asset.Tag = changes.Apply("tag", asset.Tag, values.Tag);
        asset.Name = changes.Apply("name", asset.Name, values.Name);
        Apply(changes, asset, values);
        var newLocationId = changes.Apply("locationId", asset.LocationId, values.LocationId);
        var newParentId = changes.Apply("parentId", asset.ParentId, values.ParentId);
        var newStatus = changes.Apply("status", asset.Status, RequestRows.Required(values.Status, asset.Status));
        if (!changes.Any)
        {
            return RowOutcome.Skipped();
        }

        if (asset.Status == AssetStatus.Retired && newStatus != AssetStatus.Retired)
        {
            return RowOutcome.Rejected($"status '{StatusName(newStatus)}' would return asset {asset.Id} to use, but a retired asset does not return to service");
        }

        if (newLocationId != asset.LocationId || newParentId != asset.ParentId)
        {
            var moveError = await tree.MoveAsync(asset, newLocationId, newParentId, clearParent: newParentId is null, context.ActorId, ct);
            if (moveError is not null)
            {
                return RowOutcome.Rejected($"parent_external_id or location_external_id: {moveError.Message}");
            }

            // A move into a parent asset puts the asset at the parent's location, but the file's location wins.
            asset.LocationId = newLocationId;
        }

        await ChangeStatusAsync(asset, newStatus, context, ct);
        await db.SaveChangesAsync(ct);
        return RowOutcome.Updated();
    }

    /// <summary>Changes the status as the status endpoint does: going down starts a downtime period and coming back ends it.</summary>
    private static async Task ChangeStatusAsync(Asset asset, AssetStatus status, ImportContext context, CancellationToken ct)
    {
        if (status == asset.Status)
        {
            return;
        }

        if (status == AssetStatus.Down)
        {
            context.Db.AssetDowntimes.Add(new AssetDowntime { AssetId = asset.Id, StartedAt = context.Now });
        }
        else if (asset.Status == AssetStatus.Down)
        {
            await context.Db.AssetDowntimes.Where(d => d.AssetId == asset.Id && d.EndedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.EndedAt, context.Now), ct);
        }

        context.Record("asset", asset.Id, context.Now, "status_changed", "status", asset.Status.ToString(), status.ToString());
        asset.Status = status;
    }

    private async Task CreateAsync(string key, Values values, ImportContext context, CancellationToken ct)
    {
        var asset = new Asset
        {
            Tag = values.Tag,
            Name = values.Name,
            ExternalId = key,
            LocationId = values.LocationId.Value,
            ParentId = values.ParentId.Value,
            Status = values.Status.Value ?? AssetStatus.InService,
            CreatedAt = context.Now,
        };
        Apply(new ChangeList(), asset, values);
        if (!values.LocationId.Present && asset.ParentId is { } parentId)
        {
            // Without a location column, a new asset is placed at its parent asset's location, as in the API.
            asset.LocationId = await context.Db.Assets.Where(a => a.Id == parentId).Select(a => a.LocationId).SingleAsync(ct);
        }

        await tree.AddAsync(asset, ct);
        if (asset.Status == AssetStatus.Down)
        {
            context.Db.AssetDowntimes.Add(new AssetDowntime { AssetId = asset.Id, StartedAt = context.Now });
            await context.Db.SaveChangesAsync(ct);
        }
    }

    private sealed record Values(
        string Tag, string Name, Field<string?> Category, Field<long?> AssetTypeId, Field<long?> LocationId, Field<long?> ParentId,
        Field<AssetStatus?> Status, Field<int?> Criticality, Field<string?> Make, Field<string?> Model, Field<string?> SerialNumber,
        Field<DateOnly?> InstallDate, Field<DateOnly?> WarrantyStart, Field<DateOnly?> WarrantyEnd,
        Field<decimal?> PurchaseCost, Field<string?> Currency, Field<int?> ExpectedLifeYears);

    private static async Task<Values> ReadAsync(ImportRow row, string key, ImportContext context, CancellationToken ct)
    {
        var values = new Values(
            row.Required("tag", 100),
            row.Required("name", 200),
            row.Text("category", 100),
            await FindTypeAsync(row, context, ct),
            await RowReferences.LocationAsync(row, "location_external_id", context, ct),
            await FindParentAsync(row, key, context, ct),
            row.Choice("status", ParseStatus, StatusList),
            row.Integer("criticality", 1, 5),
            row.Text("make", 100),
            row.Text("model", 100),
            row.Text("serial_number", 100),
            row.Day("install_date"),
            row.Day("warranty_start"),
            row.Day("warranty_end"),
            row.Amount("purchase_cost"),
            row.Text("currency", 3),
            row.Integer("expected_life_years", 1, 200));
        if (row.IsValid && AssetRules.CheckDetails(values.Criticality.Value, values.PurchaseCost.Value, values.Currency.Value,
                values.ExpectedLifeYears.Value, values.WarrantyStart.Value, values.WarrantyEnd.Value) is { } detailError)
        {
            row.AddError(detailError.Message.TrimEnd('.'));
        }

        return values;
    }

    private static AssetStatus? ParseStatus(string text) =>
        Enum.GetValues<AssetStatus>().Cast<AssetStatus?>()
            .FirstOrDefault(s => string.Equals(StatusName(s!.Value), text, StringComparison.OrdinalIgnoreCase));

    private static async Task<Field<long?>> FindTypeAsync(ImportRow row, ImportContext context, CancellationToken ct)
    {
        var name = row.Text("asset_type", 200);
        if (name.Value is not { } typeName)
        {
            return new(name.Present, null);
        }

        var typeId = await context.Db.AssetTypes.Where(t => t.Name == typeName).Select(t => (long?)t.Id).SingleOrDefaultAsync(ct);
        if (typeId is null)
        {
            row.AddError($"asset_type {CsvValues.Quote(typeName)} matches no asset type (create the type first)");
        }

        return new(true, typeId);
    }

    private static async Task<Field<long?>> FindParentAsync(ImportRow row, string key, ImportContext context, CancellationToken ct)
    {
        var parentKey = row.Text("parent_external_id", CsvColumns.MaxExternalIdLength);
        if (parentKey.Value is not { } parentExternalId)
        {
            return new(parentKey.Present, null);
        }

        if (string.Equals(parentExternalId, key, StringComparison.Ordinal))
        {
            row.AddError("parent_external_id is the asset's own external_id, and an asset cannot be its own parent");
            return new(true, null);
        }

        var parentId = await context.FindAssetIdAsync(parentExternalId, ct);
        if (parentId is null)
        {
            row.AddError($"parent_external_id {CsvValues.Quote(parentExternalId)} matches no asset (list each parent before the assets inside it)");
        }

        return new(true, parentId);
    }

    /// <summary>Sets the fields that need no other record moved, and notes what changed.</summary>
    private static void Apply(ChangeList changes, Asset asset, Values values)
    {
        asset.Category = changes.Apply("category", asset.Category, values.Category);
        asset.AssetTypeId = changes.Apply("assetTypeId", asset.AssetTypeId, values.AssetTypeId);
        asset.Criticality = changes.Apply("criticality", asset.Criticality, RequestRows.Required(values.Criticality, asset.Criticality));
        asset.Make = changes.Apply("make", asset.Make, values.Make);
        asset.Model = changes.Apply("model", asset.Model, values.Model);
        asset.SerialNumber = changes.Apply("serialNumber", asset.SerialNumber, values.SerialNumber);
        asset.InstallDate = changes.Apply("installDate", asset.InstallDate, values.InstallDate);
        asset.WarrantyStart = changes.Apply("warrantyStart", asset.WarrantyStart, values.WarrantyStart);
        asset.WarrantyEnd = changes.Apply("warrantyEnd", asset.WarrantyEnd, values.WarrantyEnd);
        asset.PurchaseCost = changes.Apply("purchaseCost", asset.PurchaseCost, values.PurchaseCost);
        asset.Currency = changes.Apply("currency", asset.Currency, values.Currency);
        asset.ExpectedLifeYears = changes.Apply("expectedLifeYears", asset.ExpectedLifeYears, values.ExpectedLifeYears);
    }
}
