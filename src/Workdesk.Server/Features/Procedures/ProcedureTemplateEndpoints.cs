using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.Procedures;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Features.Workflows;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.Procedures;

public static class ProcedureTemplateEndpoints
{
    public const int MaxLinks = 200;

    public static void MapProcedureTemplateEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/procedure-templates").WithTags("Procedures").RequireAuthorization();
        group.MapGet("/", List).WithName("ListProcedureTemplates").RequireRole(RoleRequirement.Staff)
            .WithSummary("Lists procedure templates with their steps and what they are attached to.");
        group.MapGet("/{id:long}", Get).WithName("GetProcedureTemplate").RequireRole(RoleRequirement.Staff)
            .WithSummary("Returns one procedure template; its ETag is the one to send in If-Match.");
        group.MapPost("/", Create).WithName("CreateProcedureTemplate").RequireRole(RoleRequirement.Administrators)
            .WithSummary("Creates a procedure template and attaches it to work order types, asset types or assets.");
        group.MapPut("/{id:long}", Update).WithName("UpdateProcedureTemplate").RequireRole(RoleRequirement.Administrators)
            .WithSummary("Replaces a template; requires If-Match. Work orders created earlier keep their copies.");
    }

    private static async Task<IResult> List(WorkdeskDbContext db, CancellationToken ct) =>
        Results.Ok((await db.ProcedureTemplates.AsNoTracking().Include(t => t.Links).OrderBy(t => t.Name).Take(1000).ToListAsync(ct)).Select(ToResponse).ToList());

    private static async Task<IResult> Get(long id, HttpContext http, WorkdeskDbContext db, CancellationToken ct)
    {
        var template = await db.ProcedureTemplates.AsNoTracking().Include(t => t.Links).SingleOrDefaultAsync(t => t.Id == id, ct);
        if (template is null)
        {
            return Error.NotFound("Procedure template", id).ToProblem();
        }

        ETags.Set(http.Response, template.Id, template.Version);
        return Results.Ok(ToResponse(template));
    }

    private static async Task<IResult> Create(SaveProcedureTemplateRequest request, HttpContext http, WorkdeskDbContext db, WorkflowCatalog workflows, TimeProvider clock, CancellationToken ct)
    {
        var invalid = await CheckAsync(request, db, workflows, ct);
        if (invalid is not null)
        {
            return invalid;
        }

        var name = request.Name.Trim();
        if (await db.ProcedureTemplates.AnyAsync(t => t.Name == name, ct))
        {
            return Error.Conflict($"A procedure template named '{name}' already exists.", "name").ToProblem();
        }

        var now = clock.GetUtcNow();
        var template = new ProcedureTemplate { Name = name, Definition = "", CreatedAt = now };
        Apply(template, request, now);
        db.ProcedureTemplates.Add(template);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Error.Conflict($"A procedure template named '{name}' was created at the same moment.", "name").ToProblem();
        }

        ETags.Set(http.Response, template.Id, template.Version);
        return Results.Created($"/api/v1/procedure-templates/{template.Id}", ToResponse(template));
    }

    private static async Task<IResult> Update(long id, SaveProcedureTemplateRequest request, HttpContext http, WorkdeskDbContext db, WorkflowCatalog workflows, TimeProvider clock, CancellationToken ct)
    {
        var template = await db.ProcedureTemplates.Include(t => t.Links).SingleOrDefaultAsync(t => t.Id == id, ct);
        if (template is null)
        {
            return Error.NotFound("Procedure template", id).ToProblem();
        }

        var precondition = ETags.CheckIfMatch(http.Request, template.Id, template.Version);
        if (precondition is not null)
        {
            return precondition;
        }

        var invalid = await CheckAsync(request, db, workflows, ct);
        if (invalid is not null)
        {
            return invalid;
        }

        var name = request.Name.Trim();
        if (await db.ProcedureTemplates.AnyAsync(t => t.Name == name && t.Id != id, ct))
        {
            return Error.Conflict($"A procedure template named '{name}' already exists.", "name").ToProblem();
        }

        Apply(template, request, clock.GetUtcNow());
        db.Entry(template).Property(t => t.Version).IsModified = true;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Error(ErrorKind.PreconditionFailed, $"Procedure template {id} was changed by someone else; read it again.", "If-Match").ToProblem();
        }

        ETags.Set(http.Response, template.Id, template.Version);
        return Results.Ok(ToResponse(template));
    }

    /// <summary>Validates the name, the steps and the links and returns a 400 listing every problem, or null.</summary>
    private static async Task<IResult?> CheckAsync(SaveProcedureTemplateRequest request, WorkdeskDbContext db, WorkflowCatalog workflows, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 200)
        {
            return Problems.Invalid("name", "name is required and must be at most 200 characters.");
        }

        if (request.Description is { Length: > 4000 })
        {
            return Problems.Invalid("description", "description must be at most 4000 characters.");
        }

        var problems = ProcedureRules.Validate(new ProcedureDefinition { Sections = request.Sections ?? [] });
        var links = request.AttachTo ?? [];
        if (links.Count > MaxLinks)
        {
            problems.Add($"attachTo may list at most {MaxLinks} targets; it lists {links.Count}.");
        }

        foreach (var link in links)
        {
            problems.AddRange(await CheckLinkAsync(link, db, workflows, ct));
        }

        return problems.Count == 0
            ? null
            : Results.ValidationProblem(
                new Dictionary<string, string[]> { ["sections"] = [.. problems] },
                detail: $"The procedure has {problems.Count} problem(s): " + string.Join(" ", problems),
                title: "The request is invalid.");
    }

    private static async Task<List<string>> CheckLinkAsync(ProcedureLinkDto? link, WorkdeskDbContext db, WorkflowCatalog workflows, CancellationToken ct)
    {
        var problems = new List<string>();
        if (link is null || (link.WorkOrderType is null && link.AssetTypeId is null && link.AssetId is null))
        {
            problems.Add("Each attachTo entry needs a workOrderType, an assetTypeId or an assetId.");
            return problems;
        }

        if (await workflows.CheckTypeAsync(link.WorkOrderType, ct) is { } typeError)
        {
            problems.Add(typeError.Message);
        }

        if (link.AssetTypeId is { } assetTypeId && !await db.AssetTypes.AnyAsync(t => t.Id == assetTypeId, ct))
        {
            problems.Add($"Asset type {assetTypeId} was not found.");
        }

        if (link.AssetId is { } assetId && !await db.Assets.AnyAsync(a => a.Id == assetId, ct))
        {
            problems.Add($"Asset {assetId} was not found.");
        }

        return problems;
    }

    private static void Apply(ProcedureTemplate template, SaveProcedureTemplateRequest request, DateTimeOffset now)
    {
        template.Name = request.Name.Trim();
        template.Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim();
        template.Definition = ProcedureCopies.Write(new ProcedureDefinition { Sections = request.Sections });
        template.UpdatedAt = now;
        template.Links.Clear();
        template.Links.AddRange((request.AttachTo ?? []).Distinct().Select(l => new ProcedureLink
        {
            WorkOrderType = l.WorkOrderType,
            AssetTypeId = l.AssetTypeId,
            AssetId = l.AssetId,
        }));
    }

    public static ProcedureTemplateResponse ToResponse(ProcedureTemplate t) => new(
        t.Id, t.Name, t.Description, ProcedureCopies.Read(t.Definition).Sections,
        [.. t.Links.OrderBy(l => l.Id).Select(l => new ProcedureLinkDto(l.WorkOrderType, l.AssetTypeId, l.AssetId))],
        t.Version);
}
