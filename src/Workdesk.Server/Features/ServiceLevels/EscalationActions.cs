using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Integrations;
using Workdesk.Domain.ServiceLevels;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.Notifications;
using Workdesk.Server.Features.WorkOrders;

namespace Workdesk.Server.Features.ServiceLevels;

/// <summary>
/// Applies one escalation rule to one work order: reassigns it, raises its priority, notifies
/// people and queues the at-risk webhook. Everything is added to the caller's unit of work.
/// </summary>
public sealed class EscalationActions(WorkdeskDbContext db, SlaService sla, Notifier notifier, Webhooks.WebhookEvents webhooks, Public.PublicLinks links, TimeProvider clock)
{
    public async Task ApplyAsync(EscalationRule rule, WorkOrder workOrder, DateTimeOffset dueAt, CancellationToken ct)
    {
        var history = new History(db, clock, actorId: null);
        history.Record(Activity.WorkOrderEntity, workOrder.Id, "escalated", "escalationRule", null, rule.Name);

        if (rule.ReassignUserId is not null || rule.ReassignTeamId is not null)
        {
            await ReassignAsync(rule, workOrder, history, ct);
        }

        if (rule.RaisePriorityTo is { } raised && raised > workOrder.Priority)
        {
            history.FieldChanged(Activity.WorkOrderEntity, workOrder.Id, "priority", workOrder.Priority, raised);
            workOrder.Priority = raised;
            await sla.RetargetAsync(workOrder, ct);
        }

        workOrder.UpdatedAt = clock.GetUtcNow();
        await notifier.NotifyAsync(await RecipientsAsync(rule, workOrder, ct), Message(rule, workOrder, dueAt), ct);
        if (rule.MinutesBefore > 0)
        {
            await webhooks.QueueAsync(WebhookEventTypes.SlaAtRisk, new { workOrderId = workOrder.Id, ruleId = rule.Id, target = rule.Target, dueAt }, ct);
        }
    }

    private async Task ReassignAsync(EscalationRule rule, WorkOrder workOrder, History history, CancellationToken ct)
    {
        var currentUsers = workOrder.Assignments.Where(a => a.UserId is not null).Select(a => a.UserId!.Value).Order().ToList();
        var currentTeams = workOrder.Assignments.Where(a => a.TeamId is not null).Select(a => a.TeamId!.Value).Order().ToList();
        List<long> users = rule.ReassignUserId is { } user ? [user] : [];
        List<long> teams = rule.ReassignTeamId is { } team ? [team] : [];
        history.FieldChanged(Activity.WorkOrderEntity, workOrder.Id, "assigneeUserIds", string.Join(",", currentUsers), string.Join(",", users));
        history.FieldChanged(Activity.WorkOrderEntity, workOrder.Id, "assigneeTeamIds", string.Join(",", currentTeams), string.Join(",", teams));
        WorkOrderRules.SetAssignees(workOrder, users, teams);
        if (WorkOrderRules.FollowAssignment(workOrder) is { } previous)
        {
            history.Record(Activity.WorkOrderEntity, workOrder.Id, "status_changed", "status", previous, workOrder.Status);
            await sla.OnStatusChangedAsync(workOrder, previous, ct);
        }

        await webhooks.QueueAsync(WebhookEventTypes.WorkOrderAssigned, WorkOrderResponse.From(workOrder), ct);
    }

    /// <summary>
    /// Collects the named users, the members of the named team and of assigned teams, the assigned
    /// users, and the active users with the named role whose sites include the work order's location.
    /// </summary>
    private async Task<List<long>> RecipientsAsync(EscalationRule rule, WorkOrder workOrder, CancellationToken ct)
    {
        var recipients = new List<long>(EscalationRules.NotifiedUserIds(rule));
        var teams = new List<long>();
        if (rule.NotifyTeamId is { } notifyTeam)
        {
            teams.Add(notifyTeam);
        }

        if (rule.NotifyAssignees)
        {
            recipients.AddRange(workOrder.Assignments.Where(a => a.UserId is not null).Select(a => a.UserId!.Value));
            teams.AddRange(workOrder.Assignments.Where(a => a.TeamId is not null).Select(a => a.TeamId!.Value));
        }

        if (teams.Count > 0)
        {
            recipients.AddRange(await db.TeamMembers.Where(m => teams.Contains(m.TeamId)).Select(m => m.UserId).ToListAsync(ct));
        }

        if (rule.NotifyRole is { } role)
        {
            var path = workOrder.LocationId is { } locationId
                ? await db.Locations.Where(l => l.Id == locationId).Select(l => l.Path).SingleOrDefaultAsync(ct)
                : null;
            var withRole = await db.Users.AsNoTracking().Where(u => u.Role == role && u.IsActive)
                .Select(u => new { u.Id, Sites = u.Sites.Select(s => s.LocationId).ToList() })
                .ToListAsync(ct);

            // A user limited to some sites hears only about work inside them; work with no location reaches everyone.
            recipients.AddRange(withRole
                .Where(u => u.Sites.Count == 0 || path is null || u.Sites.Any(site => path.Contains($"/{site}/", StringComparison.Ordinal)))
                .Select(u => u.Id));
        }

        return recipients;
    }

    private NotificationMessage Message(EscalationRule rule, WorkOrder workOrder, DateTimeOffset dueAt)
    {
        var values = new Dictionary<string, string?>
        {
            ["workOrderNumber"] = $"WO-{workOrder.Id}",
            ["title"] = workOrder.Title,
            ["target"] = rule.Target == SlaTarget.FirstResponse ? "first response" : "resolution",
            ["dueAt"] = dueAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            ["rule"] = rule.Name,
            ["link"] = $"{links.Origin}/work-orders/{workOrder.Id}",
        };
        return new NotificationMessage(rule.MinutesBefore > 0 ? NotificationEvents.SlaAtRisk : NotificationEvents.SlaBreached, values, workOrder.Id);
    }
}
