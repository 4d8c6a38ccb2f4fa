using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Approvals;
using Workdesk.Domain.Procedures;
using Workdesk.Domain.Workflows;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.Approvals;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Features.Procedures;
using Workdesk.Server.Features.Workflows;

namespace Workdesk.Server.Features.Configuration;

/// <summary>
/// Compares a configuration document with this installation and applies it. Records are matched
/// by type key and by name; records the document leaves out stay as they are. Applying saves a new
/// workflow version for each changed type, so work orders under way keep the version they follow.
/// </summary>
public sealed class ConfigImporter(WorkdeskDbContext db, WorkflowCatalog catalog, ConfigExporter exporter, CurrentUser currentUser, TimeProvider clock)
{
    private const string Create = "create";
    private const string Update = "update";
    private const string Unchanged = "unchanged";

    private sealed record Plan(ConfigPreview Preview, List<(ConfigApprovalRule Rule, SaveApprovalRuleRequest Request)> Rules, List<(ConfigProcedureTemplate Template, List<ProcedureLink> Links)> Templates);

    public async Task<ConfigPreview> PreviewAsync(ConfigDocument document, CancellationToken ct) => (await PlanAsync(document, ct)).Preview;

    /// <summary>Applies the document in one transaction; nothing changes when the preview lists problems.</summary>
    public async Task<ConfigPreview> ApplyAsync(ConfigDocument document, CancellationToken ct)
    {
        var plan = await PlanAsync(document, ct);
        if (plan.Preview.Problems.Count > 0)
        {
            return plan.Preview;
        }

        var changed = plan.Preview.Changes.Where(c => c.Action != Unchanged).Select(c => (c.Kind, c.Name)).ToHashSet();
        var now = clock.GetUtcNow();
        var userId = currentUser.IsAuthenticated ? currentUser.Id : (long?)null;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var type in document.WorkOrderTypes.Where(t => changed.Contains(("work_order_type", t.Key))))
        {
            await catalog.SaveVersionAsync(type.Key, type.Name.Trim(), type.Workflow, userId, ct);
        }

        foreach (var (rule, request) in plan.Rules.Where(r => changed.Contains(("approval_rule", r.Rule.Name))))
        {
            var stored = await db.ApprovalRules.SingleOrDefaultAsync(r => r.Name == rule.Name, ct);
            if (stored is null)
            {
                stored = new ApprovalRule { Name = rule.Name, Steps = "[]", CreatedAt = now };
                db.ApprovalRules.Add(stored);
            }

            stored.IsActive = request.IsActive;
            stored.WorkOrderType = request.WorkOrderType;
            stored.MinPriority = request.MinPriority;
            stored.MinEstimatedCost = request.MinEstimatedCost;
            stored.Currency = request.Currency;
            stored.LocationId = request.LocationId;
            stored.GateStatus = request.GateStatus;
            stored.Steps = ApprovalService.WriteSteps(request.Steps);
            stored.UpdatedAt = now;
        }

        foreach (var (template, links) in plan.Templates.Where(t => changed.Contains(("procedure_template", t.Template.Name))))
        {
            var stored = await db.ProcedureTemplates.Include(t => t.Links).SingleOrDefaultAsync(t => t.Name == template.Name, ct);
            if (stored is null)
            {
                stored = new ProcedureTemplate { Name = template.Name, Definition = "", CreatedAt = now };
                db.ProcedureTemplates.Add(stored);
            }
            else
            {
                db.Entry(stored).Property(t => t.Version).IsModified = true;
            }

            stored.Description = template.Description;
            stored.Definition = ProcedureCopies.Write(new ProcedureDefinition { Sections = template.Sections });
            stored.UpdatedAt = now;
            stored.Links.Clear();
            stored.Links.AddRange(links);
        }

        if (changed.Contains(("priority_matrix", "priority matrix")))
        {
            await db.PriorityMatrixCells.ExecuteDeleteAsync(ct);
            db.PriorityMatrixCells.AddRange(document.PriorityMatrix.Select(c => new PriorityMatrixCell { Urgency = c.Urgency, Impact = c.Impact, Priority = c.Priority }));
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return plan.Preview;
    }

