using Microsoft.EntityFrameworkCore;
using Workdesk.Domain.Common;
using Workdesk.Domain.Workflows;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.Workflows;

/// <summary>A work order type with its current workflow, fields and the versions saved so far.</summary>
public sealed record WorkOrderTypeResponse(string Key, string Name, int CurrentVersion, bool BuiltIn, IReadOnlyList<int> Versions, WorkflowDefinition Workflow);

/// <summary>A new type, or a new version of an existing one; the key is only read when creating.</summary>
public sealed record SaveWorkOrderTypeRequest(string? Key, string Name, WorkflowDefinition Workflow);

public static class WorkflowEndpoints
{
    public static void MapWorkflowEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/work-order-types").WithTags("Work order types").RequireAuthorization();
        group.MapGet("/", List).WithName("ListWorkOrderTypes").RequireRole(RoleRequirement.Staff)
            .WithSummary("Lists the work order types with the workflow version new work orders get.");
        // Vendors read a type too, so that their work order page can offer the fields a move needs.
        group.MapGet("/{key}", Get).WithName("GetWorkOrderType").RequireRole([.. RoleRequirement.Staff, Domain.People.Role.Vendor])
            .WithSummary("Returns a type with its current workflow; the ETag is the one to send in If-Match when saving.");
        group.MapGet("/{key}/versions/{version:int}", GetVersion).WithName("GetWorkflowVersion").RequireRole(RoleRequirement.Staff)
            .WithSummary("Returns one saved version of a type's workflow.");
        group.MapPost("/", Create).WithName("CreateWorkOrderType").RequireRole(RoleRequirement.Administrators)
            .WithSummary("Creates a work order type with version 1 of its workflow.");
        group.MapPut("/{key}", Save).WithName("SaveWorkOrderType").RequireRole(RoleRequirement.Administrators)
            .WithSummary("Saves a new version of the type's workflow; requires If-Match. Work orders under way keep their version.");
        group.MapPost("/{key}/upgrade/preview", PreviewUpgrade).WithName("PreviewWorkflowUpgrade").RequireRole(RoleRequirement.Administrators)
            .WithSummary("Shows which work orders under way would move to the version and which statuses still need mapping.");
        group.MapPost("/{key}/upgrade", ApplyUpgrade).WithName("ApplyWorkflowUpgrade").RequireRole(RoleRequirement.Administrators)
            .WithSummary("Moves the work orders under way to the version, mapping their statuses, and records it in their history.");
    }

    public static string ETagFor(string key, int version) => $"\"{key}-v{version}\"";

    private static async Task<IResult> List(WorkflowCatalog catalog, CancellationToken ct) =>
        Results.Ok(await catalog.ListAsync(ct));

    private static async Task<IResult> Get(string key, HttpContext http, WorkflowCatalog catalog, CancellationToken ct)
    {
        var response = await DescribeAsync(key, catalog, ct);
        if (response is null)
        {
            return TypeNotFound(key);
        }

        http.Response.Headers.ETag = ETagFor(key, response.CurrentVersion);
        return Results.Ok(response);
    }

    private static async Task<IResult> GetVersion(string key, int version, WorkflowCatalog catalog, CancellationToken ct) =>
        await catalog.GetDefinitionAsync(key, version, ct) is { } definition
            ? Results.Ok(definition)
            : new Error(ErrorKind.NotFound, $"Type '{key}' has no workflow version {version}.").ToProblem();

    private static async Task<IResult> Create(SaveWorkOrderTypeRequest request, HttpContext http, WorkflowCatalog catalog, CurrentUser user, CancellationToken ct)
    {
        if (!WorkflowValidator.IsValidKey(request.Key))
        {
            return Problems.Invalid("key", $"key '{request.Key}' is invalid: use 1 to 50 lower-case letters, digits and underscores, starting with a letter.");
        }

        if (await catalog.FindAsync(request.Key!, ct) is not null)
        {
            return Error.Conflict($"A work order type with key '{request.Key}' already exists; save a new version with PUT instead.", "key").ToProblem();
        }

        var invalid = Check(request);
        if (invalid is not null)
        {
            return invalid;
        }

        try
        {
            await catalog.SaveVersionAsync(request.Key!, request.Name.Trim(), request.Workflow, user.Id, ct);
        }
        catch (DbUpdateException)
        {
            return Error.Conflict($"A work order type with key '{request.Key}' was created at the same moment.", "key").ToProblem();
        }

        var response = (await DescribeAsync(request.Key!, catalog, ct))!;
        http.Response.Headers.ETag = ETagFor(response.Key, response.CurrentVersion);
        return Results.Created($"/api/v1/work-order-types/{response.Key}", response);
    }

    private static async Task<IResult> Save(string key, SaveWorkOrderTypeRequest request, HttpContext http, WorkflowCatalog catalog, CurrentUser user, CancellationToken ct)
    {
        var type = await catalog.FindAsync(key, ct);
        if (type is null)
        {
            return TypeNotFound(key);
        }

        var precondition = ETags.CheckIfMatch(http.Request, ETagFor(key, type.CurrentVersion));
        if (precondition is not null)
        {
            return precondition;
        }

        var invalid = Check(request);
        if (invalid is not null)
        {
            return invalid;
        }

        try
        {
            await catalog.SaveVersionAsync(key, request.Name.Trim(), request.Workflow, user.Id, ct);
        }
        catch (DbUpdateException)
        {
            return new Error(ErrorKind.PreconditionFailed, $"Another administrator saved type '{key}' at the same moment. Read it again and reapply your change.", "If-Match").ToProblem();
        }

        var response = (await DescribeAsync(key, catalog, ct))!;
        http.Response.Headers.ETag = ETagFor(key, response.CurrentVersion);
        return Results.Ok(response);
    }

    private static async Task<IResult> PreviewUpgrade(string key, UpgradeRequest request, WorkflowUpgrade upgrade, CancellationToken ct) =>
        (await upgrade.PreviewAsync(key, request, ct)).Match(Results.Ok);

    private static async Task<IResult> ApplyUpgrade(string key, UpgradeRequest request, WorkflowUpgrade upgrade, CancellationToken ct)
    {
        var result = await upgrade.ApplyAsync(key, request, ct);
        if (result.IsSuccess && result.Value!.Problems.Count > 0)
        {
            return Results.ValidationProblem(
                new Dictionary<string, string[]> { ["statusMap"] = [.. result.Value.Problems] },
                detail: "The workflow version was not applied; nothing changed. " + string.Join(" ", result.Value.Problems),
                title: "The request is invalid.");
        }

        return result.Match(Results.Ok);
    }

    /// <summary>Validates name and workflow and returns a 400 listing every problem, or null.</summary>
    private static IResult? Check(SaveWorkOrderTypeRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 100)
        {
            return Problems.Invalid("name", "name is required and must be at most 100 characters.");
        }

        if (request.Workflow is null)
        {
            return Problems.Invalid("workflow", "workflow is required: statuses, initialStatus and transitions.");
        }

        var problems = WorkflowValidator.Validate(request.Workflow);
        return problems.Count == 0
            ? null
            : Results.ValidationProblem(
                new Dictionary<string, string[]> { ["workflow"] = [.. problems] },
                detail: $"The workflow has {problems.Count} problem(s): " + string.Join(" ", problems),
                title: "The request is invalid.");
    }

    private static async Task<WorkOrderTypeResponse?> DescribeAsync(string key, WorkflowCatalog catalog, CancellationToken ct)
    {
        var type = await catalog.FindAsync(key, ct);
        if (type is null)
        {
            return null;
        }

        var definition = (await catalog.GetDefinitionAsync(key, type.CurrentVersion, ct))!;
        return new WorkOrderTypeResponse(type.Key, type.Name, type.CurrentVersion, type.BuiltIn, await catalog.ListVersionsAsync(key, ct), definition);
    }

    private static IResult TypeNotFound(string key) =>
        new Error(ErrorKind.NotFound, $"Work order type '{key}' was not found.").ToProblem();
}
