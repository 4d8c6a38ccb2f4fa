using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Workdesk.Data;
using Workdesk.Domain.Notifications;
using Workdesk.Domain.People;
using Workdesk.Domain.Requests;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.Files;
using Workdesk.Server.Features.Notifications;
using Workdesk.Server.Features.WorkOrders;
using Workdesk.Server.Hosting;

namespace Workdesk.Server.Features.EmailIntake;

public enum IntakeOutcome
{
    RequestCreated,
    CommentAdded,

    /// <summary>Automatic mail (auto-reply, bounce, list): accepted and dropped, with no reply.</summary>
    Ignored,

    /// <summary>The same Message-ID arrived before, so the mail was already filed.</summary>
    Duplicate,

    /// <summary>The sender is unknown and the policy rejects unknown senders.</summary>
    Rejected,
}

public sealed record IntakeResult(IntakeOutcome Outcome, long? WorkRequestId = null, long? WorkOrderId = null, string? Reason = null);

/// <summary>
/// Files one incoming mail: a reply to a known conversation becomes a comment there, any other
/// mail a new work request with its text and attachments. The rows are written in one database
/// transaction, and the listener replies "250 OK" only after it commits.
/// </summary>
public sealed partial class MailIntake(
    WorkdeskDbContext db, FileStore files, TimeProvider clock, IOptions<ServerSettings> settings,
    RequesterNotices notices, Webhooks.WebhookEvents webhooks, ILogger<MailIntake> logger)
{
    private const int MaxTitleLength = 300;
    private const int MaxDescriptionLength = 10_000;

    public async Task<IntakeResult> ReceiveAsync(MimeMessage message, CancellationToken ct)
    {
        var sender = message.From.Mailboxes.FirstOrDefault() ?? message.Sender;
        if (sender is null || string.IsNullOrWhiteSpace(sender.Address))
        {
            return new IntakeResult(IntakeOutcome.Ignored, Reason: "no sender address");
        }

        var automatic = AutomaticMail.Reason(message, sender);
        if (automatic is not null)
        {
            return new IntakeResult(IntakeOutcome.Ignored, Reason: automatic);
        }

        var messageId = string.IsNullOrWhiteSpace(message.MessageId) ? null : message.MessageId.Trim();
        if (messageId is not null && await db.MailThreads.AnyAsync(t => t.MessageId == messageId, ct))
        {
            return new IntakeResult(IntakeOutcome.Duplicate);
        }

        var address = sender.Address.Trim().ToLowerInvariant();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == address && u.IsActive, ct);
        var text = MailText.Of(message);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var thread = await FindThreadAsync(message, ct);
        if (thread is { } owner && await MayCommentAsync(owner, address, user, ct))
        {
            await AddCommentAsync(message, owner, user, MailText.WithoutQuote(text), messageId, ct);
            await transaction.CommitAsync(ct);
            return new IntakeResult(IntakeOutcome.CommentAdded, owner.WorkRequestId, owner.WorkOrderId);
        }

        var policy = settings.Value.EmailIntake.UnknownSenders.Trim().ToLowerInvariant();
        if (user is null && policy == "reject")
        {
            return new IntakeResult(IntakeOutcome.Rejected, Reason: $"unknown sender {address}");
        }

        if (user is null && policy == "accept")
        {
            user = await CreateRequesterAsync(address, sender.Name, ct);
        }

        var request = await CreateRequestAsync(message, sender, user, text, messageId, ct);
        await transaction.CommitAsync(ct);
        return new IntakeResult(IntakeOutcome.RequestCreated, request.Id);
    }

    /// <summary>Finds the conversation by the Message-IDs the mail replies to, newest first, then by the last [WO-123] or [REQ-45] tag in the subject.</summary>
    private async Task<MailThreadOwner?> FindThreadAsync(MimeMessage message, CancellationToken ct)
    {
        var ids = new List<string>();
        if (!string.IsNullOrWhiteSpace(message.InReplyTo))
        {
            ids.Add(message.InReplyTo.Trim());
        }

        ids.AddRange(message.References.Reverse());
        if (ids.Count > 0)
        {
            var known = await db.MailThreads.AsNoTracking().Where(t => ids.Contains(t.MessageId)).ToListAsync(ct);
            var match = ids.Select(id => known.FirstOrDefault(t => t.MessageId == id)).FirstOrDefault(t => t is not null);
            if (match is not null)
            {
                return await OwnerOfAsync(match.WorkRequestId, match.WorkOrderId, ct);
            }
        }

        // Each receipt adds its own tag after any tag the original subject already carried, so the last one is the newest.
        var tag = SubjectTag().Matches(message.Subject ?? "").LastOrDefault();
        if (tag is null || !long.TryParse(tag.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture, out var tagged))
        {
            return null;
        }

        return tag.Groups["kind"].Value.Equals("WO", StringComparison.OrdinalIgnoreCase)
            ? await db.WorkOrders.AnyAsync(w => w.Id == tagged, ct) ? new MailThreadOwner(WorkOrderId: tagged) : null
            : await db.WorkRequests.AnyAsync(r => r.Id == tagged, ct) ? await OwnerOfAsync(tagged, null, ct) : null;
    }

    /// <summary>Follows a request to the work order it was approved into, so a reply lands where the work happens.</summary>
    private async Task<MailThreadOwner> OwnerOfAsync(long? workRequestId, long? workOrderId, CancellationToken ct)
    {
        if (workOrderId is null && workRequestId is { } requestId
            && await db.WorkRequests.Where(r => r.Id == requestId).Select(r => r.WorkOrderId).SingleOrDefaultAsync(ct) is { } approvedInto)
        {
            return new MailThreadOwner(requestId, approvedInto);
        }

        return new MailThreadOwner(workRequestId, workOrderId);
    }

    /// <summary>
    /// Staff may comment on any conversation by mail; others only on their own requests and work
    /// orders. A stranger's reply becomes a new request instead, so a leaked subject tag or
    /// Message-ID does not let anyone write into someone else's request.
    /// </summary>
    private async Task<bool> MayCommentAsync(MailThreadOwner owner, string address, User? user, CancellationToken ct)
    {
        if (user is not null && user.Role.IsStaff())
        {
            return true;
        }

        var userId = user?.Id;
        if (owner.WorkOrderId is { } workOrderId
            && await db.WorkOrders.AnyAsync(w => w.Id == workOrderId && userId != null && w.RequesterId == userId, ct))
        {
            return true;
        }

        var requesters = await db.WorkRequests.AsNoTracking()
            .Where(r => r.Id == owner.WorkRequestId || (owner.WorkOrderId != null && r.WorkOrderId == owner.WorkOrderId))
            .Select(r => new { r.ContactEmail, r.RequesterId })
            .ToListAsync(ct);
        return requesters.Any(r => string.Equals(r.ContactEmail?.Trim(), address, StringComparison.OrdinalIgnoreCase) || (userId != null && r.RequesterId == userId));
    }

    private async Task AddCommentAsync(MimeMessage message, MailThreadOwner owner, User? author, string text, string? messageId, CancellationToken ct)
    {
        var comment = new Comment
        {
            WorkOrderId = owner.WorkOrderId,
            WorkRequestId = owner.WorkOrderId is null ? owner.WorkRequestId : null,
            AuthorId = author?.Id,
            Body = Shorten(string.IsNullOrWhiteSpace(text) ? "(empty reply)" : text, Comments.MaxBodyLength),
            CreatedAt = clock.GetUtcNow(),
        };
        db.Comments.Add(comment);
        await db.SaveChangesAsync(ct);

        var (entity, entityId) = comment.WorkOrderId is { } workOrderId ? (Activity.WorkOrderEntity, workOrderId) : (Activity.WorkRequestEntity, comment.WorkRequestId!.Value);
        new History(db, clock, author?.Id).Record(entity, entityId, "comment_added", "comment", null, comment.Id);
        await webhooks.QueueAsync(
            Domain.Integrations.WebhookEventTypes.CommentAdded,
            new { workOrderId = comment.WorkOrderId, requestId = comment.WorkRequestId, comment = new CommentResponse(comment.Id, comment.AuthorId, comment.Body, comment.IsInternal, comment.CreatedAt) },
            ct);
        await StoreAttachmentsAsync(message, new MailThreadOwner(comment.WorkRequestId, comment.WorkOrderId), author?.Id, ct);
        RecordThread(messageId, new MailThreadOwner(comment.WorkRequestId ?? owner.WorkRequestId, comment.WorkOrderId));
        await db.SaveChangesAsync(ct);
        LogComment(logger, comment.Id, comment.WorkOrderId, comment.WorkRequestId);
    }

    private async Task<User> CreateRequesterAsync(string address, string? name, CancellationToken ct)
    {
        var user = new User
        {
            Email = address,
            DisplayName = Shorten(string.IsNullOrWhiteSpace(name) ? address : name.Trim(), 200),
            Role = Role.Requester,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        LogRequesterCreated(logger, user.Id);
        return user;
    }

    private async Task<WorkRequest> CreateRequestAsync(MimeMessage message, MailboxAddress sender, User? user, string text, string? messageId, CancellationToken ct)
    {
        var title = (message.Subject ?? "").ReplaceLineEndings(" ").Trim();
        if (title.Length == 0)
        {
            title = text.Length > 0 ? Public.PublicSubmissions.TitleFrom(text) : "(no subject)";
        }

        var request = new WorkRequest
        {
            Title = Shorten(title, MaxTitleLength),
            Description = text.Length > 0 ? Shorten(text, MaxDescriptionLength) : null,
            Status = WorkRequestStatus.New,
            Source = RequestSource.Email,
            RequesterId = user?.Id,
            ContactName = string.IsNullOrWhiteSpace(sender.Name) ? user?.DisplayName : Shorten(sender.Name.Trim(), 200),
            ContactEmail = sender.Address.Trim(),
            CreatedAt = clock.GetUtcNow(),
        };
        db.WorkRequests.Add(request);
        await db.SaveChangesAsync(ct);

        new History(db, clock, user?.Id).Record(Activity.WorkRequestEntity, request.Id, "created", "status", null, "new");
        await StoreAttachmentsAsync(message, new MailThreadOwner(WorkRequestId: request.Id), user?.Id, ct);
        RecordThread(messageId, new MailThreadOwner(WorkRequestId: request.Id));
        await notices.ReceivedAsync(request, ct);
        await webhooks.QueueAsync(Domain.Integrations.WebhookEventTypes.RequestReceived, Requests.WorkRequestResponse.From(request), ct);
        await db.SaveChangesAsync(ct);
        LogRequest(logger, request.Id);
        return request;
    }

    /// <summary>
    /// Attaches the mail's files to the request or work order. Only the types the upload API
    /// accepts are stored; others are skipped and logged.
    /// </summary>
    private async Task StoreAttachmentsAsync(MimeMessage message, MailThreadOwner owner, long? uploaderId, CancellationToken ct)
    {
        foreach (var part in message.Attachments.OfType<MimePart>().Where(p => p.Content is not null))
        {
            var contentType = part.ContentType.MimeType.ToLowerInvariant();
            var fileName = Path.GetFileName(part.FileName ?? "");
            using var content = new MemoryStream();
            await part.Content!.DecodeToAsync(content, ct);
            var head = content.GetBuffer().AsSpan(0, (int)Math.Min(16, content.Length));
            if (!FileTypes.Matches(contentType, head))
            {
                LogAttachmentSkipped(logger, owner.WorkRequestId, owner.WorkOrderId, contentType);
                continue;
            }

            content.Position = 0;
            if (await files.SaveAsync(content, settings.Value.MaxAttachmentBytes, ct) is not { } saved)
            {
                LogAttachmentSkipped(logger, owner.WorkRequestId, owner.WorkOrderId, contentType);
                continue;
            }

            db.Attachments.Add(new Attachment
            {
                WorkRequestId = owner.WorkRequestId,
                WorkOrderId = owner.WorkOrderId,
                FileName = string.IsNullOrWhiteSpace(fileName) ? "attachment" : fileName[..Math.Min(fileName.Length, 255)],
                ContentType = contentType,
                Size = saved.Size,
                Sha256 = saved.Sha256,
                UploadedById = uploaderId,
                CreatedAt = clock.GetUtcNow(),
            });
        }
    }

    private void RecordThread(string? messageId, MailThreadOwner owner)
    {
        if (messageId is not null)
        {
            db.MailThreads.Add(new MailThread { MessageId = messageId, WorkRequestId = owner.WorkRequestId, WorkOrderId = owner.WorkOrderId, CreatedAt = clock.GetUtcNow() });
        }
    }

    private static string Shorten(string text, int maxLength) => text.Length > maxLength ? text[..(maxLength - 3)] + "..." : text;

    [GeneratedRegex(@"\[(?<kind>WO|REQ)-(?<id>\d{1,18})\]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SubjectTag();

    [LoggerMessage(EventId = 80, Level = LogLevel.Information, Message = "Email intake created request {RequestId}")]
    private static partial void LogRequest(ILogger logger, long requestId);

    [LoggerMessage(EventId = 81, Level = LogLevel.Information, Message = "Email intake added comment {CommentId} to work order {WorkOrderId} / request {RequestId}")]
    private static partial void LogComment(ILogger logger, long commentId, long? workOrderId, long? requestId);

    [LoggerMessage(EventId = 82, Level = LogLevel.Information, Message = "Email intake created requester account {UserId} for an unknown sender")]
    private static partial void LogRequesterCreated(ILogger logger, long userId);

    [LoggerMessage(EventId = 83, Level = LogLevel.Warning, Message = "Email intake skipped an attachment of type {ContentType} for request {RequestId} / work order {WorkOrderId}: the type is not accepted or the file is too large")]
    private static partial void LogAttachmentSkipped(ILogger logger, long? requestId, long? workOrderId, string contentType);
}