    private async Task<Plan> PlanAsync(ConfigDocument document, CancellationToken ct)
    {
        var changes = new List<ConfigChange>();
        var problems = new List<string>();
        if (document.Format != ConfigDocument.FormatName || document.FormatVersion != ConfigDocument.CurrentFormatVersion)
        {
            problems.Add($"The document is not a {ConfigDocument.FormatName} version {ConfigDocument.CurrentFormatVersion} file (format '{document.Format}', version {document.FormatVersion}); export it again from a current Workdesk.");
            return new Plan(new ConfigPreview(changes, problems), [], []);
        }

        var typeKeys = await PlanTypesAsync(document.WorkOrderTypes ?? [], changes, problems, ct);
        var rules = await PlanRulesAsync(document.ApprovalRules ?? [], typeKeys, changes, problems, ct);
        var templates = await PlanTemplatesAsync(document.ProcedureTemplates ?? [], typeKeys, changes, problems, ct);
        await PlanMatrixAsync(document.PriorityMatrix ?? [], changes, problems, ct);
        return new Plan(new ConfigPreview(changes, problems), rules, templates);
    }

    /// <summary>Plans the types and returns every type key that exists once the document is applied.</summary>
    private async Task<HashSet<string>> PlanTypesAsync(IReadOnlyList<ConfigWorkOrderType> types, List<ConfigChange> changes, List<string> problems, CancellationToken ct)
    {
        var keys = (await catalog.ListAsync(ct)).Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var type in types)
        {
            if (!WorkflowValidator.IsValidKey(type.Key) || string.IsNullOrWhiteSpace(type.Name) || type.Workflow is null)
            {
                problems.Add($"Work order type '{type.Key}' needs a valid key, a name and a workflow.");
                continue;
            }

            problems.AddRange(WorkflowValidator.Validate(type.Workflow).Select(p => $"Work order type '{type.Key}': {p}"));
            var existing = await catalog.FindAsync(type.Key, ct);
            var current = existing is null ? null : await catalog.GetDefinitionAsync(type.Key, existing.CurrentVersion, ct);
            var action = existing is null ? Create
                : existing.Name == type.Name.Trim() && Same(current, type.Workflow) ? Unchanged
                : Update;
            var detail = action == Update ? $"saved as version {existing!.CurrentVersion + 1}; work orders under way keep version {existing.CurrentVersion} until it is applied to them" : null;
            changes.Add(new ConfigChange("work_order_type", type.Key, action, detail));
            keys.Add(type.Key);
        }

