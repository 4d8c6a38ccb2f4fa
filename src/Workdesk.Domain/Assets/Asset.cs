using Workdesk.Domain.Locations;

namespace Workdesk.Domain.Assets;

public enum AssetStatus
{
    InService,

    /// <summary>Out of order; the time until it is back in service is recorded as downtime.</summary>
    Down,
    Standby,

    /// <summary>Taken out of use for good; kept for its history.</summary>
    Retired,
}

/// <summary>Equipment that work is done on, placed at a location and possibly inside a parent asset.</summary>
public sealed class Asset : Common.IVersioned
{
    public long Id { get; set; }

    /// <summary>The label on the equipment; unique across the system.</summary>
    public required string Tag { get; set; }

    public required string Name { get; set; }

    public string? Category { get; set; }

    public long? AssetTypeId { get; set; }

    /// <summary>The team that maintains the asset.</summary>
    public long? TeamId { get; set; }

    public long? LocationId { get; set; }

    public Location? Location { get; set; }

    public long? ParentId { get; set; }

    public Asset? Parent { get; set; }

    /// <summary>
    /// Materialized path of the asset's ancestors and itself, such as "/3/17/", in the asset tree;
    /// the same range rule as <see cref="Location.SubtreeRange"/> selects a subtree.
    /// </summary>
    public string Path { get; set; } = "/";

    /// <summary>How much the operation depends on it, from 1 (low) to 5 (critical).</summary>
    public int Criticality { get; set; } = 3;

    public AssetStatus Status { get; set; } = AssetStatus.InService;

    public string? Make { get; set; }

    public string? Model { get; set; }

    public string? SerialNumber { get; set; }

    public DateOnly? InstallDate { get; set; }

    public DateOnly? WarrantyStart { get; set; }

    public DateOnly? WarrantyEnd { get; set; }

    public decimal? PurchaseCost { get; set; }

    /// <summary>ISO 4217 code of <see cref="PurchaseCost"/>, such as "EUR".</summary>
    public string? Currency { get; set; }

    public int? ExpectedLifeYears { get; set; }

    /// <summary>Values of the custom fields that the asset's type defines, as a JSON object.</summary>
    public string? CustomFields { get; set; }

    public string? ExternalId { get; set; }

    /// <summary>Random key in the asset's public request link and QR code; unique.</summary>
    public string RequestKey { get; set; } = Common.RequestKeys.New();

    public DateTimeOffset CreatedAt { get; set; }

    public int Version { get; set; }
}

/// <summary>A kind of equipment, such as "infusion pump model X": shared documents, procedure, custom fields and spare parts.</summary>
public sealed class AssetType : Common.IVersioned
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public string? Category { get; set; }

    public string? Manufacturer { get; set; }

    public string? Model { get; set; }

    /// <summary>The maintenance procedure that assets of this type follow by default, as text.</summary>
    public string? DefaultProcedure { get; set; }

    /// <summary>Names of the custom fields that assets of this type carry, as a JSON array of strings.</summary>
    public string? CustomFieldNames { get; set; }

    public string? ExternalId { get; set; }

    public List<AssetTypePart> Parts { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public int Version { get; set; }
}

/// <summary>A spare part that fits assets of a type: one line of the type's bill of materials.</summary>
public sealed class AssetTypePart
{
    public long Id { get; set; }

    public long AssetTypeId { get; set; }

    public required string PartNumber { get; set; }

    public required string Name { get; set; }

    public decimal Quantity { get; set; } = 1;
}

/// <summary>One move of an asset: who moved it, when, and from which location and parent to which.</summary>
public sealed class AssetMove
{
    public long Id { get; set; }

    public long AssetId { get; set; }

    public DateTimeOffset At { get; set; }

    public long? ActorId { get; set; }

    public long? FromLocationId { get; set; }

    public long? ToLocationId { get; set; }

    public long? FromParentId { get; set; }

    public long? ToParentId { get; set; }

    /// <summary>The asset that was moved directly when this asset moved along as its descendant.</summary>
    public long? MovedWithAssetId { get; set; }
}

/// <summary>A period in which an asset was down; open while <see cref="EndedAt"/> is null.</summary>
public sealed class AssetDowntime
{
    public long Id { get; set; }

    public long AssetId { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public string? Reason { get; set; }
}
