using Quartz;

namespace Workdesk.Server.Features.Maintenance;

public static class Jobs
{
    /// <summary>
    /// How long after start-up the frequent jobs first run, so that their first queries do not
    /// compete with the first requests of a server that has just started.
    /// </summary>
    private static readonly TimeSpan FirstRunDelay = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Registers the recurring jobs. They use Quartz.NET's in-memory store: every job is written
    /// to be idempotent and set-based, so several nodes running the same job do no harm.
    /// </summary>
    public static IServiceCollection AddWorkdeskJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var generateEvery = configuration.GetSection(Hosting.ServerSettings.Section).Get<Hosting.ServerSettings>()?.Schedules.GenerateEverySeconds
            ?? new Hosting.ServerSettings.ScheduleOptions().GenerateEverySeconds;
        services.AddQuartz(quartz =>
        {
            quartz.AddJob<IdempotencyCleanupJob>(job => job.WithIdentity(IdempotencyCleanupJob.Key));
            quartz.AddTrigger(trigger => trigger
                .ForJob(IdempotencyCleanupJob.Key)
                .WithIdentity("idempotency-cleanup-hourly", "maintenance")
                .StartAt(DateTimeOffset.UtcNow.AddMinutes(5))
                .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(TimeSpan.FromHours(1)).RepeatForever()));

            quartz.AddJob<ServiceLevels.SlaBreachJob>(job => job.WithIdentity(ServiceLevels.SlaBreachJob.Key));
            quartz.AddTrigger(trigger => trigger
                .ForJob(ServiceLevels.SlaBreachJob.Key)
                .WithIdentity("sla-breaches-every-minute", "service-levels")
                .StartAt(DateTimeOffset.UtcNow.Add(FirstRunDelay))
                .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(TimeSpan.FromMinutes(1)).RepeatForever()));

            quartz.AddJob<ServiceLevels.EscalationJob>(job => job.WithIdentity(ServiceLevels.EscalationJob.Key));
            quartz.AddTrigger(trigger => trigger
                .ForJob(ServiceLevels.EscalationJob.Key)
                .WithIdentity("sla-escalations-every-minute", "service-levels")
                .StartAt(DateTimeOffset.UtcNow.Add(FirstRunDelay))
                .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(TimeSpan.FromMinutes(1)).RepeatForever()));

            // The digest goes out once a day at 07:00 UTC.
            quartz.AddJob<Notifications.DigestJob>(job => job.WithIdentity(Notifications.DigestJob.Key));
            quartz.AddTrigger(trigger => trigger
                .ForJob(Notifications.DigestJob.Key)
                .WithIdentity("notification-digest-daily", "notifications")
                .WithCronSchedule("0 0 7 * * ?", cron => cron.InTimeZone(TimeZoneInfo.Utc)));

            quartz.AddJob<Webhooks.WebhookDeliveryJob>(job => job.WithIdentity(Webhooks.WebhookDeliveryJob.Key));
            quartz.AddTrigger(trigger => trigger
                .ForJob(Webhooks.WebhookDeliveryJob.Key)
                .WithIdentity("webhook-delivery-frequent", "integrations")
                .StartAt(DateTimeOffset.UtcNow.Add(FirstRunDelay))
                .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(TimeSpan.FromSeconds(10)).RepeatForever()));

            quartz.AddJob<Notifications.OutboxDeliveryJob>(job => job.WithIdentity(Notifications.OutboxDeliveryJob.Key));
            quartz.AddTrigger(trigger => trigger
                .ForJob(Notifications.OutboxDeliveryJob.Key)
                .WithIdentity("outbox-delivery-frequent", "notifications")
                .StartAt(DateTimeOffset.UtcNow.Add(FirstRunDelay))
                .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(TimeSpan.FromSeconds(10)).RepeatForever()));

            if (generateEvery > 0)
            {
                quartz.AddJob<Schedules.ScheduleGenerationJob>(job => job.WithIdentity(Schedules.ScheduleGenerationJob.Key));
                quartz.AddTrigger(trigger => trigger
                    .ForJob(Schedules.ScheduleGenerationJob.Key)
                    .WithIdentity("schedule-generation-recurring", "maintenance")
                    .StartAt(DateTimeOffset.UtcNow.AddSeconds(30))
                    .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(TimeSpan.FromSeconds(generateEvery)).RepeatForever()));
            }
        });
        services.Configure<QuartzHostedServiceOptions>(options =>
        {
            options.WaitForJobsToComplete = true;
            options.AwaitApplicationStarted = true;
        });
        services.AddHostedService<QuartzHostedService>();
        return services;
    }
}
