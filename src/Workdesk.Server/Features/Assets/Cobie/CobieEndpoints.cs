using Workdesk.Server.Features.Auth;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.Assets.Cobie;

public static class CobieEndpoints
{
    /// <summary>Largest COBie workbook accepted.</summary>
    public const long MaxWorkbookBytes = 100 * 1024 * 1024;

    public static void MapCobieEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/import/cobie", Import).WithTags("Import and export").WithName("ImportCobie")
            .RequireAuthorization().RequireRole(RoleRequirement.Administrators).DisableAntiforgery()
            .WithSummary("Imports a COBie spreadsheet (.xlsx, multipart field \"file\") into locations, asset types and assets; re-running updates instead of duplicating.");
    }

    private static async Task<IResult> Import(IFormFile? file, CobieImporter importer, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            return Problems.Invalid("file", "Send the COBie workbook (.xlsx) as multipart/form-data in a field named \"file\".");
        }

        if (file.Length > MaxWorkbookBytes)
        {
            return Problems.Invalid("file", $"The workbook is {file.Length} bytes; the limit is {MaxWorkbookBytes} bytes.");
        }

        // The reader needs to seek between sheets, which an upload stream cannot.
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        return (await importer.ImportAsync(buffer, ct)).Match(Results.Ok);
    }
}
