using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Requests;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.Public;

namespace Workdesk.Server.Features.Notifications;

/// <summary>
/// The emails a requester who left an address receives: a receipt with the status link, the
/// triage decision, and the completion of the work. Each is queued in the caller's transaction.
/// </summary>
public sealed class RequesterNotices(EmailOutbox outbox, PublicLinks links, WorkdeskDbContext db)
{
    public void Received(WorkRequest request) =>
        outbox.Queue(request.ContactEmail, $"We received your request: {request.Title}",
            $"""
            Thank you for reporting this. Your request is in the queue.

            {request.Title}

            Follow it and add comments here: {links.StatusPage(request.StatusToken)}
            """);

    public void Decided(WorkRequest request)
    {
        var (subject, text) = request.Status switch
        {
            WorkRequestStatus.Approved => ("Work is planned", "Your request was approved and a work order was created."),
            WorkRequestStatus.Merged => ("Work is already planned", "Your request was added to work that is already planned for the same problem."),
            WorkRequestStatus.Declined => ("Your request was declined", $"Your request was declined: {request.DeclineReason}"),
            WorkRequestStatus.New => (null, null),
        };
        if (subject is not null)
        {
            outbox.Queue(request.ContactEmail, $"{subject}: {request.Title}",
                $"""
                {text}

                Status: {links.StatusPage(request.StatusToken)}
                """);
        }
    }

    /// <summary>Tells the requesters of every request behind the work order that the work is done.</summary>
    public async Task CompletedAsync(WorkOrder workOrder, CancellationToken ct)
    {
        if (!outbox.IsEnabled)
        {
            return;
        }

        var requests = await db.WorkRequests.AsNoTracking()
            .Where(r => r.ContactEmail != null && (r.WorkOrderId == workOrder.Id || r.Id == workOrder.RequestId))
            .ToListAsync(ct);
        foreach (var request in requests)
        {
            outbox.Queue(request.ContactEmail, $"Done: {request.Title}",
                $"""
                The work on your request has been completed.

                Status: {links.StatusPage(request.StatusToken)}
                """);
        }
    }
}
