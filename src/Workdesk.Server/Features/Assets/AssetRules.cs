using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Assets;
using Workdesk.Domain.Common;
using Workdesk.Server.Features.Places;

namespace Workdesk.Server.Features.Assets;

/// <summary>Checks of asset fields shared by create, update and import, and the mapping to the API shape.</summary>
public static class AssetRules
{
    public static Error? CheckText(string? value, string field, int maxLength, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? Error.Invalid(field, $"{field} is required.") : null;
        }

        return value.Trim().Length > maxLength ? Error.Invalid(field, $"{field} must be at most {maxLength} characters.") : null;
    }

    public static Error? CheckDetails(
        int? criticality, decimal? purchaseCost, string? currency, int? expectedLifeYears, DateOnly? warrantyStart, DateOnly? warrantyEnd)
    {
        if (criticality is < 1 or > 5)
        {
            return Error.Invalid("criticality", $"criticality must be from 1 (low) to 5 (critical); got {criticality}.");
        }

        if (purchaseCost is < 0)
        {
            return Error.Invalid("purchaseCost", "purchaseCost cannot be negative.");
        }

        if (currency is not null && (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)))
        {
            return Error.Invalid("currency", $"currency must be a three-letter ISO 4217 code in capitals, such as EUR or USD; got '{currency}'.");
        }

        if (purchaseCost is not null && currency is null)
        {
            return Error.Invalid("currency", "Give the currency of purchaseCost, such as EUR.");
        }

        if (expectedLifeYears is < 1 or > 200)
        {
            return Error.Invalid("expectedLifeYears", "expectedLifeYears must be between 1 and 200.");
        }

        return warrantyStart is { } start && warrantyEnd is { } end && end < start
            ? Error.Invalid("warrantyEnd", $"warrantyEnd {end:yyyy-MM-dd} is before warrantyStart {start:yyyy-MM-dd}.")
            : null;
    }

    /// <summary>Checks that the type exists and that every custom field is one the type defines.</summary>
    public static async Task<Error?> CheckTypeAndFieldsAsync(
        WorkdeskDbContext db, long? assetTypeId, IReadOnlyDictionary<string, string>? customFields, CancellationToken ct)
    {
        string? names = null;
        if (assetTypeId is { } typeId)
        {
            var type = await db.AssetTypes.Where(t => t.Id == typeId).Select(t => new { t.CustomFieldNames }).SingleOrDefaultAsync(ct);
            if (type is null)
            {
                return Error.Invalid("assetTypeId", $"Asset type {typeId} does not exist.");
            }

            names = type.CustomFieldNames;
        }

        if (customFields is null || customFields.Count == 0)
        {
            return null;
        }

        var allowed = names is null ? [] : JsonSerializer.Deserialize<List<string>>(names) ?? [];
        var unknown = customFields.Keys.Where(k => !allowed.Contains(k, StringComparer.Ordinal)).ToList();
        return unknown.Count == 0
            ? null
            : Error.Invalid("customFields", $"These custom fields are not defined by the asset's type: {string.Join(", ", unknown)}. The type defines: {(allowed.Count == 0 ? "none" : string.Join(", ", allowed))}.");
    }

    public static string? SerializeFields(IReadOnlyDictionary<string, string>? fields) =>
        fields is null || fields.Count == 0 ? null : JsonSerializer.Serialize(fields);

    public static AssetResponse ToResponse(Asset a, DateOnly today) => new(
        a.Id, a.Tag, a.Name, a.Category, a.AssetTypeId, a.TeamId, a.LocationId, a.ParentId, a.Path, a.Criticality, a.Status,
        a.Make, a.Model, a.SerialNumber, a.InstallDate, a.WarrantyStart, a.WarrantyEnd, a.PurchaseCost, a.Currency,
        a.ExpectedLifeYears, Depreciation.StraightLine(a.PurchaseCost, a.InstallDate, a.ExpectedLifeYears, today),
        a.CustomFields is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(a.CustomFields),
        a.ExternalId, a.RequestKey, a.Version);
}
