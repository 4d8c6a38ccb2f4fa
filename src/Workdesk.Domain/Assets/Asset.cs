using Workdesk.Domain.Locations;

namespace Workdesk.Domain.Assets;

/// <summary>Equipment that work is done on, placed at a location and possibly inside a parent asset.</summary>
public sealed class Asset : Common.IVersioned
{
    public long Id { get; set; }

    /// <summary>The label on the equipment; unique across the system.</summary>
    public required string Tag { get; set; }

    public required string Name { get; set; }

    public string? Category { get; set; }

    public long? LocationId { get; set; }

    public Location? Location { get; set; }

    public long? ParentId { get; set; }

    public Asset? Parent { get; set; }

    public string? Make { get; set; }

    public string? Model { get; set; }

    public string? SerialNumber { get; set; }

    public string? ExternalId { get; set; }

    /// <summary>Random key in the asset's public request link and QR code; unique.</summary>
    public string RequestKey { get; set; } = Common.RequestKeys.New();

    public DateTimeOffset CreatedAt { get; set; }

    public int Version { get; set; }
}