        return keys;
    }

    private async Task<List<(ConfigApprovalRule, SaveApprovalRuleRequest)>> PlanRulesAsync(
        IReadOnlyList<ConfigApprovalRule> rules, HashSet<string> typeKeys, List<ConfigChange> changes, List<string> problems, CancellationToken ct)
    {
        var stored = await db.ApprovalRules.AsNoTracking().ToListAsync(ct);
        var names = await exporter.NamesAsync(stored, [], ct);
        var planned = new List<(ConfigApprovalRule, SaveApprovalRuleRequest)>();
        foreach (var rule in rules)
        {
            var prefix = $"Approval rule '{rule.Name}'";
            var count = problems.Count;
            long? locationId = null;
            if (rule.LocationExternalId is { } locationName)
            {
                var matches = await db.Locations.Where(l => l.ExternalId == locationName || (l.ExternalId == null && l.Name == locationName)).Select(l => l.Id).Take(2).ToListAsync(ct);
                if (matches.Count != 1)
                {
                    problems.Add($"{prefix}: location '{locationName}' matches {(matches.Count == 0 ? "no location" : "several locations")}; give the location that external id here first.");
                }
                else
                {
                    locationId = matches[0];
                }
            }

            var steps = new List<ApprovalStep>();
            foreach (var step in rule.Steps ?? [])
            {
                long? userId = null;
                if (step.UserEmail is { } email)
                {
                    userId = await db.Users.Where(u => u.Email == email).Select(u => (long?)u.Id).SingleOrDefaultAsync(ct);
                    if (userId is null)
                    {
                        problems.Add($"{prefix}: no user has the email '{email}'; create the user first.");
                    }
                }

                steps.Add(new ApprovalStep(step.Role, step.LocationManager, userId));
            }

            if (rule.WorkOrderType is { } type && !typeKeys.Contains(type))
            {
                problems.Add($"{prefix}: work order type '{type}' exists neither here nor in the document.");
            }

            var request = new SaveApprovalRuleRequest(rule.Name ?? "", steps, rule.IsActive, null, rule.MinPriority, rule.MinEstimatedCost, rule.Currency, locationId, rule.GateStatus);
            if (problems.Count == count && await ApprovalEndpoints.CheckAsync(request, db, catalog, ct) is { } error)
            {
                problems.Add($"{prefix}: {error.Message}");
            }

            var existing = stored.FirstOrDefault(r => r.Name == rule.Name);
            var action = existing is null ? Create : Same(ConfigExporter.ToConfig(existing, names), rule) ? Unchanged : Update;
            changes.Add(new ConfigChange("approval_rule", rule.Name ?? "", action));
            planned.Add((rule, request with { WorkOrderType = rule.WorkOrderType }));
        }

        return planned;
    }

    private async Task<List<(ConfigProcedureTemplate, List<ProcedureLink>)>> PlanTemplatesAsync(
        IReadOnlyList<ConfigProcedureTemplate> templates, HashSet<string> typeKeys, List<ConfigChange> changes, List<string> problems, CancellationToken ct)
    {
        var stored = await db.ProcedureTemplates.AsNoTracking().Include(t => t.Links).ToListAsync(ct);
        var names = await exporter.NamesAsync([], stored, ct);
        var planned = new List<(ConfigProcedureTemplate, List<ProcedureLink>)>();
        foreach (var template in templates)
        {
            var prefix = $"Procedure template '{template.Name}'";
            if (string.IsNullOrWhiteSpace(template.Name) || template.Name.Length > 200)
            {
                problems.Add("Each procedure template needs a name of 1 to 200 characters.");
                continue;
            }

            problems.AddRange(ProcedureRules.Validate(new ProcedureDefinition { Sections = template.Sections ?? [] }).Select(p => $"{prefix}: {p}"));
            var links = new List<ProcedureLink>();
            foreach (var link in template.AttachTo ?? [])
            {
                var resolved = new ProcedureLink { WorkOrderType = link.WorkOrderType };
                if (link.WorkOrderType is { } type && !typeKeys.Contains(type))
                {
                    problems.Add($"{prefix}: work order type '{type}' exists neither here nor in the document.");
                }

                if (link.AssetTypeName is { } typeName)
                {
                    resolved.AssetTypeId = await db.AssetTypes.Where(t => t.Name == typeName).Select(t => (long?)t.Id).SingleOrDefaultAsync(ct);
                    if (resolved.AssetTypeId is null)
                    {
                        problems.Add($"{prefix}: no asset type is named '{typeName}'; create or import it first.");
                    }
                }

                if (link.AssetTag is { } tag)
                {
                    resolved.AssetId = await db.Assets.Where(a => a.Tag == tag).Select(a => (long?)a.Id).SingleOrDefaultAsync(ct);
                    if (resolved.AssetId is null)
                    {
                        problems.Add($"{prefix}: no asset has the tag '{tag}'; import the assets first.");
                    }
                }

                if (link.WorkOrderType is null && link.AssetTypeName is null && link.AssetTag is null)
                {
                    problems.Add($"{prefix}: each attachTo entry needs a workOrderType, an assetTypeName or an assetTag.");
                }

                links.Add(resolved);
            }

            var existing = stored.FirstOrDefault(t => t.Name == template.Name);
            var action = existing is null ? Create : Same(ConfigExporter.ToConfig(existing, names), template) ? Unchanged : Update;
            changes.Add(new ConfigChange("procedure_template", template.Name, action,
                action == Update ? "work orders created earlier keep their copies" : null));
            planned.Add((template, links));
        }

        return planned;
    }

    private async Task PlanMatrixAsync(IReadOnlyList<Workflows.PriorityMatrixCellDto> cells, List<ConfigChange> changes, List<string> problems, CancellationToken ct)
    {
        if (cells.Count == 0)
        {
            return;
        }

        if (cells.Count != 9 || cells.Select(c => (c.Urgency, c.Impact)).Distinct().Count() != 9)
        {
            problems.Add("priorityMatrix must list each of the nine urgency and impact pairs once.");
            return;
        }

        var current = (await PriorityMatrixStore.ReadAsync(db, ct)).Cells;
        var same = cells.All(c => current.Any(s => s == c));
        changes.Add(new ConfigChange("priority_matrix", "priority matrix", same ? Unchanged : Update));
    }

    /// <summary>Compares two definitions by their JSON, with numbers by value, so 2000 and 2000.0 are the same cost.</summary>
    private static bool Same<T>(T? current, T incoming) =>
        current is not null && Canonical(JsonSerializer.SerializeToNode(current, WorkflowCatalog.Json)) == Canonical(JsonSerializer.SerializeToNode(incoming, WorkflowCatalog.Json));

    private static string Canonical(JsonNode? node) => Normalize(node)?.ToJsonString() ?? "null";

    private static JsonNode? Normalize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var normalized = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    normalized[key] = Normalize(value?.DeepClone());
                }

                return normalized;
            case JsonArray array:
                return new JsonArray([.. array.Select(item => Normalize(item?.DeepClone()))]);
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number
                && decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number):
                // Dividing by one with 28 decimal places drops trailing zeros from the scale.
                return JsonValue.Create(number / 1.0000000000000000000000000000m);
            default:
                return node?.DeepClone();
        }
    }
}
