using Workdesk.Server.Features.Auth;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.Configuration;

public static class ConfigEndpoints
{
    public static void MapConfigEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/admin/config").WithTags("Configuration").RequireAuthorization().RequireRole(RoleRequirement.Administrators);
        group.MapGet("/", Export).WithName("ExportConfiguration")
            .WithSummary("Returns all work order types, workflows, fields, approval rules, procedures and the priority matrix as one JSON document.");
        group.MapPost("/preview", Preview).WithName("PreviewConfigurationImport")
            .WithSummary("Lists what importing the document would create or change, and any problems; changes nothing.");
        group.MapPost("/apply", Apply).WithName("ApplyConfigurationImport")
            .WithSummary("Imports the document in one transaction; rejected with the problems when any are found.");
    }

    private static async Task<IResult> Export(ConfigExporter exporter, CancellationToken ct) =>
        Results.Ok(await exporter.ExportAsync(ct));

    private static async Task<IResult> Preview(ConfigDocument document, ConfigImporter importer, CancellationToken ct) =>
        Results.Ok(await importer.PreviewAsync(document, ct));

    private static async Task<IResult> Apply(ConfigDocument document, ConfigImporter importer, CancellationToken ct)
    {
        var result = await importer.ApplyAsync(document, ct);
        return result.Problems.Count == 0
            ? Results.Ok(result)
            : Results.ValidationProblem(
                new Dictionary<string, string[]> { ["document"] = [.. result.Problems] },
                detail: $"Nothing was imported: the document has {result.Problems.Count} problem(s). " + string.Join(" ", result.Problems),
                title: "The request is invalid.");
    }
}
