using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.People;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.Auth;

namespace Workdesk.Server.Features.WorkOrders;

/// <summary>Adds comments to work orders and requests and records them in the history.</summary>
public static class Comments
{
    public const int MaxBodyLength = 20_000;

    /// <summary>Lists the comments of one work order or request, oldest first; internal notes only for staff.</summary>
    public static Task<List<CommentResponse>> ListAsync(
        WorkdeskDbContext db, CurrentUser user, long? workOrderId, long? workRequestId, CancellationToken ct)
    {
        var showInternal = user.Role.IsStaff();
        var comments = workOrderId is { } orderId
            ? db.Comments.Where(c => c.WorkOrderId == orderId)
            : db.Comments.Where(c => c.WorkRequestId == workRequestId);
        return comments.AsNoTracking()
            .Where(c => showInternal || !c.IsInternal)
            .OrderBy(c => c.Id)
            .Select(c => new CommentResponse(c.Id, c.AuthorId, c.Body, c.IsInternal, c.CreatedAt))
            .ToListAsync(ct);
    }

    public static async Task<Result<CommentResponse>> AddAsync(
        WorkdeskDbContext db, CurrentUser user, TimeProvider clock, Webhooks.WebhookEvents webhooks, CreateCommentRequest request,
        long? workOrderId, long? workRequestId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Body))
        {
            return Error.Invalid("body", "body is required: write the comment text.");
        }

        if (request.Body.Length > MaxBodyLength)
        {
            return Error.Invalid("body", $"body must be at most {MaxBodyLength} characters; it has {request.Body.Length}.");
        }

        if (request.IsInternal && !user.Role.IsStaff())
        {
            return Error.Invalid("isInternal", "Only staff can write internal notes.");
        }

        var comment = new Comment
        {
            WorkOrderId = workOrderId,
            WorkRequestId = workRequestId,
            AuthorId = user.Id,
            Body = request.Body,
            IsInternal = request.IsInternal,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Comments.Add(comment);
        await db.SaveChangesAsync(ct);

        var (entity, entityId) = workOrderId is { } id ? (Activity.WorkOrderEntity, id) : (Activity.WorkRequestEntity, workRequestId!.Value);
        new History(db, clock, user.Id).Record(entity, entityId, "comment_added", "comment", null, comment.Id);
        if (!comment.IsInternal)
        {
            await webhooks.QueueAsync(
                Domain.Integrations.WebhookEventTypes.CommentAdded,
                new { workOrderId, requestId = workRequestId, comment = new CommentResponse(comment.Id, comment.AuthorId, comment.Body, comment.IsInternal, comment.CreatedAt) },
                ct);
        }

        await db.SaveChangesAsync(ct);
        return new CommentResponse(comment.Id, comment.AuthorId, comment.Body, comment.IsInternal, comment.CreatedAt);
    }
}
