using Workdesk.Domain.Assets;

namespace Workdesk.Server.Features.Places;

public sealed record LocationResponse(
    long Id, long? ParentId, string Name, string? Code, string Path, string? Address,
    double? Latitude, double? Longitude, string? TimeZone, string? ExternalId, string RequestKey, int Version, long? ManagerId = null)
{
    /// <summary>The public link that opens the request form for this place, relative to the server.</summary>
    public string RequestUrl => "/r/" + RequestKey;
}

public sealed record CreateLocationRequest(
    string Name, long? ParentId = null, string? Code = null, string? Address = null,
    double? Latitude = null, double? Longitude = null, string? TimeZone = null, string? ExternalId = null, long? ManagerId = null);

/// <summary>Changed location fields; a field left out stays as it is. A new parent moves the whole subtree.</summary>
public sealed record UpdateLocationRequest(
    string? Name = null, long? ParentId = null, bool MoveToRoot = false, string? Code = null, string? Address = null,
    double? Latitude = null, double? Longitude = null, string? TimeZone = null, long? ManagerId = null);

public sealed record AssetResponse(
    long Id, string Tag, string Name, string? Category, long? AssetTypeId, long? TeamId, long? LocationId, long? ParentId, string Path,
    int Criticality, AssetStatus Status, string? Make, string? Model, string? SerialNumber,
    DateOnly? InstallDate, DateOnly? WarrantyStart, DateOnly? WarrantyEnd, decimal? PurchaseCost, string? Currency,
    int? ExpectedLifeYears, DepreciationState? Depreciation, IReadOnlyDictionary<string, string>? CustomFields,
    string? ExternalId, string RequestKey, int Version)
{
    /// <summary>The public link that opens the request form for this asset, relative to the server.</summary>
    public string RequestUrl => "/r/" + RequestKey;
}

/// <summary>A new asset. Tag and name are required.</summary>
public sealed record CreateAssetRequest(
    string Tag, string Name, string? Category = null, long? AssetTypeId = null, long? LocationId = null, long? ParentId = null,
    int? Criticality = null, string? Make = null, string? Model = null, string? SerialNumber = null,
    DateOnly? InstallDate = null, DateOnly? WarrantyStart = null, DateOnly? WarrantyEnd = null,
    decimal? PurchaseCost = null, string? Currency = null, int? ExpectedLifeYears = null,
    IReadOnlyDictionary<string, string>? CustomFields = null, string? ExternalId = null, long? TeamId = null);

/// <summary>
/// Changed asset fields; a field left out stays as it is. A new locationId or parentId moves the
/// asset with its descendants and records the move.
/// </summary>
public sealed record UpdateAssetRequest(
    string? Tag = null, string? Name = null, string? Category = null, long? AssetTypeId = null, long? LocationId = null, long? ParentId = null,
    int? Criticality = null, string? Make = null, string? Model = null, string? SerialNumber = null,
    DateOnly? InstallDate = null, DateOnly? WarrantyStart = null, DateOnly? WarrantyEnd = null,
    decimal? PurchaseCost = null, string? Currency = null, int? ExpectedLifeYears = null,
    IReadOnlyDictionary<string, string>? CustomFields = null, long? TeamId = null);
