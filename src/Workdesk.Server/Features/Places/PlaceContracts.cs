namespace Workdesk.Server.Features.Places;

public sealed record LocationResponse(
    long Id, long? ParentId, string Name, string? Code, string Path, string? Address,
    double? Latitude, double? Longitude, string? TimeZone, string? ExternalId, string RequestKey, int Version)
{
    /// <summary>The public link that opens the request form for this place, relative to the server.</summary>
    public string RequestUrl => "/r/" + RequestKey;
}

public sealed record CreateLocationRequest(
    string Name, long? ParentId = null, string? Code = null, string? Address = null,
    double? Latitude = null, double? Longitude = null, string? TimeZone = null, string? ExternalId = null);

/// <summary>Changed location fields; a field left out stays as it is. A new parent moves the whole subtree.</summary>
public sealed record UpdateLocationRequest(
    string? Name = null, long? ParentId = null, bool MoveToRoot = false, string? Code = null, string? Address = null,
    double? Latitude = null, double? Longitude = null, string? TimeZone = null);

public sealed record AssetResponse(
    long Id, string Tag, string Name, string? Category, long? LocationId, long? ParentId,
    string? Make, string? Model, string? SerialNumber, string? ExternalId, string RequestKey, int Version)
{
    /// <summary>The public link that opens the request form for this asset, relative to the server.</summary>
    public string RequestUrl => "/r/" + RequestKey;
}

public sealed record CreateAssetRequest(
    string Tag, string Name, string? Category = null, long? LocationId = null, long? ParentId = null,
    string? Make = null, string? Model = null, string? SerialNumber = null, string? ExternalId = null);

/// <summary>Changed asset fields; a field left out stays as it is.</summary>
public sealed record UpdateAssetRequest(
    string? Tag = null, string? Name = null, string? Category = null, long? LocationId = null, long? ParentId = null,
    string? Make = null, string? Model = null, string? SerialNumber = null);
