using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workdesk.Domain.Assets;
using Workdesk.Domain.Locations;
using Workdesk.Domain.People;
using Workdesk.Domain.Requests;
using Workdesk.Domain.WorkOrders;

namespace Workdesk.Data.Configuration;

internal sealed class WorkRequestConfiguration : IEntityTypeConfiguration<WorkRequest>
{
    public void Configure(EntityTypeBuilder<WorkRequest> builder)
    {
        builder.Property(r => r.Title).HasMaxLength(300);
        builder.Property(r => r.Description).HasMaxLength(10_000);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Source).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Category).HasMaxLength(200);
        builder.Property(r => r.ContactName).HasMaxLength(200);
        builder.Property(r => r.ContactEmail).HasMaxLength(254);
        builder.Property(r => r.ContactPhone).HasMaxLength(50);
        builder.Property(r => r.DeclineReason).HasMaxLength(2000);
        builder.Property(r => r.ExternalId).HasMaxLength(200);
        builder.Property(r => r.Version).IsConcurrencyToken();

        builder.HasOne<Location>().WithMany().HasForeignKey(r => r.LocationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Asset>().WithMany().HasForeignKey(r => r.AssetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(r => r.RequesterId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<WorkOrder>().WithMany().HasForeignKey(r => r.WorkOrderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.Status, r.CreatedAt });
        builder.HasIndex(r => r.LocationId);

        // Most requests have no requester account, no asset, and no work order until approved, so
        // these indexes leave out the NULLs: an import or a create then writes no entry in them.
        // An equality or IN test on the column still uses the index on SQLite and PostgreSQL.
        builder.HasIndex(r => r.RequesterId).HasFilter(PartialIndex.NotNull(nameof(WorkRequest.RequesterId)));
        builder.HasIndex(r => r.AssetId).HasFilter(PartialIndex.NotNull(nameof(WorkRequest.AssetId)));
        builder.HasIndex(r => r.WorkOrderId).HasFilter(PartialIndex.NotNull(nameof(WorkRequest.WorkOrderId)));
        builder.HasIndex(r => r.ExternalId).IsUnique();
        builder.Property(r => r.StatusToken).HasMaxLength(64);
        builder.HasIndex(r => r.StatusToken).IsUnique();
    }
}

