using Workdesk.Domain.Common;
using Workdesk.Domain.WorkOrders;

namespace Workdesk.Domain.Workflows;

/// <summary>Finds the transition that a status change request names.</summary>
public static class WorkflowMoves
{
    /// <summary>
    /// Chooses the transition from <paramref name="fromKey"/> to the status named by key, or, when
    /// only a category is given, to the one status of that category reachable from here (preferring
    /// the status whose key is the category name). Fails with a conflict naming the allowed next
    /// statuses when there is no such transition.
    /// </summary>
    public static Result<WorkflowTransition> Choose(WorkflowDefinition workflow, string fromKey, string? toKey, WorkOrderStatus? toCategory)
    {
        var outgoing = workflow.TransitionsFrom(fromKey).ToList();
        var requested = toKey ?? (toCategory is { } c ? StatusNames.ToApi(c) : "");
        if (toKey is not null && workflow.FindStatus(toKey) is null)
        {
            return Error.Invalid("statusKey", $"statusKey '{toKey}' is not a status of this work order's workflow. Allowed next statuses: {Describe(outgoing)}.");
        }

        var candidates = outgoing
            .Where(t => toKey is not null
                ? t.To == toKey
                : workflow.FindStatus(t.To)?.Category == toCategory)
            .ToList();
        if (candidates.Count == 0)
        {
            return Error.Conflict(
                $"A work order cannot move from {fromKey} to {requested}. Allowed next statuses: {Describe(outgoing)}.",
                "status");
        }

        if (candidates.Count == 1)
        {
            return candidates[0];
        }

        return candidates.FirstOrDefault(t => t.To == requested)
            ?? (Result<WorkflowTransition>)Error.Invalid(
                "statusKey", $"Several statuses of category {requested} follow {fromKey}: {Describe(candidates)}. Send statusKey to choose one.");
    }

    private static string Describe(IEnumerable<WorkflowTransition> transitions)
    {
        var keys = transitions.Select(t => t.To).ToList();
        return keys.Count == 0 ? "none" : string.Join(", ", keys);
    }
}
