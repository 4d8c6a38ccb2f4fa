using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workdesk.Domain.Approvals;
using Workdesk.Domain.Locations;
using Workdesk.Domain.People;
using Workdesk.Domain.WorkOrders;

namespace Workdesk.Data.Configuration;

internal sealed class ApprovalRuleConfiguration : IEntityTypeConfiguration<ApprovalRule>
{
    public void Configure(EntityTypeBuilder<ApprovalRule> builder)
    {
        builder.Property(r => r.Name).HasMaxLength(200);
        builder.Property(r => r.WorkOrderType).HasMaxLength(50);
        builder.Property(r => r.MinPriority).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.MinEstimatedCost).HasPrecision(18, 2);
        builder.Property(r => r.Currency).HasMaxLength(3);
        builder.Property(r => r.GateStatus).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Steps).HasMaxLength(10_000);
        builder.Property(r => r.IsActive).HasDefaultValue(true);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasOne<Location>().WithMany().HasForeignKey(r => r.LocationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.Name).IsUnique();
    }
}

internal sealed class WorkOrderApprovalConfiguration : IEntityTypeConfiguration<WorkOrderApproval>
{
    public void Configure(EntityTypeBuilder<WorkOrderApproval> builder)
    {
        builder.Property(a => a.RuleName).HasMaxLength(200);
        builder.Property(a => a.GateStatus).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Steps).HasMaxLength(10_000);
        builder.HasOne<WorkOrder>().WithMany().HasForeignKey(a => a.WorkOrderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApprovalRule>().WithMany().HasForeignKey(a => a.RuleId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(a => a.Decisions).WithOne().HasForeignKey(d => d.ApprovalId).OnDelete(DeleteBehavior.Cascade);

        // A rule opens at most one approval per work order, even when two requests race.
        builder.HasIndex(a => new { a.WorkOrderId, a.RuleId }).IsUnique();
        builder.HasIndex(a => a.State);
    }
}

internal sealed class ApprovalDecisionConfiguration : IEntityTypeConfiguration<ApprovalDecision>
{
    public void Configure(EntityTypeBuilder<ApprovalDecision> builder)
    {
        builder.Property(d => d.Reason).HasMaxLength(2000);
        builder.HasOne<User>().WithMany().HasForeignKey(d => d.DecidedById).OnDelete(DeleteBehavior.Restrict);
    }
}
