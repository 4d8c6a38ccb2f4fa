using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.Requests;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.Files;
using Workdesk.Server.Features.WorkOrders;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.Public;

/// <summary>
/// The endpoints behind request links and QR codes: anyone with a place's key can report a problem
/// and follow it with the status token they get back, without an account.
/// </summary>
public static class PublicEndpoints
{
    public const string ReadPolicy = "public-read";
    public const string WritePolicy = "public-write";

    /// <summary>Largest public submission, photo included.</summary>
    public const long MaxSubmissionBytes = 10 * 1024 * 1024;

    public static IServiceCollection AddPublicRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await Results.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many requests.",
                    detail: "Too many requests came from your network in the last minute. Wait a minute and try again.")
                    .ExecuteAsync(context.HttpContext);
            };

            // Per client address: enough for a person, too little for a script flooding the queue.
            options.AddPolicy(ReadPolicy, context => PerAddress(context, permitsPerMinute: 120));
            options.AddPolicy(WritePolicy, context => PerAddress(context, permitsPerMinute: 10));
        });
        return services;
    }

    private static RateLimitPartition<string> PerAddress(HttpContext context, int permitsPerMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });

    public static void MapPublicEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/public").WithTags("Public request portal").AllowAnonymous();
        group.MapGet("/places/{key}", GetPlace).WithName("GetPublicPlace").RequireRateLimiting(ReadPolicy)
            .WithSummary("Returns the location and asset a request link points at.");
        // The form binds to a class, which the compile-time endpoint generator cannot do yet, so
        // this one endpoint is built when the server starts, as every endpoint was before.
#pragma warning disable RDG003
        group.MapPost("/requests", Submit).WithName("SubmitPublicRequest").RequireRateLimiting(WritePolicy).DisableAntiforgery()
            .WithMetadata(new SubmissionSizeLimit())
            .WithSummary("Reports a problem at a place without an account (multipart form: placeKey, description, optional contactName, contactEmail, photo).");
#pragma warning restore RDG003
        group.MapGet("/requests/{token}", GetStatus).WithName("GetPublicRequest").RequireRateLimiting(ReadPolicy)
            .WithSummary("Returns the status page of a request by the token its submitter got.");
        group.MapPost("/requests/{token}/comments", AddComment).WithName("AddPublicRequestComment").RequireRateLimiting(WritePolicy)
            .WithSummary("Adds the submitter's comment to their request.");
    }

    private static async Task<IResult> GetPlace(string key, WorkdeskDbContext db, CancellationToken ct)
    {
        var place = await PlaceLookup.FindAsync(db, key, ct);
        return place is null ? UnknownKey() : Results.Ok(place);
    }

    private static async Task<IResult> Submit(
        [FromForm] PublicRequestForm form, IFormFile? photo, PublicSubmissions submissions, CancellationToken ct)
    {
        var result = await submissions.SubmitAsync(new PublicSubmission(form.PlaceKey, form.Description, form.ContactName, form.ContactEmail, photo), ct);
        return result.Match(request => Results.Created(
            $"/api/v1/public/requests/{request.StatusToken}",
            new PublicSubmissionResponse(request.StatusToken, "/status/" + request.StatusToken)));
    }

    private static async Task<IResult> GetStatus(string token, WorkdeskDbContext db, CancellationToken ct)
    {
        var request = await FindByTokenAsync(db, token, ct);
        if (request is null)
        {
            return UnknownToken();
        }

        WorkOrderStatus? workOrderStatus = request.WorkOrderId is { } workOrderId
            ? await db.WorkOrders.Where(w => w.Id == workOrderId).Select(w => (WorkOrderStatus?)w.Status).SingleOrDefaultAsync(ct)
            : null;
        var comments = await db.Comments.AsNoTracking()
            .Where(c => !c.IsInternal && (c.WorkRequestId == request.Id || (request.WorkOrderId != null && c.WorkOrderId == request.WorkOrderId)))
            .OrderBy(c => c.Id)
            .Select(c => new PublicCommentResponse(c.Body, c.CreatedAt, c.AuthorId == null))
            .ToListAsync(ct);
        var placeName = request.LocationId is { } locationId
            ? await db.Locations.Where(l => l.Id == locationId).Select(l => l.Name).SingleOrDefaultAsync(ct)
            : null;
        return Results.Ok(new PublicRequestResponse(
            request.Title, request.Description, request.Status, workOrderStatus, request.DeclineReason, request.CreatedAt, placeName, comments));
    }

    private static async Task<IResult> AddComment(string token, PublicCommentRequest comment, WorkdeskDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var request = await FindByTokenAsync(db, token, ct);
        if (request is null)
        {
            return UnknownToken();
        }

        if (string.IsNullOrWhiteSpace(comment.Body) || comment.Body.Length > 5000)
        {
            return Problems.Invalid("body", "body is required, at most 5000 characters.");
        }

        var added = new Comment { WorkRequestId = request.Id, Body = comment.Body.Trim(), CreatedAt = clock.GetUtcNow() };
        db.Comments.Add(added);
        await db.SaveChangesAsync(ct);
        new History(db, clock, actorId: null).Record(Activity.WorkRequestEntity, request.Id, "comment_added", "comment", null, added.Id);
        await db.SaveChangesAsync(ct);
        return Results.Created($"/api/v1/public/requests/{token}", new PublicCommentResponse(added.Body, added.CreatedAt, FromRequester: true));
    }

    private static Task<WorkRequest?> FindByTokenAsync(WorkdeskDbContext db, string token, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(token) || token.Length > 64
            ? Task.FromResult<WorkRequest?>(null)
            : db.WorkRequests.AsNoTracking().SingleOrDefaultAsync(r => r.StatusToken == token, ct);

    private static IResult UnknownKey() =>
        new Error(ErrorKind.NotFound, "This request link is unknown. Check the address, or scan the code on the place again.").ToProblem();

    private static IResult UnknownToken() =>
        new Error(ErrorKind.NotFound, "No request has this status link. Check that the whole address was copied.").ToProblem();

    private sealed class SubmissionSizeLimit : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => MaxSubmissionBytes;
    }
}
