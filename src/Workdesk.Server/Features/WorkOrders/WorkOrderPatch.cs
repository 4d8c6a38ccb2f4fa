using System.Text.Json;
using System.Text.Json.Nodes;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Features.Workflows;

namespace Workdesk.Server.Features.WorkOrders;

/// <summary>
/// Applies a JSON merge patch (RFC 7396) to a work order. Each named field is checked, changed and
/// recorded in the history, and nothing is saved when any field is invalid.
/// </summary>
public sealed class WorkOrderPatch(
    WorkdeskDbContext db, CurrentUser currentUser, TimeProvider clock, JsonSerializerOptions json, Live.LiveUpdates live,
    Notifications.RequesterNotices notices, ServiceLevels.SlaService sla, Webhooks.WebhookEvents webhooks, WorkflowCatalog workflows,
    Notifications.Notifier notifier, Infrastructure.ReferenceData reference)
{
    private readonly References references = new(db);

    private WorkOrderService Service => new(db, currentUser, clock, live, notices, sla, webhooks, workflows, notifier, reference);

    public async Task<Result<WorkOrder>> ApplyAsync(WorkOrder workOrder, JsonObject patch, CancellationToken ct)
    {
        var history = new History(db, clock, currentUser.Id);
        var entity = Activity.WorkOrderEntity;
        foreach (var (name, node) in patch)
        {
            var error = name switch
            {
                "title" => SetTitle(workOrder, node, history),
                "description" => Set(node, name, WorkOrderRules.CheckDescription, v => workOrder.Description = v, workOrder.Description, history, workOrder.Id),
                "type" => await SetTypeAsync(workOrder, node, history, ct),
                "category" => Set(node, name, WorkOrderRules.CheckCategory, v => workOrder.Category = v, workOrder.Category, history, workOrder.Id),
                "priority" => patch.ContainsKey("urgency") || patch.ContainsKey("impact")
                    ? Error.Invalid("priority", "Send either priority or urgency with impact, not both.")
                    : SetPriority(workOrder, node, history),
                "urgency" or "impact" => null,
                "dueAt" => SetDueAt(workOrder, node, history),
                "locationId" => await SetLocationAsync(workOrder, node, history, ct),
                "assetId" => await SetIdAsync(node, name, references.CheckAssetAsync, v => workOrder.AssetId = v, workOrder.AssetId, history, workOrder.Id, ct),
                "vendorId" => await SetIdAsync(node, name, references.CheckVendorAsync, v => workOrder.VendorId = v, workOrder.VendorId, history, workOrder.Id, ct),
                "parentId" => await SetParentAsync(workOrder, node, history, ct),
                "assigneeUserIds" or "assigneeTeamIds" => null,
                "customFields" => await SetCustomFieldsAsync(workOrder, node, ct),
                "estimatedCost" or "estimatedCostCurrency" => null,
                _ => Error.Invalid(name, $"'{name}' is not a field that can be changed. Changeable fields: title, description, type, category, priority, dueAt, locationId, assetId, vendorId, parentId, assigneeUserIds, assigneeTeamIds, customFields, estimatedCost, estimatedCostCurrency."),
            };
            if (error is not null)
            {
                return error;
            }
        }

        var assignmentError = await SetAssigneesAsync(workOrder, patch, history, ct) ?? SetEstimatedCost(workOrder, patch, history)
            ?? await SetUrgencyAndImpactAsync(workOrder, patch, history, ct);
        if (assignmentError is not null)
        {
            return assignmentError;
        }

        // A new cost, type, priority or place can bring the work order under another approval rule.
        string[] approvalFields = ["estimatedCost", "type", "priority", "urgency", "impact", "locationId"];
        if (approvalFields.Any(patch.ContainsKey))
        {
            await new Approvals.ApprovalService(db, currentUser, clock, notifier, reference).OpenMatchingAsync(workOrder, ct);
        }

        if (WorkOrderRules.FollowAssignment(workOrder) is { } previous)
        {
            history.Record(entity, workOrder.Id, "status_changed", "status", previous, workOrder.Status);
            await sla.OnStatusChangedAsync(workOrder, previous, ct);
        }

        // A new priority, type, category or place can select another policy or target.
        string[] targetFields = ["priority", "urgency", "impact", "type", "category", "locationId"];
        if (targetFields.Any(patch.ContainsKey))
        {
            await sla.RetargetAsync(workOrder, ct);
        }

        workOrder.UpdatedAt = clock.GetUtcNow();
        live.WorkOrderChanged(workOrder);
        return workOrder;
    }

    private static Error? SetTitle(WorkOrder workOrder, JsonNode? node, History history)
    {
        var value = ReadString(node);
        var error = WorkOrderRules.CheckTitle(value);
        if (error is not null)
        {
            return error;
        }

        history.FieldChanged(Activity.WorkOrderEntity, workOrder.Id, "title", workOrder.Title, value!.Trim());
        workOrder.Title = value.Trim();
        return null;
    }

    /// <summary>
    /// Changes the type and moves the work order onto the current version of the new type's
    /// workflow, at that workflow's status of the same category.
    /// </summary>
    private async Task<Error?> SetTypeAsync(WorkOrder workOrder, JsonNode? node, History history, CancellationToken ct)
    {
        var value = ReadString(node);
        var error = value is null ? Error.Invalid("type", "type cannot be cleared.") : await workflows.CheckTypeAsync(value, ct);
        if (error is not null)
        {
            return error;
        }

        if (value == workOrder.Type)
        {
            return null;
        }

        var version = (await workflows.FindAsync(value!, ct))!.CurrentVersion;
        var workflow = (await workflows.GetDefinitionAsync(value!, version, ct))!;
        if (!workflow.Statuses.Any(s => s.Category == workOrder.Status))
        {
            return Error.Invalid("type", $"Type '{value}' has no status of category {StatusNames.ToApi(workOrder.Status)}, so this work order cannot change to it now.");
        }

        history.FieldChanged(Activity.WorkOrderEntity, workOrder.Id, "type", workOrder.Type, value);
        history.FieldChanged(Activity.WorkOrderEntity, workOrder.Id, "workflowVersion", workOrder.WorkflowVersion, version);
        workOrder.Type = value!;
        workOrder.WorkflowVersion = version;
        workOrder.StatusKey = null;

        // Values of fields the new type does not have would be invisible and unchangeable, so they go.
        var kept = CustomFieldValues.Read(workOrder.CustomFields).Where(v => workflow.Fields.Any(f => f.Key == v.Key)).ToDictionary();
        Service.SetCustomFields(workOrder, kept);
        return null;
    }

    /// <summary>Sets the estimated cost and currency, which are checked together.</summary>
    private static Error? SetEstimatedCost(WorkOrder workOrder, JsonObject patch, History history)
    {
        var hasCost = patch.TryGetPropertyValue("estimatedCost", out var costNode);
        var hasCurrency = patch.TryGetPropertyValue("estimatedCostCurrency", out var currencyNode);
        if (!hasCost && !hasCurrency)
        {
            return null;
        }

        var cost = workOrder.EstimatedCost;
        if (hasCost)
        {
            if (costNode is not null && (costNode is not JsonValue value || !value.TryGetValue<decimal>(out _)))
            {
                return Error.Invalid("estimatedCost", "estimatedCost must be a number or null.");
            }

            cost = costNode is null ? null : costNode.GetValue<decimal>();
        }

        var currency = hasCurrency ? ReadString(currencyNode) : workOrder.EstimatedCostCurrency;
        if (cost is null && !hasCurrency)
        {
            currency = null;
        }

        var error = WorkOrderRules.CheckEstimatedCost(cost, currency);
        if (error is not null)
        {
            return error;
        }

        history.FieldChanged(Activity.WorkOrderEntity, workOrder.Id, "estimatedCost", workOrder.EstimatedCost, cost);
        history.FieldChanged(Activity.WorkOrderEntity, workOrder.Id, "estimatedCostCurrency", workOrder.EstimatedCostCurrency, currency);
        workOrder.EstimatedCost = cost;
        workOrder.EstimatedCostCurrency = currency;
        return null;
    }

    /// <summary>Merges the custom field values in the patch; a field sent as null is cleared.</summary>
    private async Task<Error?> SetCustomFieldsAsync(WorkOrder workOrder, JsonNode? node, CancellationToken ct)
    {
        if (node is not JsonObject)
        {
            return Error.Invalid("customFields", "customFields must be an object of field keys and values.");
        }

        var incoming = node.Deserialize<Dictionary<string, JsonElement>>(json)!;
        var workflow = await workflows.GetForAsync(workOrder, ct);
        var values = CustomFieldValues.Merge(CustomFieldValues.Read(workOrder.CustomFields), incoming);
        var error = await new CustomFieldValues(db).CheckAsync(workflow.Fields, incoming, ct) ?? CustomFieldValues.CheckSize(values);
        if (error is not null)
        {
            return error;
        }

        Service.SetCustomFields(workOrder, values);
        return null;
    }

    private static Error? SetPriority(WorkOrder workOrder, JsonNode? node, History history)
    {
        if (node is null || !StatusNames.TryParse(ReadString(node), out Priority priority))
        {
            return Error.Invalid("priority", "priority must be one of: low, medium, high, urgent.");
        }

        history.FieldChanged(Activity.WorkOrderEntity, workOrder.Id, "priority", workOrder.Priority, priority);
        history.FieldChanged(Activity.WorkOrderEntity, workOrder.Id, "urgency", workOrder.Urgency, null);
        history.FieldChanged(Activity.WorkOrderEntity, workOrder.Id, "impact", workOrder.Impact, null);
        workOrder.Priority = priority;
        workOrder.Urgency = null;
        workOrder.Impact = null;
        return null;
    }

    /// <summary>Sets urgency and impact, which come together, and the priority the matrix gives for them.</summary>
    private async Task<Error?> SetUrgencyAndImpactAsync(WorkOrder workOrder, JsonObject patch, History history, CancellationToken ct)
    {
        var hasUrgency = patch.TryGetPropertyValue("urgency", out var urgencyNode);
        var hasImpact = patch.TryGetPropertyValue("impact", out var impactNode);
        if (!hasUrgency && !hasImpact)
        {
            return null;
        }

        if (!hasUrgency || !hasImpact || !TryReadLevel(urgencyNode, out var urgency) || !TryReadLevel(impactNode, out var impact))
        {
            return Error.Invalid("urgency", "Send urgency and impact together, each low, medium or high.");
        }

        var priority = await PriorityMatrixStore.ComputeAsync(db, urgency, impact, ct);
        history.FieldChanged(Activity.WorkOrderEntity, workOrder.Id, "urgency", workOrder.Urgency, urgency);
        history.FieldChanged(Activity.WorkOrderEntity, workOrder.Id, "impact", workOrder.Impact, impact);
        history.FieldChanged(Activity.WorkOrderEntity, workOrder.Id, "priority", workOrder.Priority, priority);
        workOrder.Urgency = urgency;
        workOrder.Impact = impact;
        workOrder.Priority = priority;
        return null;
    }

    private static bool TryReadLevel(JsonNode? node, out Level level)
    {
        level = default;
        var text = ReadString(node);
        foreach (var candidate in Enum.GetValues<Level>())
        {
            if (string.Equals(candidate.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                level = candidate;
                return true;
            }
        }

        return false;
    }

    private Error? SetDueAt(WorkOrder workOrder, JsonNode? node, History history)
    {
        DateTimeOffset? value = null;
        if (node is not null)
        {
            try
            {
                value = node.Deserialize<DateTimeOffset>(json).ToUniversalTime();
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
            {
                return Error.Invalid("dueAt", "dueAt must be an ISO 8601 date and time with an offset, such as 2026-03-01T17:00:00Z, or null to clear it.");
            }
        }

        history.FieldChanged(Activity.WorkOrderEntity, workOrder.Id, "dueAt", workOrder.DueAt, value);
        workOrder.DueAt = value;
        return null;
    }

    private async Task<Error?> SetLocationAsync(WorkOrder workOrder, JsonNode? node, History history, CancellationToken ct)
    {
        var error = await SetIdAsync(node, "locationId", references.CheckLocationAsync, v => workOrder.LocationId = v, workOrder.LocationId, history, workOrder.Id, ct);
        return error ?? await Service.CheckSiteAsync(workOrder.LocationId, ct);
    }

    private async Task<Error?> SetParentAsync(WorkOrder workOrder, JsonNode? node, History history, CancellationToken ct)
    {
        if (!TryReadId(node, out var parentId))
        {
            return Error.Invalid("parentId", "parentId must be a work order id or null.");
        }

        var error = await references.CheckParentAsync(parentId, workOrder.Id, ct);
        if (error is not null)
        {
            return error;
        }

        history.FieldChanged(Activity.WorkOrderEntity, workOrder.Id, "parentId", workOrder.ParentId, parentId);
        workOrder.ParentId = parentId;
        return null;
    }

    private async Task<Error?> SetAssigneesAsync(WorkOrder workOrder, JsonObject patch, History history, CancellationToken ct)
    {
        var hasUsers = patch.TryGetPropertyValue("assigneeUserIds", out var usersNode);
        var hasTeams = patch.TryGetPropertyValue("assigneeTeamIds", out var teamsNode);
        if (!hasUsers && !hasTeams)
        {
            return null;
        }

        var currentUsers = workOrder.Assignments.Where(a => a.UserId is not null).Select(a => a.UserId!.Value).Order().ToList();
        var currentTeams = workOrder.Assignments.Where(a => a.TeamId is not null).Select(a => a.TeamId!.Value).Order().ToList();
        if (!TryReadIds(usersNode, hasUsers, currentUsers, out var users))
        {
            return Error.Invalid("assigneeUserIds", "assigneeUserIds must be an array of user ids, or null to clear it.");
        }

        if (!TryReadIds(teamsNode, hasTeams, currentTeams, out var teams))
        {
            return Error.Invalid("assigneeTeamIds", "assigneeTeamIds must be an array of team ids, or null to clear it.");
        }

        var error = await references.CheckAssigneesAsync(users, "assigneeUserIds", ct)
            ?? await references.CheckTeamsAsync(teams, "assigneeTeamIds", ct);
        if (error is not null)
        {
            return error;
        }

        history.FieldChanged(Activity.WorkOrderEntity, workOrder.Id, "assigneeUserIds", string.Join(",", currentUsers), string.Join(",", users.Distinct().Order()));
        history.FieldChanged(Activity.WorkOrderEntity, workOrder.Id, "assigneeTeamIds", string.Join(",", currentTeams), string.Join(",", teams.Distinct().Order()));
        WorkOrderRules.SetAssignees(workOrder, users, teams);
        await webhooks.QueueAsync(Domain.Integrations.WebhookEventTypes.WorkOrderAssigned, WorkOrderResponse.From(workOrder), ct);
        return null;
    }

    private static Error? Set(JsonNode? node, string field, Func<string?, Error?> check, Action<string?> assign, string? current, History history, long id)
    {
        if (node is not null && node.GetValueKind() != JsonValueKind.String)
        {
            return Error.Invalid(field, $"{field} must be a string or null.");
        }

        var value = ReadString(node);
        var error = check(value);
        if (error is not null)
        {
            return error;
        }

        history.FieldChanged(Activity.WorkOrderEntity, id, field, current, value);
        assign(value);
        return null;
    }

    private static async Task<Error?> SetIdAsync(
        JsonNode? node, string field, Func<long?, string, CancellationToken, Task<Error?>> check,
        Action<long?> assign, long? current, History history, long id, CancellationToken ct)
    {
        if (!TryReadId(node, out var value))
        {
            return Error.Invalid(field, $"{field} must be a whole number id or null.");
        }

        var error = await check(value, field, ct);
        if (error is not null)
        {
            return error;
        }

        history.FieldChanged(Activity.WorkOrderEntity, id, field, current, value);
        assign(value);
        return null;
    }

    private static string? ReadString(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static bool TryReadId(JsonNode? node, out long? id)
    {
        id = null;
        if (node is null)
        {
            return true;
        }

        if (node is JsonValue value && value.TryGetValue<long>(out var number))
        {
            id = number;
            return true;
        }

        return false;
    }

    private static bool TryReadIds(JsonNode? node, bool present, List<long> current, out List<long> ids)
    {
        ids = present ? [] : current;
        if (!present || node is null)
        {
            return true;
        }

        if (node is not JsonArray array)
        {
            return false;
        }

        foreach (var item in array)
        {
            if (item is not JsonValue value || !value.TryGetValue<long>(out var id))
            {
                return false;
            }

            ids.Add(id);
        }

        return true;
    }
}
