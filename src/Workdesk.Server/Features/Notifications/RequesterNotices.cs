using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Notifications;
using Workdesk.Domain.People;
using Workdesk.Domain.Requests;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.Public;

namespace Workdesk.Server.Features.Notifications;

/// <summary>
/// The emails a requester receives at the address they left, or else at their account's address:
/// a receipt with the status link, the triage decision, and the completion of the work. Each is rendered from its email template and
/// queued in the caller's transaction.
/// </summary>
public sealed class RequesterNotices(EmailOutbox outbox, EmailTemplates templates, PublicLinks links, WorkdeskDbContext db, TimeProvider clock)
{
    public Task ReceivedAsync(WorkRequest request, CancellationToken ct) => SendAsync(TemplateCatalog.RequestReceived, request, ct);

    public Task DecidedAsync(WorkRequest request, CancellationToken ct)
    {
        var eventType = request.Status switch
        {
            WorkRequestStatus.Approved => TemplateCatalog.RequestScheduled,
            WorkRequestStatus.Merged => TemplateCatalog.RequestMerged,
            WorkRequestStatus.Declined => TemplateCatalog.RequestDeclined,
            WorkRequestStatus.New => null,
        };
        return eventType is null ? Task.CompletedTask : SendAsync(eventType, request, ct);
    }

    /// <summary>
    /// Tells the requesters of every request behind the work order that the work is done, with a
    /// link to the request's satisfaction survey. A request completed again keeps its first survey.
    /// </summary>
    public async Task CompletedAsync(WorkOrder workOrder, CancellationToken ct)
    {
        if (!outbox.IsEnabled)
        {
            return;
        }

        var requests = await db.WorkRequests.AsNoTracking()
            .Where(r => (r.ContactEmail != null || r.RequesterId != null) && (r.WorkOrderId == workOrder.Id || r.Id == workOrder.RequestId))
            .ToListAsync(ct);
        var requestIds = requests.Select(r => r.Id).ToList();
        var surveys = await db.SatisfactionSurveys.Where(s => requestIds.Contains(s.WorkRequestId)).ToDictionaryAsync(s => s.WorkRequestId, ct);
        foreach (var request in requests)
        {
            if (!surveys.TryGetValue(request.Id, out var survey))
            {
                survey = new SatisfactionSurvey { WorkRequestId = request.Id, WorkOrderId = workOrder.Id, CreatedAt = clock.GetUtcNow() };
                db.SatisfactionSurveys.Add(survey);
            }

            await SendAsync(TemplateCatalog.RequestCompleted, request, ct, links.SurveyPage(survey.Token));
        }
    }

    private async Task SendAsync(string eventType, WorkRequest request, CancellationToken ct, string? surveyLink = null)
    {
        if (!outbox.IsEnabled || await RecipientAsync(request, ct) is not { } recipient)
        {
            return;
        }

        var email = await templates.RenderAsync(eventType, new Dictionary<string, string?>
        {
            ["title"] = request.Title,
            ["requestNumber"] = $"REQ-{request.Id}",
            ["statusLink"] = links.StatusPage(request.StatusToken),
            ["requesterName"] = request.ContactName ?? recipient.Name,
            ["reason"] = request.DeclineReason,
            ["surveyLink"] = surveyLink,
        }, ct);
        outbox.Queue(recipient.Email, email.Subject, email.Body, new MailThreadOwner(WorkRequestId: request.Id));
    }

    /// <summary>
    /// The contact address left with the request, else the address of the submitter's account when
    /// it is an active requester account. Staff who record a request for someone are not written to.
    /// </summary>
    private async Task<(string Email, string? Name)?> RecipientAsync(WorkRequest request, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(request.ContactEmail))
        {
            return (request.ContactEmail, request.ContactName);
        }

        if (request.RequesterId is not { } requesterId)
        {
            return null;
        }

        var user = await db.Users.AsNoTracking().Where(u => u.Id == requesterId && u.IsActive && u.Role == Role.Requester).Select(u => new { u.Email, u.DisplayName }).SingleOrDefaultAsync(ct);
        return user is null ? null : (user.Email, user.DisplayName);
    }
}