internal sealed class WorkOrderConfiguration : IEntityTypeConfiguration<WorkOrder>
{
    public void Configure(EntityTypeBuilder<WorkOrder> builder)
    {
        builder.Property(w => w.Title).HasMaxLength(300);
        builder.Property(w => w.Description).HasMaxLength(10_000);
        builder.Property(w => w.Type).HasMaxLength(50);
        builder.Property(w => w.Category).HasMaxLength(200);
        builder.Property(w => w.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(w => w.StatusReason).HasMaxLength(2000);
        builder.Property(w => w.ExternalId).HasMaxLength(200);
        builder.Property(w => w.Version).IsConcurrencyToken();

        builder.HasOne<Location>().WithMany().HasForeignKey(w => w.LocationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Asset>().WithMany().HasForeignKey(w => w.AssetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(w => w.RequesterId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(w => w.CreatedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Vendor>().WithMany().HasForeignKey(w => w.VendorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<WorkRequest>().WithMany().HasForeignKey(w => w.RequestId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Domain.Maintenance.MaintenanceSchedule>().WithMany().HasForeignKey(w => w.ScheduleId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<WorkOrder>().WithMany().HasForeignKey(w => w.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(w => w.Assignments).WithOne().HasForeignKey(a => a.WorkOrderId).OnDelete(DeleteBehavior.Cascade);

        // The list filters and sorts on these columns; each filter has an index to start from.
        builder.HasIndex(w => new { w.Status, w.DueAt });
        builder.HasIndex(w => w.DueAt);
        builder.HasIndex(w => w.CreatedAt);
        builder.HasIndex(w => w.UpdatedAt);
        // Priority is stored as its number, so sorting by it orders low to urgent.
        builder.HasIndex(w => new { w.Priority, w.DueAt });

        // The dispatcher's usual list ("open work in this building, by due date") filters on all
        // three; without it, large sites read every open row to check its location. It also serves
        // the location filter alone and the foreign key check.
        builder.HasIndex(w => new { w.LocationId, w.Status, w.DueAt });

        // A requester's list shows the work orders they requested or created, so both columns need an index.
        builder.HasIndex(w => w.CreatedById);
        builder.HasIndex(w => w.ExternalId).IsUnique();
        builder.HasOne<Domain.ServiceLevels.SlaPolicy>().WithMany().HasForeignKey(w => w.SlaPolicyId).OnDelete(DeleteBehavior.SetNull);

        // Most work orders have no asset, requester, vendor, parent, schedule or SLA policy, so
        // these indexes leave out the NULLs and a write of such a row skips them. Every query on
        // these columns tests them for equality (or with IN, <=, IS NOT NULL), which implies NOT
        // NULL, so SQLite and PostgreSQL still use the partial index.
        builder.HasIndex(w => w.AssetId).HasFilter(PartialIndex.NotNull(nameof(WorkOrder.AssetId)));
        builder.HasIndex(w => w.RequesterId).HasFilter(PartialIndex.NotNull(nameof(WorkOrder.RequesterId)));
        builder.HasIndex(w => w.VendorId).HasFilter(PartialIndex.NotNull(nameof(WorkOrder.VendorId)));
        builder.HasIndex(w => w.ParentId).HasFilter(PartialIndex.NotNull(nameof(WorkOrder.ParentId)));
        builder.HasIndex(w => w.ScheduleId).HasFilter(PartialIndex.NotNull(nameof(WorkOrder.ScheduleId)));
        builder.HasIndex(w => w.SlaPolicyId).HasFilter(PartialIndex.NotNull(nameof(WorkOrder.SlaPolicyId)));

        // No query looks work orders up by their request, because a request stores its work
        // order's id. EF Core adds an index for every foreign key that no other index starts
        // with, so this one is kept but leaves out the work orders that came from no request.
        builder.HasIndex(w => w.RequestId).HasFilter(PartialIndex.NotNull(nameof(WorkOrder.RequestId)));

        builder.Property(w => w.AlertKey).HasMaxLength(300);
        builder.Property(w => w.StatusKey).HasMaxLength(50);
        builder.Property(w => w.WorkflowVersion).HasDefaultValue(1);
        builder.Property(w => w.CustomFields).HasMaxLength(20_000);
        builder.Property(w => w.EstimatedCost).HasPrecision(18, 2);
        builder.Property(w => w.Urgency).HasConversion<string>().HasMaxLength(10);
        builder.Property(w => w.Impact).HasConversion<string>().HasMaxLength(10);
        builder.Property(w => w.EstimatedCostCurrency).HasMaxLength(3);

        // Applying a new workflow version finds the work orders of one type still on older versions.
        builder.HasIndex(w => new { w.Type, w.WorkflowVersion });

        // Defaults in the schema too, so bulk loaders that leave these columns out keep working.
        builder.Property(w => w.SlaPausedSeconds).HasDefaultValue(0L);
        builder.Property(w => w.AlertCount).HasDefaultValue(0);
        builder.HasIndex(w => new { w.AlertKey, w.Status }).HasFilter(PartialIndex.NotNull(nameof(WorkOrder.AlertKey)));

        // The escalation and SLA breach jobs look for open work orders whose resolution is due.
        builder.HasIndex(w => new { w.ResolutionDueAt, w.Status }).HasFilter(PartialIndex.NotNull(nameof(WorkOrder.ResolutionDueAt)));
    }
}

internal sealed class CalendarDefinitionConfiguration : IEntityTypeConfiguration<Domain.ServiceLevels.CalendarDefinition>
{
    public void Configure(EntityTypeBuilder<Domain.ServiceLevels.CalendarDefinition> builder)
    {
        builder.ToTable("Calendars");
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.TimeZone).HasMaxLength(64);
        builder.Property(c => c.Hours).HasMaxLength(4000);
        builder.Property(c => c.Holidays).HasMaxLength(20_000);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasIndex(c => c.Name).IsUnique();
    }
}

internal sealed class SlaPolicyConfiguration : IEntityTypeConfiguration<Domain.ServiceLevels.SlaPolicy>
{
    public void Configure(EntityTypeBuilder<Domain.ServiceLevels.SlaPolicy> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Type).HasMaxLength(50);
        builder.Property(p => p.Category).HasMaxLength(200);
        builder.Property(p => p.PausedStatuses).HasMaxLength(500);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasIndex(p => p.Name).IsUnique();
        builder.HasIndex(p => new { p.IsActive, p.Rank });
        builder.HasOne<Domain.ServiceLevels.CalendarDefinition>().WithMany().HasForeignKey(p => p.CalendarId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Location>().WithMany().HasForeignKey(p => p.LocationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WorkOrderAssignmentConfiguration : IEntityTypeConfiguration<WorkOrderAssignment>
{
    public void Configure(EntityTypeBuilder<WorkOrderAssignment> builder)
    {
        builder.HasOne<User>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Team>().WithMany().HasForeignKey(a => a.TeamId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.UserId, a.WorkOrderId });
        builder.HasIndex(a => new { a.TeamId, a.WorkOrderId });
        builder.HasIndex(a => a.WorkOrderId);
        builder.ToTable(t => t.HasCheckConstraint(
            "CK_WorkOrderAssignments_UserOrTeam",
            "(\"UserId\" IS NULL) <> (\"TeamId\" IS NULL)"));
    }
}

internal sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> builder)
    {
        builder.Property(c => c.Body).HasMaxLength(20_000);
        builder.HasOne<WorkOrder>().WithMany().HasForeignKey(c => c.WorkOrderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<WorkRequest>().WithMany().HasForeignKey(c => c.WorkRequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.WorkOrderId, c.Id });
        builder.HasIndex(c => new { c.WorkRequestId, c.Id });
    }
}

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> builder)
    {
        builder.Property(a => a.FileName).HasMaxLength(255);
        builder.Property(a => a.ContentType).HasMaxLength(100);
        builder.Property(a => a.Sha256).HasMaxLength(64);
        builder.HasOne<WorkOrder>().WithMany().HasForeignKey(a => a.WorkOrderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<WorkRequest>().WithMany().HasForeignKey(a => a.WorkRequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(a => a.UploadedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.WorkOrderId);
        builder.HasIndex(a => a.WorkRequestId);
        builder.HasOne<Asset>().WithMany().HasForeignKey(a => a.AssetId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AssetType>().WithMany().HasForeignKey(a => a.AssetTypeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.AssetId);
        builder.HasIndex(a => a.AssetTypeId);
        builder.HasIndex(a => a.Sha256);
    }
}

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> builder)
    {
        builder.ToTable("Activities");
        builder.Property(a => a.EntityType).HasMaxLength(30);
        builder.Property(a => a.Action).HasMaxLength(50);
        builder.Property(a => a.Field).HasMaxLength(50);
        builder.Property(a => a.OldValue).HasMaxLength(2000);
        builder.Property(a => a.NewValue).HasMaxLength(2000);
        builder.HasIndex(a => new { a.EntityType, a.EntityId, a.Id });
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<Domain.Notifications.OutboxMessage>
{
    public void Configure(EntityTypeBuilder<Domain.Notifications.OutboxMessage> builder)
    {
        builder.Property(m => m.Channel).HasMaxLength(20);
        builder.Property(m => m.Recipient).HasMaxLength(254);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.Body).HasMaxLength(20_000);
        builder.Property(m => m.LastError).HasMaxLength(2000);
        builder.Property(m => m.MessageId).HasMaxLength(998);

        // The delivery job reads the due messages that are not sent yet, oldest first.
        builder.HasIndex(m => new { m.SentAt, m.AvailableAt });
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.Property(r => r.Key).HasMaxLength(200);
        builder.Property(r => r.Operation).HasMaxLength(200);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        builder.Property(r => r.ResourceLocation).HasMaxLength(500);
        builder.HasIndex(r => new { r.UserId, r.Key }).IsUnique();
        builder.HasIndex(r => r.CreatedAt);
    }
}

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<Domain.Integrations.WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<Domain.Integrations.WebhookSubscription> builder)
    {
        builder.Property(w => w.Name).HasMaxLength(200);
        builder.Property(w => w.Url).HasMaxLength(2000);
        builder.Property(w => w.Secret).HasMaxLength(200);
        builder.Property(w => w.EventTypes).HasMaxLength(2000);
        builder.Property(w => w.Version).IsConcurrencyToken();
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<Domain.Integrations.WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<Domain.Integrations.WebhookDelivery> builder)
    {
        builder.Property(d => d.EventType).HasMaxLength(50);
        builder.Property(d => d.Payload).HasMaxLength(100_000);
        builder.Property(d => d.LastError).HasMaxLength(2000);
        builder.HasOne<Domain.Integrations.WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.DeliveredAt, d.AvailableAt });
        builder.HasIndex(d => new { d.SubscriptionId, d.Id });
    }
}
