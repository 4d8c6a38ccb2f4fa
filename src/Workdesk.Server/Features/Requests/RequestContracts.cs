using Workdesk.Domain.Requests;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.WorkOrders;

namespace Workdesk.Server.Features.Requests;

public sealed record WorkRequestResponse(
    long Id, string Title, string? Description, WorkRequestStatus Status, RequestSource Source, string? Category,
    long? LocationId, long? AssetId, long? RequesterId, string? ContactName, string? ContactEmail, string? ContactPhone,
    double? Latitude, double? Longitude, string? DeclineReason, long? WorkOrderId, long? DecidedById,
    DateTimeOffset? DecidedAt, string? ExternalId, DateTimeOffset CreatedAt, int Version)
{
    public static WorkRequestResponse From(WorkRequest r) => new(
        r.Id, r.Title, r.Description, r.Status, r.Source, r.Category, r.LocationId, r.AssetId, r.RequesterId,
        r.ContactName, r.ContactEmail, r.ContactPhone, r.Latitude, r.Longitude, r.DeclineReason, r.WorkOrderId,
        r.DecidedById, r.DecidedAt, r.ExternalId, r.CreatedAt, r.Version);
}

/// <summary>A problem report. Only the title is required.</summary>
public sealed record CreateWorkRequestRequest(
    string Title, string? Description = null, string? Category = null, long? LocationId = null, long? AssetId = null,
    string? ContactName = null, string? ContactEmail = null, string? ContactPhone = null,
    double? Latitude = null, double? Longitude = null);

/// <summary>One work order to create from a request; title and description default to the request's.</summary>
public sealed record ApprovedWorkOrder(
    string? Title = null, string? Type = null, Priority? Priority = null, IReadOnlyList<long>? AssigneeUserIds = null,
    IReadOnlyList<long>? AssigneeTeamIds = null, long? VendorId = null, DateTimeOffset? DueAt = null);

/// <summary>Approves a request into one work order, or several when <see cref="WorkOrders"/> lists them.</summary>
public sealed record ApproveRequest(
    string? Title = null, string? Type = null, Priority? Priority = null, IReadOnlyList<long>? AssigneeUserIds = null,
    IReadOnlyList<long>? AssigneeTeamIds = null, long? VendorId = null, DateTimeOffset? DueAt = null,
    IReadOnlyList<ApprovedWorkOrder>? WorkOrders = null);

public sealed record MergeRequest(long WorkOrderId);

public sealed record DeclineRequest(string Reason);

public sealed record ApproveResponse(WorkRequestResponse Request, IReadOnlyList<WorkOrderResponse> WorkOrders);

public sealed record WorkRequestQuery
{
    public string? Status { get; init; }

    public long? LocationId { get; init; }

    public string? Q { get; init; }

    public int? Page { get; init; }

    public int? PageSize { get; init; }
}
