using Microsoft.EntityFrameworkCore;
using Workdesk.Domain.Assets;
using Workdesk.Domain.Locations;
using Workdesk.Domain.People;
using Workdesk.Domain.Requests;
using Workdesk.Domain.WorkOrders;

namespace Workdesk.Data;

/// <summary>
/// The one model shared by both providers. Each provider has a subclass that owns its migrations,
/// so an existing database of either kind upgrades through its own migration history.
/// </summary>
public abstract class WorkdeskDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Location> Locations => Set<Location>();

    public DbSet<Asset> Assets => Set<Asset>();

    public DbSet<AssetType> AssetTypes => Set<AssetType>();

    public DbSet<AssetMove> AssetMoves => Set<AssetMove>();

    public DbSet<AssetDowntime> AssetDowntimes => Set<AssetDowntime>();

    public DbSet<User> Users => Set<User>();

    public DbSet<UserSite> UserSites => Set<UserSite>();

    public DbSet<Team> Teams => Set<Team>();

    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();

    public DbSet<Vendor> Vendors => Set<Vendor>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<WorkRequest> WorkRequests => Set<WorkRequest>();

    public DbSet<WorkOrder> WorkOrders => Set<WorkOrder>();

    public DbSet<WorkOrderAssignment> WorkOrderAssignments => Set<WorkOrderAssignment>();

    public DbSet<Comment> Comments => Set<Comment>();

    public DbSet<Attachment> Attachments => Set<Attachment>();

    public DbSet<Activity> Activities => Set<Activity>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<ReferenceDataVersion> ReferenceDataVersions => Set<ReferenceDataVersion>();

    public DbSet<SavedView> SavedViews => Set<SavedView>();

    public DbSet<Domain.Integrations.WebhookSubscription> WebhookSubscriptions => Set<Domain.Integrations.WebhookSubscription>();

    public DbSet<Domain.Integrations.WebhookDelivery> WebhookDeliveries => Set<Domain.Integrations.WebhookDelivery>();

    public DbSet<Domain.ServiceLevels.CalendarDefinition> Calendars => Set<Domain.ServiceLevels.CalendarDefinition>();

    public DbSet<Domain.ServiceLevels.SlaPolicy> SlaPolicies => Set<Domain.ServiceLevels.SlaPolicy>();

    public DbSet<Domain.Workflows.WorkOrderType> WorkOrderTypes => Set<Domain.Workflows.WorkOrderType>();

    public DbSet<Domain.Workflows.WorkflowVersion> WorkflowVersions => Set<Domain.Workflows.WorkflowVersion>();

    public DbSet<Domain.Procedures.ProcedureTemplate> ProcedureTemplates => Set<Domain.Procedures.ProcedureTemplate>();

    public DbSet<Domain.Procedures.ProcedureLink> ProcedureLinks => Set<Domain.Procedures.ProcedureLink>();

    public DbSet<Domain.Procedures.WorkOrderProcedure> WorkOrderProcedures => Set<Domain.Procedures.WorkOrderProcedure>();

    public DbSet<Domain.Procedures.StepResult> StepResults => Set<Domain.Procedures.StepResult>();

    public DbSet<PriorityMatrixCell> PriorityMatrixCells => Set<PriorityMatrixCell>();

    public DbSet<Domain.Approvals.ApprovalRule> ApprovalRules => Set<Domain.Approvals.ApprovalRule>();

    public DbSet<Domain.Approvals.WorkOrderApproval> WorkOrderApprovals => Set<Domain.Approvals.WorkOrderApproval>();

    public DbSet<Domain.Notifications.OutboxMessage> OutboxMessages => Set<Domain.Notifications.OutboxMessage>();

    public DbSet<Domain.Maintenance.Meter> Meters => Set<Domain.Maintenance.Meter>();

    public DbSet<Domain.Maintenance.MeterReading> MeterReadings => Set<Domain.Maintenance.MeterReading>();

    public DbSet<Domain.Maintenance.SensorToken> SensorTokens => Set<Domain.Maintenance.SensorToken>();

    public DbSet<Domain.Maintenance.MaintenanceSchedule> MaintenanceSchedules => Set<Domain.Maintenance.MaintenanceSchedule>();

    public DbSet<Domain.Maintenance.ScheduleAsset> ScheduleAssets => Set<Domain.Maintenance.ScheduleAsset>();

    public DbSet<Domain.Maintenance.ScheduleOccurrence> ScheduleOccurrences => Set<Domain.Maintenance.ScheduleOccurrence>();

    public DbSet<Domain.Maintenance.CalendarFeed> CalendarFeeds => Set<Domain.Maintenance.CalendarFeed>();
    public DbSet<Domain.ServiceLevels.EscalationRule> EscalationRules => Set<Domain.ServiceLevels.EscalationRule>();

    public DbSet<Domain.ServiceLevels.EscalationFiring> EscalationFirings => Set<Domain.ServiceLevels.EscalationFiring>();

    public DbSet<Domain.Notifications.Notification> Notifications => Set<Domain.Notifications.Notification>();

    public DbSet<Domain.Notifications.NotificationPreference> NotificationPreferences => Set<Domain.Notifications.NotificationPreference>();

    public DbSet<Domain.Notifications.EmailTemplate> EmailTemplates => Set<Domain.Notifications.EmailTemplate>();

    public DbSet<Domain.Notifications.SatisfactionSurvey> SatisfactionSurveys => Set<Domain.Notifications.SatisfactionSurvey>();

    public DbSet<Domain.Notifications.MailThread> MailThreads => Set<Domain.Notifications.MailThread>();

    /// <summary>The provider this context talks to, for the few queries that differ.</summary>
    public abstract DatabaseProvider Provider { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(WorkdeskDbContext).Assembly);
    }

    /// <summary>
    /// Gives the random link keys a database default as well, so rows written by bulk loaders
    /// that bypass EF Core still get unique keys. The application sets its own random values.
    /// </summary>
    protected static void DefaultKeys(ModelBuilder modelBuilder, string shortKeySql, string longKeySql)
    {
        modelBuilder.Entity<Location>().Property(l => l.RequestKey).HasDefaultValueSql(shortKeySql);
        modelBuilder.Entity<Asset>().Property(a => a.RequestKey).HasDefaultValueSql(shortKeySql);
        modelBuilder.Entity<WorkRequest>().Property(r => r.StatusToken).HasDefaultValueSql(longKeySql);
    }

    /// <summary>
    /// Work that runs once, before the next save writes, such as starting the transaction that a
    /// create writes in. It is cleared before it runs.
    /// </summary>
    public Func<CancellationToken, Task>? BeforeFirstWrite { get; set; }

    /// <summary>Runs <paramref name="start"/> now, or with <paramref name="atFirstSave"/> just before the next save writes.</summary>
    public Task StartWritingAsync(Func<CancellationToken, Task> start, bool atFirstSave, CancellationToken ct)
    {
        if (!atFirstSave)
        {
            return start(ct);
        }

        BeforeFirstWrite = start;
        return Task.CompletedTask;
    }

    /// <summary>Runs <see cref="BeforeFirstWrite"/> if it is set, for a write that is not a save.</summary>
    public async Task BeforeWritingAsync(CancellationToken ct)
    {
        if (BeforeFirstWrite is { } start)
        {
            BeforeFirstWrite = null;
            await start(ct);
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (BeforeFirstWrite is not null)
        {
            throw new InvalidOperationException("This context starts its transaction at its first save, which must be SaveChangesAsync.");
        }

        var detect = PrepareSave();
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var detect = PrepareSave();
        try
        {
            await BeforeWritingAsync(cancellationToken);

            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>
    /// Detects changes once, unless the caller turned detection off, and increments the row version
    /// of every modified record. Returns the detection setting to restore after the save.
    /// </summary>
    /// <remarks>
    /// Version is the concurrency token, so the UPDATE only matches when no other request changed
    /// the row since it was read. SaveChanges would detect changes again, comparing every property
    /// of every tracked record, so detection stays off until it returns. The version is set
    /// through its entry, which records the change without that pass.
    /// </remarks>
    private bool PrepareSave()
    {
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        if (detect)
        {
            ChangeTracker.DetectChanges();
            ChangeTracker.AutoDetectChangesEnabled = false;
        }

        foreach (var entry in ChangeTracker.Entries<Domain.Common.IVersioned>())
        {
            if (entry.State == EntityState.Modified)
            {
                entry.Property(e => e.Version).CurrentValue++;
            }
        }

        return detect;
    }
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
