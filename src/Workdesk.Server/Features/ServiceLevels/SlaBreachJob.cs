using Microsoft.EntityFrameworkCore;
using Quartz;
using Workdesk.Data;
using Workdesk.Domain.WorkOrders;

namespace Workdesk.Server.Features.ServiceLevels;

/// <summary>
/// Records each resolution breach once in the work order's history. The claim is a conditional
/// UPDATE on the breach column, so nodes running the job at the same time record it once.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class SlaBreachJob(WorkdeskDbContext db, TimeProvider clock, Webhooks.WebhookEvents webhooks, ILogger<SlaBreachJob> logger) : IJob
{
    public static readonly JobKey Key = new("sla-breaches", "service-levels");
    private const int BatchSize = 500;

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => new(RecordBreachesAsync(cancellationToken));

    public async Task<int> RecordBreachesAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        WorkOrderStatus[] finished = [WorkOrderStatus.Completed, WorkOrderStatus.Closed, WorkOrderStatus.Cancelled];
        var due = await db.WorkOrders.AsNoTracking()
            .Where(w => w.ResolutionDueAt <= now && w.SlaBreachRecordedAt == null && w.SlaPausedSince == null && !finished.Contains(w.Status))
            .OrderBy(w => w.ResolutionDueAt)
            .Select(w => new { w.Id, w.ResolutionDueAt })
            .Take(BatchSize)
            .ToListAsync(ct);
        var recorded = 0;
        foreach (var workOrder in due)
        {
            var claimed = await db.WorkOrders
                .Where(w => w.Id == workOrder.Id && w.SlaBreachRecordedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.SlaBreachRecordedAt, now), ct);
            if (claimed == 0)
            {
                continue;
            }

            new WorkOrders.History(db, clock, actorId: null).Record(Activity.WorkOrderEntity, workOrder.Id, "sla_breached", "resolutionDueAt", null, workOrder.ResolutionDueAt);
            await webhooks.QueueAsync(Domain.Integrations.WebhookEventTypes.SlaBreached, new { workOrderId = workOrder.Id, workOrder.ResolutionDueAt }, ct);
            await db.SaveChangesAsync(ct);
            recorded++;
        }

        if (recorded > 0)
        {
            LogBreaches(logger, recorded);
        }

        return recorded;
    }

    [LoggerMessage(EventId = 50, Level = LogLevel.Information, Message = "Recorded {Count} resolution breaches")]
    private static partial void LogBreaches(ILogger logger, int count);
}
