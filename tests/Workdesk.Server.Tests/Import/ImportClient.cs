using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workdesk.Data;
using Workdesk.Server.Features.Import;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests.Import;

/// <summary>The import report as the API returns it.</summary>
public sealed record ReportBody(
    string Kind, string Format, string Encoding, string Delimiter, long RowsRead, long Imported, long Updated, long Skipped,
    long Rejected, List<RowMessage> Rejections, List<RowMessage> Warnings, List<string> Notes, string? StoppedEarly);

/// <summary>Calls the import and export endpoints the way a script would.</summary>
public static class ImportClient
{
    public static Task<HttpResponseMessage> PostCsvAsync(this TestUser user, string kind, string csv, string query = "") =>
        user.PostCsvAsync(kind, Encoding.UTF8.GetBytes(csv), query);

    public static Task<HttpResponseMessage> PostCsvAsync(this TestUser user, string kind, byte[] content, string query = "")
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return user.Client.PostAsync($"/api/v1/import/{kind}{(query.Length > 0 ? "?" + query : "")}", body);
    }

    /// <summary>Imports the CSV and returns the report, failing the test unless the API returns 200.</summary>
    public static async Task<ReportBody> ImportAsync(this TestUser user, string kind, string csv, string query = "")
    {
        var response = await user.PostCsvAsync(kind, csv, query);
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return await response.ReadAsync<ReportBody>();
    }

    public static async Task<string> ExportAsync(this TestUser user, string kind)
    {
        var response = await user.Client.GetAsync($"/api/v1/export/{kind}");
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Counts the records of every kind, to check that a rejected file wrote nothing.</summary>
    public static async Task<(int Locations, int Assets, int Requests, int WorkOrders, int Activities)> CountAllAsync(this WorkdeskApp app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();
        return (await db.Locations.CountAsync(), await db.Assets.CountAsync(), await db.WorkRequests.CountAsync(),
            await db.WorkOrders.CountAsync(), await db.Activities.CountAsync());
    }

    /// <summary>Runs a query against the app's database.</summary>
    public static async Task<T> QueryAsync<T>(this WorkdeskApp app, Func<WorkdeskDbContext, Task<T>> query)
    {
        using var scope = app.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>());
    }

    /// <summary>Returns a short random tag that keeps the external ids of one test apart from the others in the same database.</summary>
    public static string NewTag() => Guid.NewGuid().ToString("N")[..8];
}
