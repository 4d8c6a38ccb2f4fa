namespace Workdesk.Domain.Notifications;

/// <summary>
/// The one-question survey a requester receives when their request's work is completed: a rating
/// from 1 to 5 and an optional comment, answered once through a secret link without signing in.
/// </summary>
public sealed class SatisfactionSurvey
{
    public const int MinRating = 1;
    public const int MaxRating = 5;

    public long Id { get; set; }

    /// <summary>The request whose requester is asked; each request gets at most one survey.</summary>
    public long WorkRequestId { get; set; }

    public long WorkOrderId { get; set; }

    /// <summary>The secret part of the survey link; unique.</summary>
    public string Token { get; set; } = Common.RequestKeys.NewStatusToken();

    public DateTimeOffset CreatedAt { get; set; }

    public int? Rating { get; set; }

    public string? Comment { get; set; }

    public DateTimeOffset? AnsweredAt { get; set; }
}
