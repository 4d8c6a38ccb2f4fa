using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workdesk.Domain.Notifications;
using Workdesk.Domain.People;
using Workdesk.Domain.ServiceLevels;
using Workdesk.Domain.WorkOrders;

namespace Workdesk.Data.Configuration;

internal sealed class EscalationRuleConfiguration : IEntityTypeConfiguration<EscalationRule>
{
    public void Configure(EntityTypeBuilder<EscalationRule> builder)
    {
        builder.Property(r => r.Name).HasMaxLength(200);
        // Target and IsActive have no schema default: EF Core would skip writing FirstResponse or
        // false, which equal the CLR default, and the database default would replace them.
        builder.Property(r => r.Target).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.MinutesBefore).HasDefaultValue(0);
        builder.Property(r => r.NotifyAssignees).HasDefaultValue(false);
        builder.Property(r => r.NotifyUserIds).HasMaxLength(2000).HasDefaultValue("[]");
        builder.Property(r => r.NotifyRole).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => r.Name).IsUnique();
        builder.HasIndex(r => r.IsActive);
        builder.HasOne<SlaPolicy>().WithMany().HasForeignKey(r => r.PolicyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Team>().WithMany().HasForeignKey(r => r.NotifyTeamId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(r => r.ReassignUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Team>().WithMany().HasForeignKey(r => r.ReassignTeamId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EscalationFiringConfiguration : IEntityTypeConfiguration<EscalationFiring>
{
    public void Configure(EntityTypeBuilder<EscalationFiring> builder)
    {
        builder.HasOne<EscalationRule>().WithMany().HasForeignKey(f => f.RuleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<WorkOrder>().WithMany().HasForeignKey(f => f.WorkOrderId).OnDelete(DeleteBehavior.Cascade);

        // The claim that makes the escalation job safe on several nodes: a second insert of the
        // same rule and work order fails, and the node that loses rolls its actions back.
        builder.HasIndex(f => new { f.RuleId, f.WorkOrderId }).IsUnique();
        builder.HasIndex(f => f.WorkOrderId);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.Property(n => n.EventType).HasMaxLength(50);
        builder.Property(n => n.Title).HasMaxLength(300);
        builder.Property(n => n.Body).HasMaxLength(4000);
        builder.Property(n => n.InDigest).HasDefaultValue(false);
        builder.HasOne<User>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<WorkOrder>().WithMany().HasForeignKey(n => n.WorkOrderId).OnDelete(DeleteBehavior.Cascade);

        // The list reads a user's newest first; the unread count and the digest filter on top of that.
        builder.HasIndex(n => new { n.UserId, n.Id });
        builder.HasIndex(n => new { n.UserId, n.ReadAt });
        builder.HasIndex(n => new { n.InDigest, n.DigestedAt });
    }
}

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> builder)
    {
        builder.HasKey(p => new { p.UserId, p.EventType });
        builder.Property(p => p.EventType).HasMaxLength(50);
        builder.Property(p => p.Channel).HasConversion<string>().HasMaxLength(20).HasDefaultValue(NotificationChannel.InApp);
        builder.HasOne<User>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EmailTemplateConfiguration : IEntityTypeConfiguration<EmailTemplate>
{
    public void Configure(EntityTypeBuilder<EmailTemplate> builder)
    {
        builder.HasKey(t => t.EventType);
        builder.Property(t => t.EventType).HasMaxLength(50);
        builder.Property(t => t.Subject).HasMaxLength(300);
        builder.Property(t => t.Body).HasMaxLength(20_000);
        builder.Property(t => t.Version).IsConcurrencyToken();
    }
}

internal sealed class SatisfactionSurveyConfiguration : IEntityTypeConfiguration<SatisfactionSurvey>
{
    public void Configure(EntityTypeBuilder<SatisfactionSurvey> builder)
    {
        builder.Property(s => s.Token).HasMaxLength(64);
        builder.Property(s => s.Comment).HasMaxLength(2000);
        builder.HasOne<Domain.Requests.WorkRequest>().WithMany().HasForeignKey(s => s.WorkRequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<WorkOrder>().WithMany().HasForeignKey(s => s.WorkOrderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.Token).IsUnique();
        builder.HasIndex(s => s.WorkRequestId).IsUnique();

        // The report reads the answers of a period.
        builder.HasIndex(s => s.AnsweredAt);
        builder.ToTable(t => t.HasCheckConstraint("CK_SatisfactionSurveys_Rating", "\"Rating\" IS NULL OR (\"Rating\" >= 1 AND \"Rating\" <= 5)"));
    }
}

internal sealed class MailThreadConfiguration : IEntityTypeConfiguration<MailThread>
{
    public void Configure(EntityTypeBuilder<MailThread> builder)
    {
        // RFC 5322 limits a header line to 998 characters, so a Message-ID fits in 998.
        builder.Property(t => t.MessageId).HasMaxLength(998);
        builder.HasIndex(t => t.MessageId).IsUnique();
        builder.HasOne<Domain.Requests.WorkRequest>().WithMany().HasForeignKey(t => t.WorkRequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<WorkOrder>().WithMany().HasForeignKey(t => t.WorkOrderId).OnDelete(DeleteBehavior.Cascade);
    }
}
