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
        builder.Property(l => l.Path).HasMaxLength(1000);
        builder.Property(l => l.Address).HasMaxLength(500);
        builder.Property(l => l.TimeZone).HasMaxLength(64);
        builder.Property(l => l.ExternalId).HasMaxLength(200);
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
        builder.Property(a => a.RequestKey).HasMaxLength(32);
        builder.HasIndex(a => a.RequestKey).IsUnique();
    }
}
