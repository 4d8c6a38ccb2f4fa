using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Procedures;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.Workflows;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.Procedures;

/// <summary>Gives new work orders copies of the procedures that apply to them, and reports unfinished required steps.</summary>
public static class ProcedureCopies
{
    public static ProcedureDefinition Read(string json) =>
        JsonSerializer.Deserialize<ProcedureDefinition>(json, WorkflowCatalog.Json)!;

    public static string Write(ProcedureDefinition definition) =>
        JsonSerializer.Serialize(definition, WorkflowCatalog.Json);

    /// <summary>
    /// Adds a copy of every template linked to the work order's type, its asset's type or its asset
    /// (all criteria of a link must match). The copies are saved with the work order.
    /// </summary>
    public static async Task AttachAsync(WorkdeskDbContext db, ReferenceData reference, WorkOrder workOrder, DateTimeOffset now, CancellationToken ct)
    {
        var links = await reference.GetAsync("procedure-links", (context, token) => context.ProcedureLinks.AsNoTracking().ToListAsync(token), ct);
        if (links.Count == 0)
        {
            return;
        }

        var type = workOrder.Type;
        var assetId = workOrder.AssetId;
        long? assetTypeId = assetId is { } id
            ? await db.Assets.Where(a => a.Id == id).Select(a => a.AssetTypeId).SingleOrDefaultAsync(ct)
            : null;
        var templateIds = links
            .Where(l => l.WorkOrderType == type || (assetTypeId != null && l.AssetTypeId == assetTypeId) || (assetId != null && l.AssetId == assetId))
            .Where(l => (l.WorkOrderType is null || l.WorkOrderType == type)
                && (l.AssetTypeId is null || l.AssetTypeId == assetTypeId)
                && (l.AssetId is null || l.AssetId == assetId))
            .Select(l => l.TemplateId)
            .Distinct()
            .ToList();
        if (templateIds.Count == 0)
        {
            return;
        }

        var templates = await db.ProcedureTemplates.AsNoTracking().Where(t => templateIds.Contains(t.Id)).OrderBy(t => t.Id).ToListAsync(ct);
        foreach (var template in templates)
        {
            workOrder.Procedures.Add(new WorkOrderProcedure
            {
                TemplateId = template.Id,
                TemplateVersion = template.Version,
                Name = template.Name,
                Definition = template.Definition,
                CreatedAt = now,
            });
        }
    }

    /// <summary>Lists the required steps of the work order's procedures that have no result, as "Procedure: Section › Step".</summary>
    public static async Task<List<string>> MissingRequiredAsync(WorkdeskDbContext db, long workOrderId, CancellationToken ct)
    {
        var procedures = await db.WorkOrderProcedures.AsNoTracking().Include(p => p.Results)
            .Where(p => p.WorkOrderId == workOrderId).OrderBy(p => p.Id).ToListAsync(ct);
        return [.. procedures.SelectMany(Missing)];
    }

    public static IEnumerable<string> Missing(WorkOrderProcedure procedure)
    {
        var recorded = procedure.Results.Select(r => r.StepKey).ToHashSet(StringComparer.Ordinal);
        return Read(procedure.Definition).AllSteps()
            .Where(s => s.Step.Required && !recorded.Contains(s.Step.Key))
            .Select(s => $"{procedure.Name}: {s.Section.Title} › {s.Step.Label}");
    }
}
