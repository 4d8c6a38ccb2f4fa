using Workdesk.Domain.Common;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Hosting;

/// <summary>
/// Serves the built web app: its files from wwwroot beside the program, and index.html for every
/// other path that is not part of the API, so that client-side routes such as /r/abc work on reload.
/// </summary>
public static class WebAppFiles
{
    /// <summary>Returns the wwwroot folder beside the program when the web app was built into it.</summary>
    public static string? FindWebRoot()
    {
        var besideProgram = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        return File.Exists(Path.Combine(besideProgram, "index.html")) ? besideProgram : null;
    }

    public static bool HasWebApp(IWebHostEnvironment environment) =>
        environment.WebRootFileProvider.GetFileInfo("index.html").Exists;

    public static IResult ServeIndex(HttpContext context)
    {
        var path = context.Request.Path;
        string[] serverPrefixes = ["/api", "/hubs", "/openapi"];
        if (serverPrefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)))
        {
            // An API endpoint that exists but expects JSON is not matched for another content
            // type, so such a request lands here. The response names what to send, not "not found".
            var contentType = context.Request.ContentType;
            if (!HttpMethods.IsGet(context.Request.Method) && contentType is not null
                && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase) && !contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
            {
                return Results.Problem(
                    statusCode: StatusCodes.Status415UnsupportedMediaType,
                    title: "Unsupported content type.",
                    detail: $"{context.Request.Method} {path} does not accept '{contentType}'. Send JSON with the header \"Content-Type: application/json\", or see /api-reference.");
            }

            return new Error(ErrorKind.NotFound, $"No endpoint matches {context.Request.Method} {path}. See /api-reference for the API.").ToProblem();
        }

        var environment = context.RequestServices.GetRequiredService<IWebHostEnvironment>();
        var index = environment.WebRootFileProvider.GetFileInfo("index.html");

        // The page names the hashed files of the current build, so it must never be cached.
        context.Response.Headers.CacheControl = "no-cache";
        return Results.Stream(index.CreateReadStream(), "text/html; charset=utf-8");
    }
}
