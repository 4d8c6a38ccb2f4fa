using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workdesk.Domain.People;
using Workdesk.Domain.Workflows;

namespace Workdesk.Data.Configuration;

internal sealed class WorkOrderTypeConfiguration : IEntityTypeConfiguration<WorkOrderType>
{
    public void Configure(EntityTypeBuilder<WorkOrderType> builder)
    {
        builder.Property(t => t.Key).HasMaxLength(50);
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.CurrentVersion).HasDefaultValue(1);
        builder.HasIndex(t => t.Key).IsUnique();
    }
}

internal sealed class PriorityMatrixCellConfiguration : IEntityTypeConfiguration<Domain.WorkOrders.PriorityMatrixCell>
{
    public void Configure(EntityTypeBuilder<Domain.WorkOrders.PriorityMatrixCell> builder)
    {
        builder.Property(c => c.Urgency).HasConversion<string>().HasMaxLength(10);
        builder.Property(c => c.Impact).HasConversion<string>().HasMaxLength(10);
        builder.HasIndex(c => new { c.Urgency, c.Impact }).IsUnique();
    }
}

internal sealed class WorkflowVersionConfiguration : IEntityTypeConfiguration<WorkflowVersion>
{
    public void Configure(EntityTypeBuilder<WorkflowVersion> builder)
    {
        builder.Property(v => v.TypeKey).HasMaxLength(50);
        builder.Property(v => v.Definition).HasMaxLength(1_000_000);
        builder.HasOne<User>().WithMany().HasForeignKey(v => v.CreatedById).OnDelete(DeleteBehavior.Restrict);

        // Two administrators saving from the same version both try to write the next number; the
        // unique index lets only one of them succeed.
        builder.HasIndex(v => new { v.TypeKey, v.Number }).IsUnique();
    }
}

internal sealed class ReferenceDataVersionConfiguration : IEntityTypeConfiguration<ReferenceDataVersion>
{
    public void Configure(EntityTypeBuilder<ReferenceDataVersion> builder)
    {
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.Value).HasDefaultValue(0L);
        builder.HasData(new ReferenceDataVersion { Id = ReferenceDataVersion.RowId, Value = 0 });
    }
}
