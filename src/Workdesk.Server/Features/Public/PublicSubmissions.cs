using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.Requests;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.Files;
using Workdesk.Server.Features.WorkOrders;

namespace Workdesk.Server.Features.Public;

/// <summary>The text fields of the public request form, as the multipart form sends them.</summary>
public sealed class PublicRequestForm
{
    public string? PlaceKey { get; init; }

    public string? Description { get; init; }

    public string? ContactName { get; init; }

    public string? ContactEmail { get; init; }
}

/// <summary>What a person typed into the public request form.</summary>
public sealed record PublicSubmission(string? PlaceKey, string? Description, string? ContactName, string? ContactEmail, IFormFile? Photo);

/// <summary>Turns a public form submission into a new request, with its photo, in one transaction.</summary>
public sealed class PublicSubmissions(WorkdeskDbContext db, Uploader uploader, TimeProvider clock, Live.LiveUpdates live, Notifications.RequesterNotices notices, Webhooks.WebhookEvents webhooks)
{
    private const int TitleLength = 80;

    public async Task<Result<WorkRequest>> SubmitAsync(PublicSubmission submission, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(submission.Description) || submission.Description.Length > 5000)
        {
            return Error.Invalid("description", "Say what is wrong, in at most 5000 characters.");
        }

        var error = CheckContact(submission);
        if (error is not null)
        {
            return error;
        }

        var place = await PlaceLookup.FindAsync(db, submission.PlaceKey?.Trim() ?? "", ct);
        if (place is null)
        {
            return Error.Invalid("placeKey", "The request link is unknown. Scan the code on the place again.");
        }

        var description = submission.Description.Trim();
        var request = new WorkRequest
        {
            Title = TitleFrom(description),
            Description = description,
            Status = WorkRequestStatus.New,
            Source = RequestSource.Portal,
            LocationId = place.LocationId,
            AssetId = place.AssetId,
            ContactName = string.IsNullOrWhiteSpace(submission.ContactName) ? null : submission.ContactName.Trim(),
            ContactEmail = string.IsNullOrWhiteSpace(submission.ContactEmail) ? null : submission.ContactEmail.Trim(),
            CreatedAt = clock.GetUtcNow(),
        };

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.WorkRequests.Add(request);
        await db.SaveChangesAsync(ct);
        new History(db, clock, actorId: null).Record(Activity.WorkRequestEntity, request.Id, "created", "status", null, "new");
        await notices.ReceivedAsync(request, ct);
        await webhooks.QueueAsync(Domain.Integrations.WebhookEventTypes.RequestReceived, Requests.WorkRequestResponse.From(request), ct);
        await db.SaveChangesAsync(ct);
        if (submission.Photo is not null)
        {
            var stored = await uploader.StoreAsync(submission.Photo, "photo", new AttachmentOwner(RequestId: request.Id), imagesOnly: true, ct);
            if (!stored.IsSuccess)
            {
                return stored.Error!;
            }
        }

        await transaction.CommitAsync(ct);
        live.RequestChanged(request.Id);
        return request;
    }

    /// <summary>Uses the first line of the description, cut at a word, as the request's title.</summary>
    public static string TitleFrom(string description)
    {
        var firstLine = description.Split('\n', 2)[0].Trim();
        if (firstLine.Length <= TitleLength)
        {
            return firstLine;
        }

        var cut = firstLine.LastIndexOf(' ', TitleLength - 1);
        return (cut > TitleLength / 2 ? firstLine[..cut] : firstLine[..(TitleLength - 1)]) + "…";
    }

    private static Error? CheckContact(PublicSubmission submission)
    {
        if (submission.ContactName is { Length: > 200 })
        {
            return Error.Invalid("contactName", "contactName must be at most 200 characters.");
        }

        var email = submission.ContactEmail?.Trim();
        return !string.IsNullOrEmpty(email) && (email.Length > 254 || !System.Net.Mail.MailAddress.TryCreate(email, out _))
            ? Error.Invalid("contactEmail", $"'{email}' is not a valid email address. Leave it empty if you do not want updates by email.")
            : null;
    }
}
