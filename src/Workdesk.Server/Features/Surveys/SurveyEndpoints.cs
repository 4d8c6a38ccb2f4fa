using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.Notifications;
using Workdesk.Server.Features.Public;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.Surveys;

/// <summary>A survey as its public page shows it: what it is about and whether it was answered.</summary>
public sealed record PublicSurveyResponse(string Title, bool Answered, int? Rating, string? Comment);

/// <summary>The requester's answer: a rating from 1 (poor) to 5 (excellent) and an optional comment.</summary>
public sealed record AnswerSurveyRequest(int Rating, string? Comment = null);

/// <summary>The public satisfaction survey page, answered once through its secret link without signing in.</summary>
public static class SurveyEndpoints
{
    public const int MaxCommentLength = 2000;

    public static void MapSurveyEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/public/surveys").WithTags("Public request portal").AllowAnonymous();
        group.MapGet("/{token}", Get).WithName("GetPublicSurvey").RequireRateLimiting(PublicEndpoints.ReadPolicy)
            .WithSummary("Returns the satisfaction survey behind a link from a completion email.");
        group.MapPost("/{token}", Answer).WithName("AnswerPublicSurvey").RequireRateLimiting(PublicEndpoints.WritePolicy)
            .WithSummary("Records the requester's rating (1-5) and comment; a survey is answered once, a second answer gets 409.");
    }

    private static async Task<IResult> Get(string token, WorkdeskDbContext db, CancellationToken ct)
    {
        var survey = await FindAsync(db, token, ct);
        return survey is null ? UnknownToken() : Results.Ok(survey);
    }

    private static async Task<IResult> Answer(string token, AnswerSurveyRequest request, WorkdeskDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (request.Rating is < SatisfactionSurvey.MinRating or > SatisfactionSurvey.MaxRating)
        {
            return Problems.Invalid("rating", $"rating must be a whole number from {SatisfactionSurvey.MinRating} to {SatisfactionSurvey.MaxRating}; got {request.Rating}.");
        }

        var comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
        if (comment is { Length: > MaxCommentLength })
        {
            return Problems.Invalid("comment", $"comment must be at most {MaxCommentLength} characters; got {comment.Length}.");
        }

        if (string.IsNullOrEmpty(token) || token.Length > 64 || !await db.SatisfactionSurveys.AnyAsync(s => s.Token == token, ct))
        {
            return UnknownToken();
        }

        // The condition on AnsweredAt makes the first answer win when two arrive at once.
        var now = clock.GetUtcNow();
        var answered = await db.SatisfactionSurveys.Where(s => s.Token == token && s.AnsweredAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Rating, request.Rating).SetProperty(x => x.Comment, comment).SetProperty(x => x.AnsweredAt, now), ct);
        if (answered == 0)
        {
            return Error.Conflict("This survey was already answered. Each survey takes one answer.").ToProblem();
        }

        return Results.Ok(await FindAsync(db, token, ct));
    }

    private static async Task<PublicSurveyResponse?> FindAsync(WorkdeskDbContext db, string token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64)
        {
            return null;
        }

        return await db.SatisfactionSurveys.AsNoTracking()
            .Where(s => s.Token == token)
            .Join(db.WorkRequests, s => s.WorkRequestId, r => r.Id, (s, r) => new PublicSurveyResponse(r.Title, s.AnsweredAt != null, s.Rating, s.Comment))
            .SingleOrDefaultAsync(ct);
    }

    private static IResult UnknownToken() => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Not found.",
        detail: "No survey has this link. Check that the whole link from the email was opened.");
}
