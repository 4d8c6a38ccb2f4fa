using Workdesk.Domain.Common;
using Workdesk.Domain.WorkOrders;

namespace Workdesk.Server.Features.WorkOrders;

/// <summary>Checks of single values that every way of writing a work order shares.</summary>
public static class WorkOrderRules
{
    public const int MaxTitleLength = 300;
    public const int MaxDescriptionLength = 10_000;

    public static Error? CheckTitle(string? title) =>
        string.IsNullOrWhiteSpace(title)
            ? Error.Invalid("title", "title is required: say in a few words what needs doing.")
            : title.Trim().Length > MaxTitleLength
                ? Error.Invalid("title", $"title must be at most {MaxTitleLength} characters; it has {title.Trim().Length}.")
                : null;

    public static Error? CheckDescription(string? description) =>
        description is { Length: > MaxDescriptionLength }
            ? Error.Invalid("description", $"description must be at most {MaxDescriptionLength} characters; it has {description.Length}.")
            : null;

    public static Error? CheckPriority(Priority? priority) =>
        priority is { } value && !Enum.IsDefined(value)
            ? Error.Invalid("priority", "priority must be one of: low, medium, high, urgent.")
            : null;

    /// <summary>Checks an estimated cost and its currency, which must come together.</summary>
    public static Error? CheckEstimatedCost(decimal? cost, string? currency)
    {
        if (cost is < 0 or > 1_000_000_000_000m)
        {
            return Error.Invalid("estimatedCost", $"estimatedCost must be between 0 and 1,000,000,000,000; got {cost}.");
        }

        if (cost is not null && !Approvals.ApprovalEndpoints.IsCurrency(currency))
        {
            return Error.Invalid("estimatedCostCurrency", "An estimated cost needs estimatedCostCurrency, a three-letter ISO 4217 code such as EUR.");
        }

        return cost is null && currency is not null
            ? Error.Invalid("estimatedCost", "estimatedCostCurrency was given without estimatedCost; send both or neither.")
            : null;
    }

    public static Error? CheckCategory(string? category) =>
        category is { Length: > 200 } ? Error.Invalid("category", "category must be at most 200 characters.") : null;

    public static Error? CheckCoordinates(double? latitude, double? longitude)
    {
        if (latitude is { } lat && (lat < -90 || lat > 90 || double.IsNaN(lat)))
        {
            return Error.Invalid("latitude", $"latitude must be between -90 and 90; got {lat}.");
        }

        return longitude is { } lon && (lon < -180 || lon > 180 || double.IsNaN(lon))
            ? Error.Invalid("longitude", $"longitude must be between -180 and 180; got {lon}.")
            : null;
    }

    /// <summary>Replaces the assignments with the given people and teams.</summary>
    public static void SetAssignees(WorkOrder workOrder, IEnumerable<long> userIds, IEnumerable<long> teamIds)
    {
        workOrder.Assignments.Clear();
        foreach (var userId in userIds.Distinct())
        {
            workOrder.Assignments.Add(new WorkOrderAssignment { UserId = userId });
        }

        foreach (var teamId in teamIds.Distinct())
        {
            workOrder.Assignments.Add(new WorkOrderAssignment { TeamId = teamId });
        }
    }

    /// <summary>
    /// Moves an open work order to assigned once someone is assigned, and an assigned one back to
    /// open when no one is. Returns the status it left when it moved.
    /// </summary>
    public static WorkOrderStatus? FollowAssignment(WorkOrder workOrder)
    {
        var hasAssignee = workOrder.Assignments.Count > 0 || workOrder.VendorId is not null;
        var before = workOrder.Status;
        if (hasAssignee && before is WorkOrderStatus.Open or WorkOrderStatus.Reopened)
        {
            workOrder.Status = WorkOrderStatus.Assigned;
            workOrder.StatusKey = null;
            return before;
        }

        if (!hasAssignee && before == WorkOrderStatus.Assigned)
        {
            workOrder.Status = WorkOrderStatus.Open;
            workOrder.StatusKey = null;
            return before;
        }

        return null;
    }
}
