using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.People;
using Workdesk.Domain.ServiceLevels;
using Workdesk.Domain.WorkOrders;

namespace Workdesk.Server.Features.ServiceLevels;

/// <summary>An escalation rule as the API shows it.</summary>
public sealed record EscalationRuleDto(
    long Id, string Name, SlaTarget Target, int MinutesBefore, long? PolicyId, Priority? Priority,
    bool NotifyAssignees, IReadOnlyList<long> NotifyUserIds, Role? NotifyRole, long? NotifyTeamId,
    long? ReassignUserId, long? ReassignTeamId, Priority? RaisePriorityTo, bool IsActive, int Version);

/// <summary>
/// A new or replaced escalation rule. MinutesBefore counts business minutes before the due time of
/// the target; zero fires at the due time. At least one action (notify, reassign, raise priority) is required.
/// </summary>
public sealed record SaveEscalationRuleRequest(
    string Name, SlaTarget Target = SlaTarget.Resolution, int MinutesBefore = 0, long? PolicyId = null, Priority? Priority = null,
    bool NotifyAssignees = false, IReadOnlyList<long>? NotifyUserIds = null, Role? NotifyRole = null, long? NotifyTeamId = null,
    long? ReassignUserId = null, long? ReassignTeamId = null, Priority? RaisePriorityTo = null, bool IsActive = true);

/// <summary>Checks escalation rules and converts them between the API and the database.</summary>
public static class EscalationRules
{
    /// <summary>One year in minutes, far beyond any service-level target.</summary>
    public const int MaxMinutesBefore = 525_600;

    public const int MaxNotifiedUsers = 100;

    /// <summary>Checks the request and writes it into the rule; nothing is written when it is invalid.</summary>
    public static async Task<Error?> ApplyAsync(EscalationRule rule, SaveEscalationRuleRequest request, WorkdeskDbContext db, CancellationToken ct)
    {
        var error = Check(request);
        if (error is not null)
        {
            return error;
        }

        var name = request.Name.Trim();
        if (await db.EscalationRules.AnyAsync(r => r.Name == name && r.Id != rule.Id, ct))
        {
            return Error.Conflict($"An escalation rule named '{name}' already exists.", "name");
        }

        if (request.PolicyId is { } policyId && !await db.SlaPolicies.AnyAsync(p => p.Id == policyId, ct))
        {
            return Error.Invalid("policyId", $"SLA policy {policyId} does not exist.");
        }

        var references = new WorkOrders.References(db);
        error = await references.CheckAssigneesAsync(request.NotifyUserIds, "notifyUserIds", ct)
            ?? await references.CheckTeamsAsync(request.NotifyTeamId is { } notifyTeam ? [notifyTeam] : null, "notifyTeamId", ct)
            ?? await references.CheckAssigneesAsync(request.ReassignUserId is { } user ? [user] : null, "reassignUserId", ct)
            ?? await references.CheckTeamsAsync(request.ReassignTeamId is { } team ? [team] : null, "reassignTeamId", ct);
        if (error is not null)
        {
            return error;
        }

        rule.Name = name;
        rule.Target = request.Target;
        rule.MinutesBefore = request.MinutesBefore;
        rule.PolicyId = request.PolicyId;
        rule.Priority = request.Priority;
        rule.NotifyAssignees = request.NotifyAssignees;
        rule.NotifyUserIds = JsonSerializer.Serialize(request.NotifyUserIds?.Distinct().ToList() ?? []);
        rule.NotifyRole = request.NotifyRole;
        rule.NotifyTeamId = request.NotifyTeamId;
        rule.ReassignUserId = request.ReassignUserId;
        rule.ReassignTeamId = request.ReassignTeamId;
        rule.RaisePriorityTo = request.RaisePriorityTo;
        rule.IsActive = request.IsActive;
        return null;
    }

    public static EscalationRuleDto ToDto(EscalationRule r) => new(
        r.Id, r.Name, r.Target, r.MinutesBefore, r.PolicyId, r.Priority, r.NotifyAssignees, NotifiedUserIds(r), r.NotifyRole, r.NotifyTeamId,
        r.ReassignUserId, r.ReassignTeamId, r.RaisePriorityTo, r.IsActive, r.Version);

    public static IReadOnlyList<long> NotifiedUserIds(EscalationRule rule) =>
        JsonSerializer.Deserialize<List<long>>(rule.NotifyUserIds) ?? [];

    private static Error? Check(SaveEscalationRuleRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 200)
        {
            return Error.Invalid("name", "name is required, at most 200 characters.");
        }

        if (request.MinutesBefore is < 0 or > MaxMinutesBefore)
        {
            return Error.Invalid("minutesBefore", $"minutesBefore must be between 0 (at the due time) and {MaxMinutesBefore} business minutes; got {request.MinutesBefore}.");
        }

        if (request.NotifyUserIds is { Count: > MaxNotifiedUsers })
        {
            return Error.Invalid("notifyUserIds", $"notifyUserIds may name at most {MaxNotifiedUsers} users; notify a team or a role instead.");
        }

        if (request.NotifyRole is { } role && !role.IsStaff())
        {
            return Error.Invalid("notifyRole", $"notifyRole must be a staff role (administrator, dispatcher or technician); got {role.ToString().ToLowerInvariant()}.");
        }

        if (request.ReassignUserId is not null && request.ReassignTeamId is not null)
        {
            return Error.Invalid("reassignTeamId", "Set reassignUserId or reassignTeamId, not both.");
        }

        var hasAction = request.NotifyAssignees || request.NotifyUserIds is { Count: > 0 } || request.NotifyRole is not null
            || request.NotifyTeamId is not null || request.ReassignUserId is not null || request.ReassignTeamId is not null
            || request.RaisePriorityTo is not null;
        return hasAction
            ? null
            : Error.Invalid("actions", "The rule has no action: set notifyAssignees, notifyUserIds, notifyRole, notifyTeamId, reassignUserId, reassignTeamId or raisePriorityTo.");
    }
}
