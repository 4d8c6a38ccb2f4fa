using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Approvals;
using Workdesk.Domain.Procedures;
using Workdesk.Server.Features.Approvals;
using Workdesk.Server.Features.Procedures;
using Workdesk.Server.Features.Workflows;

namespace Workdesk.Server.Features.Configuration;

/// <summary>Writes the installation's work configuration as one <see cref="ConfigDocument"/>.</summary>
public sealed class ConfigExporter(WorkdeskDbContext db, WorkflowCatalog catalog, TimeProvider clock)
{
    public async Task<ConfigDocument> ExportAsync(CancellationToken ct)
    {
        var types = new List<ConfigWorkOrderType>();
        foreach (var type in await catalog.ListAsync(ct))
        {
            types.Add(new ConfigWorkOrderType(type.Key, type.Name, (await catalog.GetDefinitionAsync(type.Key, type.CurrentVersion, ct))!));
        }

        var rules = await db.ApprovalRules.AsNoTracking().OrderBy(r => r.Name).ToListAsync(ct);
        var templates = await db.ProcedureTemplates.AsNoTracking().Include(t => t.Links).OrderBy(t => t.Name).ToListAsync(ct);
        var names = await NamesAsync(rules, templates, ct);
        return new ConfigDocument(
            ConfigDocument.FormatName,
            ConfigDocument.CurrentFormatVersion,
            clock.GetUtcNow(),
            types,
            [.. rules.Select(r => ToConfig(r, names))],
            [.. templates.Select(t => ToConfig(t, names))],
            (await PriorityMatrixStore.ReadAsync(db, ct)).Cells);
    }

    /// <summary>The stable names of the users, locations, asset types and assets the rules and templates refer to.</summary>
    public sealed record Names(Dictionary<long, string> Emails, Dictionary<long, string> Locations, Dictionary<long, string> AssetTypes, Dictionary<long, string> AssetTags);

    public async Task<Names> NamesAsync(IReadOnlyList<ApprovalRule> rules, IReadOnlyList<ProcedureTemplate> templates, CancellationToken ct)
    {
        var userIds = rules.SelectMany(r => ApprovalService.ReadSteps(r.Steps)).Where(s => s.UserId is not null).Select(s => s.UserId!.Value).Distinct().ToList();
        var locationIds = rules.Where(r => r.LocationId is not null).Select(r => r.LocationId!.Value).Distinct().ToList();
        var links = templates.SelectMany(t => t.Links).ToList();
        var assetTypeIds = links.Where(l => l.AssetTypeId is not null).Select(l => l.AssetTypeId!.Value).Distinct().ToList();
        var assetIds = links.Where(l => l.AssetId is not null).Select(l => l.AssetId!.Value).Distinct().ToList();
        return new Names(
            await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, ct),
            await db.Locations.Where(l => locationIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.ExternalId ?? l.Name, ct),
            await db.AssetTypes.Where(t => assetTypeIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct),
            await db.Assets.Where(a => assetIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Tag, ct));
    }

    public static ConfigApprovalRule ToConfig(ApprovalRule rule, Names names) => new(
        rule.Name, rule.IsActive, rule.WorkOrderType, rule.MinPriority, rule.MinEstimatedCost, rule.Currency,
        rule.LocationId is { } locationId ? names.Locations[locationId] : null,
        rule.GateStatus,
        [.. ApprovalService.ReadSteps(rule.Steps).Select(s => new ConfigApprovalStep(s.Role, s.LocationManager, s.UserId is { } id ? names.Emails[id] : null))]);

    public static ConfigProcedureTemplate ToConfig(ProcedureTemplate template, Names names) => new(
        template.Name, template.Description, ProcedureCopies.Read(template.Definition).Sections,
        [.. template.Links.OrderBy(l => l.Id).Select(l => new ConfigProcedureLink(
            l.WorkOrderType,
            l.AssetTypeId is { } typeId ? names.AssetTypes[typeId] : null,
            l.AssetId is { } assetId ? names.AssetTags[assetId] : null))]);
}
