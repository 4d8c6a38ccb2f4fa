using Quartz;

namespace Workdesk.Server.Features.Schedules;

/// <summary>Runs <see cref="ScheduleGenerator"/> for every active schedule; safe to run on several nodes at once.</summary>
[DisallowConcurrentExecution]
public sealed class ScheduleGenerationJob(ScheduleGenerator generator, TimeProvider clock) : IJob
{
    public static readonly JobKey Key = new("schedule-generation", "maintenance");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await generator.GenerateAsync(clock.GetUtcNow(), null, cancellationToken);
}
