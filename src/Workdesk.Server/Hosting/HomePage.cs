using System.Net;
using Workdesk.Data;

namespace Workdesk.Server.Hosting;

/// <summary>The page at "/" until the web app is served there: where the data lives and where the API is described.</summary>
public static class HomePage
{
    public static IResult Render(DatabaseSettings database)
    {
        var version = typeof(HomePage).Assembly.GetName().Version?.ToString(3) ?? "unknown";
        var html = $$"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Workdesk</title>
            <style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5}code{background:#f3f3f3;padding:0 .2rem}</style></head>
            <body>
            <h1>Workdesk</h1>
            <p>The server is running (version {{version}}). Data: <code>{{WebUtility.HtmlEncode(database.Describe())}}</code>.</p>
            <p>The web app is not built into this server. Install Node.js 20.19 or later and build again
            (<code>dotnet build src/Workdesk.Server</code>, or <code>cd web &amp;&amp; npm ci &amp;&amp; npm run build</code>); the build output says why an earlier web build failed.</p>
            <ul>
            <li><a href="/api-reference">API reference</a>: every endpoint, with a console to try them.</li>
            <li><a href="/openapi/v1.json">OpenAPI document</a> for code generators.</li>
            </ul>
            <p>Sign in with <code>POST /api/v1/auth/sign-in</code>, or create an API token with <code>workdesk user token</code>.</p>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
