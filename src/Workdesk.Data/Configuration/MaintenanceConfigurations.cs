using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workdesk.Domain.Assets;
using Workdesk.Domain.Maintenance;
using Workdesk.Domain.People;
using Workdesk.Domain.WorkOrders;

namespace Workdesk.Data.Configuration;

internal sealed class MeterConfiguration : IEntityTypeConfiguration<Meter>
{
    public void Configure(EntityTypeBuilder<Meter> builder)
    {
        builder.Property(m => m.Name).HasMaxLength(100);
        builder.Property(m => m.NameKey).HasMaxLength(100);
        builder.Property(m => m.Unit).HasMaxLength(20);
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.IsCumulative).HasDefaultValue(false);
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.HasOne<Asset>().WithMany().HasForeignKey(m => m.AssetId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.AssetId, m.NameKey }).IsUnique();
    }
}

internal sealed class MeterReadingConfiguration : IEntityTypeConfiguration<MeterReading>
{
    public void Configure(EntityTypeBuilder<MeterReading> builder)
    {
        builder.Property(r => r.Source).HasConversion<string>().HasMaxLength(20).HasDefaultValue(ReadingSource.Manual);
        builder.Property(r => r.IsReset).HasDefaultValue(false);
        builder.HasOne<Meter>().WithMany().HasForeignKey(r => r.MeterId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(r => r.RecordedById).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<SensorToken>().WithMany().HasForeignKey(r => r.SensorTokenId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(r => new { r.MeterId, r.TakenAt });
    }
}

internal sealed class SensorTokenConfiguration : IEntityTypeConfiguration<SensorToken>
{
    public void Configure(EntityTypeBuilder<SensorToken> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.Property(t => t.Prefix).HasMaxLength(16);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasOne<Asset>().WithMany().HasForeignKey(t => t.AssetId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(t => t.CreatedById).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class MaintenanceScheduleConfiguration : IEntityTypeConfiguration<MaintenanceSchedule>
{
    public void Configure(EntityTypeBuilder<MaintenanceSchedule> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.Type).HasMaxLength(50).HasDefaultValue(WorkOrderTypes.Preventive);
        builder.Property(s => s.Instructions).HasMaxLength(20_000);
        builder.Property(s => s.Priority).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.LeadTimeDays).HasDefaultValue(0);
        builder.Property(s => s.SelectionCategory).HasMaxLength(100);
        builder.Property(s => s.Trigger).HasConversion<string>().HasMaxLength(20).HasDefaultValue(ScheduleTrigger.Calendar);
        builder.Property(s => s.TimeZone).HasMaxLength(64);

        // A wall-clock time has no offset, which PostgreSQL's timestamptz would demand, so both
        // providers store it as ISO 8601 text such as "2026-03-02T09:00:00".
        builder.Property(s => s.StartsAt).HasMaxLength(19).HasConversion(
            local => local.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            text => DateTime.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None));
        builder.Property(s => s.Rule).HasMaxLength(500);
        builder.Property(s => s.IntervalUnit).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.MeterName).HasMaxLength(100);
        builder.Property(s => s.Direction).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.CatchUp).HasConversion<string>().HasMaxLength(20).HasDefaultValue(CatchUpPolicy.All);
        builder.Property(s => s.WaitForPrevious).HasDefaultValue(false);
        builder.Property(s => s.ManufacturerInterval).HasMaxLength(500);
        builder.Property(s => s.DeviationJustification).HasMaxLength(4000);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.AssigneeUserId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Team>().WithMany().HasForeignKey(s => s.TeamId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<AssetType>().WithMany().HasForeignKey(s => s.SelectionAssetTypeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Domain.Locations.Location>().WithMany().HasForeignKey(s => s.SelectionLocationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.DeviationApprovedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.CreatedById).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(s => s.Assets).WithOne().HasForeignKey(a => a.ScheduleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.TeamId);
        builder.HasIndex(s => s.AssigneeUserId);
    }
}

internal sealed class ScheduleAssetConfiguration : IEntityTypeConfiguration<ScheduleAsset>
{
    public void Configure(EntityTypeBuilder<ScheduleAsset> builder)
    {
        builder.HasKey(a => new { a.ScheduleId, a.AssetId });
        builder.HasOne<Asset>().WithMany().HasForeignKey(a => a.AssetId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.AssetId);
    }
}

internal sealed class ScheduleOccurrenceConfiguration : IEntityTypeConfiguration<ScheduleOccurrence>
{
    public void Configure(EntityTypeBuilder<ScheduleOccurrence> builder)
    {
        builder.Property(o => o.Key).HasMaxLength(100);
        builder.Property(o => o.State).HasConversion<string>().HasMaxLength(20).HasDefaultValue(OccurrenceState.Created);
        builder.HasOne<MaintenanceSchedule>().WithMany().HasForeignKey(o => o.ScheduleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Asset>().WithMany().HasForeignKey(o => o.AssetId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<WorkOrder>().WithMany().HasForeignKey(o => o.WorkOrderId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<MeterReading>().WithMany().HasForeignKey(o => o.TriggerReadingId).OnDelete(DeleteBehavior.SetNull);

        // The guard against duplicate work: a second insert of the same occurrence, from a re-run
        // or from another node, fails here and is skipped.
        builder.HasIndex(o => new { o.ScheduleId, o.AssetId, o.Key }).IsUnique();
        builder.HasIndex(o => new { o.ScheduleId, o.AssetId, o.DueAt });
        builder.HasIndex(o => o.WorkOrderId);
    }
}

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> builder)
    {
        builder.Property(f => f.TokenHash).HasMaxLength(64);
        builder.HasIndex(f => f.TokenHash).IsUnique();
        builder.HasOne<Team>().WithMany().HasForeignKey(f => f.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(f => f.CreatedById).OnDelete(DeleteBehavior.SetNull);
    }
}
