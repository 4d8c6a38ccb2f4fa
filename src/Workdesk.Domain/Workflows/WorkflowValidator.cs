using System.Text.RegularExpressions;
using Workdesk.Domain.People;
using Workdesk.Domain.WorkOrders;

namespace Workdesk.Domain.Workflows;

/// <summary>Checks a workflow definition before it is saved and lists every problem found.</summary>
public static partial class WorkflowValidator
{
    public const int MaxStatuses = 50;
    public const int MaxTransitions = 500;
    public const int MaxFields = 100;

    public static bool IsFinal(WorkOrderStatus category) =>
        category is WorkOrderStatus.Completed or WorkOrderStatus.Closed or WorkOrderStatus.Cancelled;

    public static bool IsValidKey(string? key) => key is not null && KeyPattern().IsMatch(key);

    public static List<string> Validate(WorkflowDefinition definition)
    {
        var problems = new List<string>();
        var statuses = definition.Statuses ?? [];
        var transitions = definition.Transitions ?? [];
        var fields = definition.Fields ?? [];
        CheckStatuses(statuses, problems);
        CheckFields(fields, problems);
        if (transitions.Count > MaxTransitions)
        {
            problems.Add($"A workflow may have at most {MaxTransitions} transitions; it has {transitions.Count}.");
        }

        var keys = statuses.Where(s => s is not null).Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        var initial = definition.FindStatus(definition.InitialStatus ?? "");
        if (initial is null)
        {
            problems.Add($"initialStatus '{definition.InitialStatus}' is not one of the statuses.");
        }
        else if (initial.Category != WorkOrderStatus.Open)
        {
            problems.Add($"initialStatus '{initial.Key}' must have category open; it has {StatusNames.ToApi(initial.Category)}.");
        }

        foreach (var category in new[] { WorkOrderStatus.Open, WorkOrderStatus.Assigned })
        {
            if (!statuses.Any(s => s?.Category == category))
            {
                problems.Add($"The workflow needs a status of category {StatusNames.ToApi(category)}, because assigning or unassigning someone moves a work order there.");
            }
        }

        if (!statuses.Any(s => s is not null && IsFinal(s.Category)))
        {
            problems.Add("The workflow needs at least one final status (category completed, closed or cancelled).");
        }

        CheckTransitions(transitions, keys, fields, problems);
        if (problems.Count == 0 && initial is not null)
        {
            CheckGraph(definition, initial.Key, problems);
        }

        return problems;
    }

