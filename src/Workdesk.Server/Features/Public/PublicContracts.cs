using Workdesk.Domain.Requests;
using Workdesk.Domain.WorkOrders;

namespace Workdesk.Server.Features.Public;

/// <summary>The place a request link or QR code points at.</summary>
public sealed record PublicPlaceResponse(
    string Key, long? LocationId, string? LocationName, IReadOnlyList<string> LocationPath, long? AssetId, string? AssetName, string? AssetTag);

/// <summary>What the submitter needs to follow their request without an account.</summary>
public sealed record PublicSubmissionResponse(string StatusToken, string StatusUrl);

public sealed record PublicCommentResponse(string Body, DateTimeOffset CreatedAt, bool FromRequester);

/// <summary>A request as its submitter reads it on the status page, without internal notes or staff names.</summary>
public sealed record PublicRequestResponse(
    string Title, string? Description, WorkRequestStatus Status, WorkOrderStatus? WorkOrderStatus, string? DeclineReason,
    DateTimeOffset CreatedAt, string? PlaceName, IReadOnlyList<PublicCommentResponse> Comments);

public sealed record PublicCommentRequest(string Body);
