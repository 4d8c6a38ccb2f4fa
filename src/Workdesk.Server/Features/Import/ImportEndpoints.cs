using Microsoft.AspNetCore.Http.Features;
using Workdesk.Domain.Common;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.Import;

/// <summary>Registers the import and export services.</summary>
public static class ImportServices
{
    public static IServiceCollection AddDataImport(IServiceCollection services)
    {
        services.AddScoped<CsvImporter>();
        services.AddScoped<CsvExporter>();
        return services;
    }
}

public static class ImportEndpoints
{
    /// <summary>
    /// The largest upload the import endpoint accepts. The upload is buffered in a temporary file
    /// and imported from there, so the limit guards the disk, not memory. The command line has no limit.
    /// </summary>
    public const long MaxUploadBytes = 1024L * 1024 * 1024;

    public static void MapImportEndpoints(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("").WithTags("Import and export").RequireAuthorization();
        group.MapPost("/import/{kind}", Import).WithName("ImportCsv").RequireRole(RoleRequirement.Administrators)
            .Accepts<string>("text/csv", "multipart/form-data")
            .Produces<ImportReport>()
            .WithSummary("Imports a CSV file of locations, assets, requests or work-orders: the raw body (text/csv) or the multipart field \"file\". Returns the report.");
        group.MapGet("/export/{kind}", Export).WithName("ExportCsv").RequireRole(RoleRequirement.Dispatchers)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("Streams the records the caller may see as CSV, in the format the import reads.");
    }

    private static async Task<IResult> Import(
        string kind, string? format, string? encoding, string? delimiter,
        HttpContext http, CsvImporter importer, CurrentUser user, CancellationToken ct)
    {
        var options = ImportOptions.Parse(kind, format, encoding, delimiter, user.Id);
        if (!options.IsSuccess)
        {
            return options.Error!.ToProblem();
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = MaxUploadBytes;
        }

        var upload = await BufferUploadAsync(http.Request, ct);
        if (!upload.IsSuccess)
        {
            return upload.Error!.ToProblem();
        }

        await using var file = upload.Value!;
        var report = await importer.ImportAsync(file, options.Value!, ct);
        return report.Match(Results.Ok);
    }

    /// <summary>
    /// Copies the CSV content, the multipart field "file" or else the raw request body, to a
    /// temporary file that the import can read twice and that is deleted when closed.
    /// </summary>
    private static async Task<Result<FileStream>> BufferUploadAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return await CopyToTemporaryFileAsync(request.Body, ct);
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = MaxUploadBytes }, ct);
        }
        catch (InvalidDataException e)
        {
            return Error.Invalid("file", $"The form could not be read: {e.Message} Uploads may be at most {MaxUploadBytes} bytes, and larger files can be imported with the workdesk import command.");
        }

        var file = form.Files.GetFile("file");
        if (file is null)
        {
            return Error.Invalid("file", "Send the CSV file in the multipart field \"file\", or send it as the raw request body with Content-Type: text/csv.");
        }

        await using var upload = file.OpenReadStream();
        return await CopyToTemporaryFileAsync(upload, ct);
    }

    private static async Task<FileStream> CopyToTemporaryFileAsync(Stream content, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), "workdesk-import-" + Guid.NewGuid().ToString("N") + ".csv");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await content.CopyToAsync(file, ct);
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    private static IResult Export(string kind, CsvExporter exporter, CurrentUser user, HttpContext http)
    {
        if (!DataKinds.TryParseKind(kind, out var dataKind))
        {
            return Problems.Invalid("kind", $"kind '{kind}' is unknown. Use one of: {DataKinds.KindNames}.");
        }

        return Results.Stream(
            body => exporter.ExportAsync(dataKind, user, body, http.RequestAborted),
            "text/csv; charset=utf-8",
            fileDownloadName: DataKinds.Name(dataKind) + ".csv");
    }
}
