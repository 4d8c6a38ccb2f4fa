using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workdesk.Domain.Assets;
using Workdesk.Domain.Locations;

namespace Workdesk.Data.Configuration;

internal sealed class LocationConfiguration : IEntityTypeConfiguration<Location>
{
    public void Configure(EntityTypeBuilder<Location> builder)
    {
        builder.Property(l => l.Name).HasMaxLength(200);
        builder.Property(l => l.Code).HasMaxLength(100);
        builder.Property(l => l.Kind).HasMaxLength(50);
        builder.HasOne<Domain.ServiceLevels.CalendarDefinition>().WithMany().HasForeignKey(l => l.CalendarId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(l => l.Path).HasMaxLength(1000);
        builder.Property(l => l.Address).HasMaxLength(500);
        builder.Property(l => l.TimeZone).HasMaxLength(64);
        builder.Property(l => l.ExternalId).HasMaxLength(200);
        builder.HasOne<Domain.People.User>().WithMany().HasForeignKey(l => l.ManagerId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(l => l.Version).IsConcurrencyToken();

        builder.HasOne(l => l.Parent).WithMany().HasForeignKey(l => l.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => l.Path);
        builder.HasIndex(l => new { l.ParentId, l.Name });
        builder.HasIndex(l => l.ExternalId).IsUnique();
        builder.Property(l => l.RequestKey).HasMaxLength(32);
        builder.HasIndex(l => l.RequestKey).IsUnique();
    }
}

internal sealed class AssetConfiguration : IEntityTypeConfiguration<Asset>
{
    public void Configure(EntityTypeBuilder<Asset> builder)
    {
        builder.Property(a => a.Tag).HasMaxLength(100);
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.Property(a => a.Category).HasMaxLength(100);
        builder.Property(a => a.Make).HasMaxLength(100);
        builder.Property(a => a.Model).HasMaxLength(100);
        builder.Property(a => a.SerialNumber).HasMaxLength(100);
        builder.Property(a => a.ExternalId).HasMaxLength(200);
        builder.Property(a => a.Version).IsConcurrencyToken();

        builder.HasOne(a => a.Location).WithMany().HasForeignKey(a => a.LocationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Parent).WithMany().HasForeignKey(a => a.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.Tag).IsUnique();
        builder.HasIndex(a => a.LocationId);
        builder.HasIndex(a => a.ExternalId).IsUnique();
        // Bulk loaders that bypass EF Core may leave the path out; startup fills such empty paths in.
        builder.Property(a => a.Path).HasMaxLength(1000).HasDefaultValue("");
        builder.HasIndex(a => a.Path);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20).HasDefaultValue(AssetStatus.InService);
        builder.Property(a => a.Criticality).HasDefaultValue(3);
        builder.HasIndex(a => new { a.Status, a.Criticality });
        builder.HasIndex(a => a.WarrantyEnd);
        builder.Property(a => a.PurchaseCost).HasPrecision(18, 2);
        builder.Property(a => a.Currency).HasMaxLength(3);
        builder.Property(a => a.CustomFields).HasMaxLength(10_000);
        builder.HasOne<AssetType>().WithMany().HasForeignKey(a => a.AssetTypeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.AssetTypeId);
        builder.HasOne<Domain.People.Team>().WithMany().HasForeignKey(a => a.TeamId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(a => a.TeamId);
        builder.Property(a => a.RequestKey).HasMaxLength(32);
        builder.HasIndex(a => a.RequestKey).IsUnique();
    }
}

internal sealed class AssetTypeConfiguration : IEntityTypeConfiguration<AssetType>
{
    public void Configure(EntityTypeBuilder<AssetType> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.Category).HasMaxLength(100);
        builder.Property(t => t.Manufacturer).HasMaxLength(200);
        builder.Property(t => t.Model).HasMaxLength(200);
        builder.Property(t => t.DefaultProcedure).HasMaxLength(20_000);
        builder.Property(t => t.CustomFieldNames).HasMaxLength(4000);
        builder.Property(t => t.ExternalId).HasMaxLength(200);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.HasIndex(t => t.Name).IsUnique();
        builder.HasIndex(t => t.ExternalId).IsUnique();
        builder.HasMany(t => t.Parts).WithOne().HasForeignKey(p => p.AssetTypeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AssetTypePartConfiguration : IEntityTypeConfiguration<AssetTypePart>
{
    public void Configure(EntityTypeBuilder<AssetTypePart> builder)
    {
        builder.Property(p => p.PartNumber).HasMaxLength(100);
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Quantity).HasPrecision(18, 3);
        builder.HasIndex(p => new { p.AssetTypeId, p.PartNumber }).IsUnique();
    }
}

internal sealed class AssetMoveConfiguration : IEntityTypeConfiguration<AssetMove>
{
    public void Configure(EntityTypeBuilder<AssetMove> builder)
    {
        builder.HasOne<Asset>().WithMany().HasForeignKey(m => m.AssetId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.AssetId, m.At });
    }
}

internal sealed class AssetDowntimeConfiguration : IEntityTypeConfiguration<AssetDowntime>
{
    public void Configure(EntityTypeBuilder<AssetDowntime> builder)
    {
        builder.Property(d => d.Reason).HasMaxLength(2000);
        builder.HasOne<Asset>().WithMany().HasForeignKey(d => d.AssetId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.AssetId, d.StartedAt });
    }
}
