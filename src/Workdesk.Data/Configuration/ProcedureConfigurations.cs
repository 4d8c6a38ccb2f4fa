using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workdesk.Domain.Assets;
using Workdesk.Domain.People;
using Workdesk.Domain.Procedures;
using Workdesk.Domain.WorkOrders;

namespace Workdesk.Data.Configuration;

internal sealed class ProcedureTemplateConfiguration : IEntityTypeConfiguration<ProcedureTemplate>
{
    public void Configure(EntityTypeBuilder<ProcedureTemplate> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.Description).HasMaxLength(4000);
        builder.Property(t => t.Definition).HasMaxLength(1_000_000);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.HasIndex(t => t.Name).IsUnique();
        builder.HasMany(t => t.Links).WithOne().HasForeignKey(l => l.TemplateId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProcedureLinkConfiguration : IEntityTypeConfiguration<ProcedureLink>
{
    public void Configure(EntityTypeBuilder<ProcedureLink> builder)
    {
        builder.Property(l => l.WorkOrderType).HasMaxLength(50);
        builder.HasOne<AssetType>().WithMany().HasForeignKey(l => l.AssetTypeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Asset>().WithMany().HasForeignKey(l => l.AssetId).OnDelete(DeleteBehavior.Cascade);

        // Creating a work order looks templates up by each of the three criteria.
        builder.HasIndex(l => l.WorkOrderType);
        builder.HasIndex(l => l.AssetTypeId);
        builder.HasIndex(l => l.AssetId);
    }
}

internal sealed class WorkOrderProcedureConfiguration : IEntityTypeConfiguration<WorkOrderProcedure>
{
    public void Configure(EntityTypeBuilder<WorkOrderProcedure> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Definition).HasMaxLength(1_000_000);
        builder.HasOne<WorkOrder>().WithMany(w => w.Procedures).HasForeignKey(p => p.WorkOrderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ProcedureTemplate>().WithMany().HasForeignKey(p => p.TemplateId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(p => p.Results).WithOne().HasForeignKey(r => r.ProcedureId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => p.WorkOrderId);
    }
}

internal sealed class StepResultConfiguration : IEntityTypeConfiguration<StepResult>
{
    public void Configure(EntityTypeBuilder<StepResult> builder)
    {
        builder.ToTable("StepResults");
        builder.Property(r => r.StepKey).HasMaxLength(50);
        builder.Property(r => r.Value).HasMaxLength(4000);
        builder.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Note).HasMaxLength(2000);
        builder.Property(r => r.SignerName).HasMaxLength(200);
        builder.HasOne<Attachment>().WithMany().HasForeignKey(r => r.AttachmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(r => r.RecordedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<WorkOrder>().WithMany().HasForeignKey(r => r.FollowUpWorkOrderId).OnDelete(DeleteBehavior.Restrict);

        // One result per step: a second recording replaces the first, and racing first recordings conflict.
        builder.HasIndex(r => new { r.ProcedureId, r.StepKey }).IsUnique();
    }
}