    private static void CheckStatuses(IReadOnlyList<WorkflowStatus> statuses, List<string> problems)
    {
        if (statuses.Count == 0 || statuses.Count > MaxStatuses)
        {
            problems.Add($"A workflow needs between 1 and {MaxStatuses} statuses; it has {statuses.Count}.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var status in statuses)
        {
            if (status is null)
            {
                problems.Add("statuses contains an empty entry.");
                continue;
            }

            if (!IsValidKey(status.Key))
            {
                problems.Add($"Status key '{status.Key}' is invalid: use 1 to 50 lower-case letters, digits and underscores, starting with a letter.");
            }
            else if (!seen.Add(status.Key))
            {
                problems.Add($"Status key '{status.Key}' appears more than once.");
            }

            if (string.IsNullOrWhiteSpace(status.Name) || status.Name.Length > 100)
            {
                problems.Add($"Status '{status.Key}' needs a name of 1 to 100 characters.");
            }

            if (!Enum.IsDefined(status.Category))
            {
                problems.Add($"Status '{status.Key}' has an unknown category.");
            }
        }
    }

    private static void CheckFields(IReadOnlyList<FieldDefinition> fields, List<string> problems)
    {
        if (fields.Count > MaxFields)
        {
            problems.Add($"A type may have at most {MaxFields} custom fields; it has {fields.Count}.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (field is null)
            {
                problems.Add("fields contains an empty entry.");
                continue;
            }

            if (!IsValidKey(field.Key))
            {
                problems.Add($"Field key '{field.Key}' is invalid: use 1 to 50 lower-case letters, digits and underscores, starting with a letter.");
            }
            else if (!seen.Add(field.Key))
            {
                problems.Add($"Field key '{field.Key}' appears more than once.");
            }

            if (string.IsNullOrWhiteSpace(field.Label) || field.Label.Length > 100)
            {
                problems.Add($"Field '{field.Key}' needs a label of 1 to 100 characters.");
            }

            if (!Enum.IsDefined(field.Kind))
            {
                problems.Add($"Field '{field.Key}' has an unknown kind.");
            }

            var options = field.Options ?? [];
            var isChoice = field.Kind is FieldKind.Choice or FieldKind.MultiChoice;
            if (isChoice && (options.Count == 0 || options.Count > 200 || options.Any(string.IsNullOrWhiteSpace)
                || options.Distinct(StringComparer.Ordinal).Count() != options.Count))
            {
                problems.Add($"Choice field '{field.Key}' needs 1 to 200 distinct, non-empty options.");
            }

            if (!isChoice && options.Count > 0)
            {
                problems.Add($"Field '{field.Key}' is not a choice field, so it cannot have options.");
            }

            if (field.Unit is not null && (field.Kind != FieldKind.Number || field.Unit.Length > 20))
            {
                problems.Add($"Field '{field.Key}' may have a unit only as a number field, of at most 20 characters.");
            }
        }
    }

    private static void CheckTransitions(
        IReadOnlyList<WorkflowTransition> transitions, HashSet<string> statusKeys, IReadOnlyList<FieldDefinition> fields, List<string> problems)
    {
        var fieldKeys = fields.Where(f => f is not null).Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<(string, string)>();
        foreach (var transition in transitions)
        {
            if (transition is null)
            {
                problems.Add("transitions contains an empty entry.");
                continue;
            }

            var name = $"{transition.From} -> {transition.To}";
            if (!statusKeys.Contains(transition.From ?? ""))
            {
                problems.Add($"Transition {name} starts at '{transition.From}', which is not one of the statuses.");
            }

            if (!statusKeys.Contains(transition.To ?? ""))
            {
                problems.Add($"Transition {name} ends at '{transition.To}', which is not one of the statuses.");
            }

            if (transition.From == transition.To)
            {
                problems.Add($"Transition {name} starts and ends at the same status.");
            }

            if (!seen.Add((transition.From ?? "", transition.To ?? "")))
            {
                problems.Add($"Transition {name} appears more than once.");
            }

            if (transition.Roles is { } roles && (roles.Any(r => !Enum.IsDefined(r)) || (roles.Count == 0 && !transition.Assignee)))
            {
                problems.Add($"Transition {name} lists no valid role and is not open to the assignee, so no one could perform it.");
            }

            var named = (transition.RequiredFields ?? []).Concat(transition.ReadOnlyFields ?? []).Concat(transition.HiddenFields ?? []);
            foreach (var field in named.Where(f => !fieldKeys.Contains(f)).Distinct(StringComparer.Ordinal))
            {
                problems.Add($"Transition {name} names field '{field}', which is not one of the type's fields.");
            }

            var required = (transition.RequiredFields ?? []).ToHashSet(StringComparer.Ordinal);
            foreach (var field in (transition.ReadOnlyFields ?? []).Concat(transition.HiddenFields ?? []).Where(required.Contains).Distinct(StringComparer.Ordinal))
            {
                problems.Add($"Transition {name} makes field '{field}' required and also read-only or hidden, so it could never be filled in.");
            }
        }
    }

    private static void CheckGraph(WorkflowDefinition definition, string initial, List<string> problems)
    {
        var reachable = Walk([initial], key => definition.TransitionsFrom(key).Select(t => t.To));
        foreach (var status in definition.Statuses.Where(s => !reachable.Contains(s.Key)))
        {
            problems.Add($"Status '{status.Key}' cannot be reached from the initial status '{initial}'.");
        }

        var finals = definition.Statuses.Where(s => IsFinal(s.Category)).Select(s => s.Key).ToList();
        var reachesFinal = Walk(finals, key => definition.Transitions.Where(t => t.To == key).Select(t => t.From));
        foreach (var status in definition.Statuses.Where(s => !IsFinal(s.Category) && !reachesFinal.Contains(s.Key)))
        {
            problems.Add($"Status '{status.Key}' is a dead end: no sequence of transitions leads from it to a final status.");
        }
    }

    private static HashSet<string> Walk(IEnumerable<string> start, Func<string, IEnumerable<string>> next)
    {
        var seen = new HashSet<string>(start, StringComparer.Ordinal);
        var queue = new Queue<string>(seen);
        while (queue.TryDequeue(out var key))
        {
            foreach (var neighbour in next(key).Where(seen.Add))
            {
                queue.Enqueue(neighbour);
            }
        }

        return seen;
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,49}$")]
    private static partial Regex KeyPattern();
}
