using System.Text.Json;
using Workdesk.Domain.WorkOrders;

namespace Workdesk.Server.Features.WorkOrders;

/// <summary>A work order as the API returns it; <see cref="Version"/> is also sent as the ETag.</summary>
/// <param name="ScheduleId">The preventive maintenance schedule that created the work order; null for other work.</param>
public sealed record WorkOrderResponse(
    long Id,
    string Title,
    string? Description,
    string Type,
    string? Category,
    Priority Priority,
    Level? Urgency,
    Level? Impact,
    WorkOrderStatus Status,
    string StatusKey,
    int WorkflowVersion,
    string? StatusReason,
    long? LocationId,
    long? AssetId,
    long? RequesterId,
    long? RequestId,
    long? ScheduleId,
    long? VendorId,
    long? ParentId,
    IReadOnlyList<long> AssigneeUserIds,
    IReadOnlyList<long> AssigneeTeamIds,
    DateTimeOffset? DueAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? ClosedAt,
    double? Latitude,
    double? Longitude,
    string? ExternalId,
    IReadOnlyDictionary<string, JsonElement> CustomFields,
    decimal? EstimatedCost,
    string? EstimatedCostCurrency,
    ServiceLevels.SlaView? Sla,
    int Version)
{
    public static WorkOrderResponse From(WorkOrder w, ServiceLevels.SlaView? sla = null) => new(
        w.Id, w.Title, w.Description, w.Type, w.Category, w.Priority, w.Urgency, w.Impact, w.Status, w.StatusKey ?? StatusNames.ToApi(w.Status), w.WorkflowVersion, w.StatusReason,
        w.LocationId, w.AssetId, w.RequesterId, w.RequestId, w.ScheduleId, w.VendorId, w.ParentId,
        [.. w.Assignments.Where(a => a.UserId is not null).Select(a => a.UserId!.Value).Order()],
        [.. w.Assignments.Where(a => a.TeamId is not null).Select(a => a.TeamId!.Value).Order()],
        w.DueAt, w.CreatedAt, w.UpdatedAt, w.StartedAt, w.CompletedAt, w.ClosedAt,
        w.Latitude, w.Longitude, w.ExternalId, Workflows.CustomFieldValues.Read(w.CustomFields), w.EstimatedCost, w.EstimatedCostCurrency, sla, w.Version);
}

/// <summary>
/// A new work order. Only the title is required. Give either a plain priority, or urgency with
/// impact so that the priority matrix computes it; medium is used when neither is given.
/// </summary>
public sealed record CreateWorkOrderRequest(
    string Title,
    string? Description = null,
    string? Type = null,
    string? Category = null,
    Priority? Priority = null,
    long? LocationId = null,
    long? AssetId = null,
    long? RequesterId = null,
    long? VendorId = null,
    long? ParentId = null,
    DateTimeOffset? DueAt = null,
    IReadOnlyList<long>? AssigneeUserIds = null,
    IReadOnlyList<long>? AssigneeTeamIds = null,
    double? Latitude = null,
    double? Longitude = null,
    IReadOnlyDictionary<string, JsonElement>? CustomFields = null,
    decimal? EstimatedCost = null,
    string? EstimatedCostCurrency = null,
    Level? Urgency = null,
    Level? Impact = null);

/// <summary>
/// The fields a JSON merge patch (RFC 7396) may change: a field that is left out stays as it is,
/// and a field sent as null is cleared.
/// </summary>
public sealed record UpdateWorkOrderRequest(
    string? Title,
    string? Description,
    string? Type,
    string? Category,
    Priority? Priority,
    long? LocationId,
    long? AssetId,
    long? VendorId,
    long? ParentId,
    DateTimeOffset? DueAt,
    IReadOnlyList<long>? AssigneeUserIds,
    IReadOnlyList<long>? AssigneeTeamIds,
    IReadOnlyDictionary<string, JsonElement>? CustomFields,
    decimal? EstimatedCost,
    string? EstimatedCostCurrency,
    Level? Urgency,
    Level? Impact);

/// <summary>
/// A move to another status: either a status of the type's workflow (statusKey) or a category
/// (status), which picks the workflow status of that category that follows the current one. The
/// built-in workflows require a reason for on_hold, cancelled and reopened.
/// Custom field values sent along are checked against the transition's rules and saved with it.
/// </summary>
public sealed record ChangeStatusRequest(
    WorkOrderStatus? Status = null, string? Reason = null, string? StatusKey = null, IReadOnlyDictionary<string, JsonElement>? CustomFields = null);

/// <summary>A status the caller may move the work order to, with what the move requires.</summary>
public sealed record NextStatusResponse(
    string StatusKey, string Name, WorkOrderStatus Category, bool RequiresReason,
    IReadOnlyList<string> RequiredFields, IReadOnlyList<string> ReadOnlyFields, IReadOnlyList<string> HiddenFields);

public sealed record CommentResponse(long Id, long? AuthorId, string Body, bool IsInternal, DateTimeOffset CreatedAt);

public sealed record CreateCommentRequest(string Body, bool IsInternal = false);

public sealed record ActivityResponse(long Id, DateTimeOffset At, long? ActorId, string Action, string? Field, string? OldValue, string? NewValue);
