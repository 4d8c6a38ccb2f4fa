using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workdesk.Data;
using Workdesk.Server.Features.Import;
using Workdesk.Server.Features.WorkOrders;
using Workdesk.Server.Infrastructure;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests.Import;

/// <summary>
/// A large file goes into SQLite as one transaction that drops indexes and search triggers and
/// builds them again at the end. These tests check that the schema comes back whole, that search
/// finds what the file wrote, and that a stopped import leaves nothing.
/// </summary>
public sealed class SqliteBulkLoadTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string Header = "case_enquiry_id,open_dt,closed_dt,case_status,type,case_title,neighborhood";

    private async Task<ImportReport> ImportAsync(Stream input, CancellationToken ct = default)
    {
        var options = ImportOptions.Parse("requests", "boston311", null, null, actorId: null).Value! with
        {
            BatchSize = 2,
            OneTransactionFromBytes = 0,
        };
        using var scope = app.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<CsvImporter>().ImportAsync(input, options, ct);
        return result.Value!;
    }

    private Task<ImportReport> ImportAsync(string csv) => ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)));

    private Task<List<string>> SchemaAsync() =>
        app.QueryAsync(db => db.Database
            .SqlQueryRaw<string>("""SELECT type || ' ' || name || ': ' || coalesce(sql, '') AS "Value" FROM sqlite_schema ORDER BY type, name""")
            .ToListAsync());

    private async Task<List<string>> SearchAsync(string words)
    {
        var admin = await app.CreateAdminAsync();
        var page = await (await admin.Client.GetAsync($"/api/v1/work-orders?q={Uri.EscapeDataString(words)}")).ReadAsync<ListPage<WorkOrderResponse>>();
        return [.. page.Items.Select(w => w.Title)];
    }

    [Fact]
    public async Task LargeFile_SchemaUnchanged()
    {
        var before = await SchemaAsync();
        var t = ImportClient.NewTag();

        var report = await ImportAsync($"""
            {Header}
            {t}1,2022-01-03 10:00:00,,Open,Pothole{t},Pothole,Roxbury {t}
            {t}2,2022-01-03 10:05:00,2022-01-04 10:00:00,Closed,Graffiti{t},Graffiti,Roxbury {t}
            {t}3,2022-01-03 10:10:00,,Open,Streetlight{t},Streetlight,Dorchester {t}
            """);

        Assert.Equal(3, report.Imported);
        Assert.Contains(report.Notes, n => n.Contains("one transaction", StringComparison.Ordinal));
        Assert.Equal(before, await SchemaAsync());
        Assert.Equal([$"Graffiti{t}"], await SearchAsync($"graffiti{t}"));
    }

    [Fact]
    public async Task RepeatedCase_SearchFindsNewTitle()
    {
        var t = ImportClient.NewTag();

        var report = await ImportAsync($"""
            {Header}
            {t}1,2022-01-03 10:00:00,,Open,Before{t},Pothole,Roxbury {t}
            {t}2,2022-01-03 10:05:00,,Open,Other{t},Pothole,Roxbury {t}
            {t}1,2022-01-03 10:00:00,,Open,After{t},Pothole,Roxbury {t}
            """);

        Assert.Equal(2, report.Imported);
        Assert.Equal(1, report.Updated);
        Assert.Empty(await SearchAsync($"before{t}"));
        Assert.Equal([$"After{t}"], await SearchAsync($"after{t}"));
    }

    [Fact]
    public async Task RetitledCase_SearchFindsNewTitle()
    {
        var t = ImportClient.NewTag();
        await ImportAsync($"""
            {Header}
            {t}1,2022-01-03 10:00:00,,Open,Before{t},Pothole,Roxbury {t}
            """);

        var report = await ImportAsync($"""
            {Header}
            {t}1,2022-01-03 10:00:00,,Open,After{t},Pothole,Roxbury {t}
            {t}2,2022-01-03 10:05:00,,Open,Second{t},Pothole,Roxbury {t}
            """);

        Assert.Equal(1, report.Updated);
        Assert.Equal(1, report.Imported);
        Assert.Empty(await SearchAsync($"before{t}"));
        Assert.Equal([$"After{t}"], await SearchAsync($"after{t}"));
        Assert.Equal([$"Second{t}"], await SearchAsync($"second{t}"));
    }

    [Fact]
    public async Task Cancelled_LeavesNothing()
    {
        var before = await SchemaAsync();
        var t = ImportClient.NewTag();
        var rows = Enumerable.Range(1, 40).Select(i => $"{t}{i},2022-01-03 10:00:00,,Open,Pothole{t},Pothole,Roxbury {t}");
        var bytes = Encoding.UTF8.GetBytes($"{Header}\n{string.Join('\n', rows)}\n");
        using var cancel = new CancellationTokenSource();
        await using var input = new CancellingStream(bytes, cancelAfter: bytes.Length / 2, cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ImportAsync(input, cancel.Token));

        Assert.False(await app.QueryAsync(db => db.WorkOrders.AnyAsync(w => EF.Functions.Like(w.ExternalId!, $"boston311:{t}%"))));
        Assert.False(await app.QueryAsync(db => db.Locations.AnyAsync(l => l.Name == $"Roxbury {t}")));
        Assert.Equal(before, await SchemaAsync());
        Assert.Empty(await SearchAsync($"pothole{t}"));
    }
}
