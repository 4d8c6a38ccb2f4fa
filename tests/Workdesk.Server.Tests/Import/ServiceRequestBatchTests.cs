using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workdesk.Data;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.Import;
using Workdesk.Server.Features.WorkOrders;
using Workdesk.Server.Infrastructure;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests.Import;

/// <summary>
/// The 311 formats write a batch of rows at once. These tests check that a batch keeps what the
/// row-by-row import promised: each row's outcome, nothing left by a rejected row, and updates
/// instead of duplicates.
/// </summary>
public abstract class ServiceRequestBatchTests(WorkdeskApp app)
{
    private const string Header = "case_enquiry_id,open_dt,closed_dt,case_status,type,neighborhood,location_street_name";

    /// <summary>The size from which a file is written as one transaction; null for a transaction per batch.</summary>
    protected virtual long? OneTransactionFromBytes => null;

    private async Task<ImportReport> ImportBostonAsync(string csv, int batchSize)
    {
        var options = ImportOptions.Parse("requests", "boston311", null, null, actorId: null).Value! with
        {
            BatchSize = batchSize,
            OneTransactionFromBytes = OneTransactionFromBytes,
        };
        using var scope = app.Services.CreateScope();
        await using var input = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var result = await scope.ServiceProvider.GetRequiredService<CsvImporter>().ImportAsync(input, options, CancellationToken.None);
        return result.Value!;
    }

    private Task<List<string>> WorkOrderIdsAsync(string tag) =>
        app.QueryAsync(db => db.WorkOrders
            .Where(w => EF.Functions.Like(w.ExternalId!, $"boston311:{tag}%"))
            .OrderBy(w => w.ExternalId)
            .Select(w => w.ExternalId!)
            .ToListAsync());

    [Fact]
    public async Task InvalidRow_OtherRowsOfBatchLand()
    {
        app.SkipIfUnavailable();
        var t = ImportClient.NewTag();
        var csv = $"""
            {Header}
            {t}1,2022-01-03 10:00:00,,Open,Pothole,Roxbury {t},12 Main St
            {t}2,2022-01-03 10:05:00,,Open,Pothole,Roxbury {t},10 Main St
            {t}3,not a date,,Open,Pothole,Roxbury {t},14 Main St
            {t}4,2022-01-03 10:15:00,,Open,Pothole,Roxbury {t},16 Main St
            """;

        var report = await ImportBostonAsync(csv, batchSize: 10);

        Assert.Equal(3, report.Imported);
        var rejection = Assert.Single(report.Rejections);
        Assert.Equal(4, rejection.Line);
        Assert.Contains("open_dt 'not a date' is not a date", rejection.Message, StringComparison.Ordinal);
        Assert.Equal([$"boston311:{t}1", $"boston311:{t}2", $"boston311:{t}4"], await WorkOrderIdsAsync(t));
    }

    [Fact]
    public async Task BatchImport_TitleAndDescriptionSearchable()
    {
        app.SkipIfUnavailable();
        var t = ImportClient.NewTag();
        var csv = $"""
            case_enquiry_id,open_dt,case_status,type,case_title,neighborhood
            {t}1,2022-01-03 10:00:00,Open,Streetlight{t},Lamp out,Roxbury {t}
            {t}2,2022-01-03 10:05:00,Open,Pothole,Sinkhole{t} near school,Roxbury {t}
            """;

        var report = await ImportBostonAsync(csv, batchSize: 10);

        Assert.Equal(2, report.Imported);
        var admin = await app.CreateAdminAsync();
        var byTitle = await (await admin.Client.GetAsync($"/api/v1/work-orders?q=streetlight{t}")).ReadAsync<ListPage<WorkOrderResponse>>();
        Assert.Equal([$"Streetlight{t}"], byTitle.Items.Select(w => w.Title));
        var byDescription = await (await admin.Client.GetAsync($"/api/v1/work-orders?q=sinkhole{t}")).ReadAsync<ListPage<WorkOrderResponse>>();
        Assert.Equal(["Pothole"], byDescription.Items.Select(w => w.Title));
    }

    [Fact]
    public async Task SqliteCacheSize_RestoredAfterImport()
    {
        app.SkipIfUnavailable();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();
        if (db.Provider != DatabaseProvider.Sqlite)
        {
            Assert.Skip("The page cache is only enlarged on SQLite.");
        }

        await db.Database.OpenConnectionAsync();
        var before = await CacheSizeAsync(db);
        var t = ImportClient.NewTag();
        var options = ImportOptions.Parse("requests", "boston311", null, null, actorId: null).Value!;
        await using var input = new MemoryStream(Encoding.UTF8.GetBytes($"""
            {Header}
            {t}1,2022-01-03 10:00:00,,Open,Pothole,Roxbury {t},12 Main St
            """));

        var result = await scope.ServiceProvider.GetRequiredService<CsvImporter>().ImportAsync(input, options, CancellationToken.None);

        Assert.Equal(1, result.Value!.Imported);
        Assert.Equal(before, await CacheSizeAsync(db));
    }

    private static async Task<long> CacheSizeAsync(WorkdeskDbContext db)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA cache_size";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task CaseRepeatedInFile_IsUpdated()
    {
        app.SkipIfUnavailable();
        var t = ImportClient.NewTag();
        var csv = $"""
            {Header}
            {t}1,2022-01-03 10:00:00,,Open,Pothole,Roxbury {t},12 Main St
            {t}2,2022-01-03 10:05:00,,Open,Graffiti,Roxbury {t},12 Main St
            {t}1,2022-01-03 10:00:00,2022-01-04 09:00:00,Closed,Pothole,Roxbury {t},12 Main St
            """;

        var report = await ImportBostonAsync(csv, batchSize: 10);

        Assert.Equal(2, report.Imported);
        Assert.Equal(1, report.Updated);
        Assert.Equal([$"boston311:{t}1", $"boston311:{t}2"], await WorkOrderIdsAsync(t));
        var workOrder = await app.QueryAsync(db => db.WorkOrders.SingleAsync(w => w.ExternalId == $"boston311:{t}1"));
        Assert.Equal(WorkOrderStatus.Closed, workOrder.Status);
        var requestLinks = await app.QueryAsync(db => db.WorkRequests
            .Where(r => EF.Functions.Like(r.ExternalId!, $"boston311:{t}%"))
            .Select(r => r.WorkOrderId)
            .ToListAsync());
        Assert.Equal(2, requestLinks.Count);
        Assert.DoesNotContain(null, requestLinks);
    }

    [Fact]
    public async Task SameFileTwice_SkipsEveryRow()
    {
        app.SkipIfUnavailable();
        var t = ImportClient.NewTag();
        var csv = $"""
            {Header}
            {t}1,2022-01-03 10:00:00,,Open,Pothole,Roxbury {t},12 Main St
            {t}2,2022-01-03 10:05:00,2022-01-05 10:05:00,Closed,Graffiti,Dorchester {t},3 Elm St
            {t}3,2022-01-03 10:10:00,,Open,Pothole,,
            """;
        await ImportBostonAsync(csv, batchSize: 2);
        var before = await app.CountAllAsync();

        var second = await ImportBostonAsync(csv, batchSize: 2);

        Assert.Equal(3, second.Skipped);
        Assert.Equal(0, second.Imported);
        Assert.Equal(before, await app.CountAllAsync());
    }

    [Fact]
    public async Task OverlongRecord_KeepsEarlierBatches()
    {
        // The next batch is read while the one before it is written, so the stop must still come
        // after the rows before it and name the right line.
        app.SkipIfUnavailable();
        var t = ImportClient.NewTag();
        // Longer than the reader's limit on a record, wherever in the record that limit is counted.
        var overlong = new string('x', 4 * CsvImporter.MaxRecordBytes);
        var csv = $"""
            {Header}
            {t}1,2022-01-03 10:00:00,,Open,Pothole,Roxbury {t},12 Main St
            {t}2,2022-01-03 10:05:00,,Open,Pothole,Roxbury {t},10 Main St
            {t}3,2022-01-03 10:10:00,,Open,Pothole,Roxbury {t},14 Main St
            {t}4,2022-01-03 10:15:00,,Open,Pothole,Roxbury {t},{overlong}
            {t}5,2022-01-03 10:20:00,,Open,Pothole,Roxbury {t},18 Main St
            """;

        var report = await ImportBostonAsync(csv, batchSize: 2);

        Assert.Equal(3, report.Imported);
        Assert.StartsWith("Stopped at line 5:", report.StoppedEarly, StringComparison.Ordinal);
        Assert.Equal([$"boston311:{t}1", $"boston311:{t}2", $"boston311:{t}3"], await WorkOrderIdsAsync(t));
    }

    [Fact]
    public async Task OverlongValue_QuotedShortInRejection()
    {
        app.SkipIfUnavailable();
        var t = ImportClient.NewTag();
        var street = new string('x', 5000);
        var csv = $"""
            {Header}
            {t}1,2022-01-03 10:00:00,,Open,Pothole,Roxbury {t},{street}
            """;

        var report = await ImportBostonAsync(csv, batchSize: 10);

        var rejection = Assert.Single(report.Rejections);
        Assert.StartsWith($"location_street_name '{street[..(CsvValues.MaxQuotedLength - 3)]}...' (5,000 characters)", rejection.Message, StringComparison.Ordinal);
        Assert.True(rejection.Message.Length < 300, rejection.Message);
    }

    [Fact]
    public async Task DatabaseRejectsRow_OnlyThatRowIsLost()
    {
        app.SkipIfUnavailable();
        var t = ImportClient.NewTag();
        var rejectedType = $"Rejected {t}";
        await CreateRejectingTriggerAsync(t, rejectedType);
        var csv = $"""
            {Header}
            {t}1,2022-01-03 10:00:00,,Open,Pothole,Roxbury {t},12 Main St
            {t}2,2022-01-03 10:05:00,,Open,{rejectedType},Only {t},5 Lone St
            {t}3,2022-01-03 10:10:00,,Open,Pothole,Roxbury {t},14 Main St
            {t}4,2022-01-03 10:15:00,,Open,Pothole,Mattapan {t},16 Main St
            """;

        ImportReport report;
        try
        {
            report = await ImportBostonAsync(csv, batchSize: 3);
        }
        finally
        {
            await DropRejectingTriggerAsync(t);
        }

        Assert.Equal(3, report.Imported);
        var rejection = Assert.Single(report.Rejections);
        Assert.Equal(3, rejection.Line);
        Assert.Contains("the database rejected the row", rejection.Message, StringComparison.Ordinal);
        Assert.Equal([$"boston311:{t}1", $"boston311:{t}3", $"boston311:{t}4"], await WorkOrderIdsAsync(t));
        Assert.False(await app.QueryAsync(db => db.WorkRequests.AnyAsync(r => r.ExternalId == $"boston311:{t}2")));
        Assert.False(await app.QueryAsync(db => db.Locations.AnyAsync(l => l.Name == $"Only {t}")));
        Assert.True(await app.QueryAsync(db => db.Locations.AnyAsync(l => l.Name == $"Mattapan {t}")));
    }

    /// <summary>Makes the database itself reject inserting a request with the given title, as a failing write would.</summary>
    /// <param name="tag">A hexadecimal test tag, safe to put into SQL.</param>
    private async Task CreateRejectingTriggerAsync(string tag, string title)
    {
        var sqlite = $"""
            CREATE TRIGGER "reject_{tag}" BEFORE INSERT ON "WorkRequests"
            WHEN NEW."Title" = '{title}' BEGIN SELECT RAISE(ABORT, 'test trigger rejects {tag}'); END
            """;
        var postgres = $"""
            CREATE FUNCTION "reject_{tag}"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'test trigger rejects {tag}'; END $$;
            CREATE TRIGGER "reject_{tag}" BEFORE INSERT ON "WorkRequests"
            FOR EACH ROW WHEN (NEW."Title" = '{title}') EXECUTE FUNCTION "reject_{tag}"();
            """;
        await app.QueryAsync(db => db.Database.ExecuteSqlRawAsync(db.Database.IsSqlite() ? sqlite : postgres));
    }

    private async Task DropRejectingTriggerAsync(string tag)
    {
        var sqlite = $"""DROP TRIGGER "reject_{tag}";""";
        var postgres = $"""DROP TRIGGER "reject_{tag}" ON "WorkRequests"; DROP FUNCTION "reject_{tag}"();""";
        await app.QueryAsync(db => db.Database.ExecuteSqlRawAsync(db.Database.IsSqlite() ? sqlite : postgres));
    }
}

public sealed class ServiceRequestBatchSqliteTests(SqliteApp app) : ServiceRequestBatchTests(app), IClassFixture<SqliteApp>;

/// <summary>The same promises when every file goes into SQLite as one transaction, as large files do from the command line.</summary>
public sealed class ServiceRequestOneTransactionSqliteTests(SqliteApp app) : ServiceRequestBatchTests(app), IClassFixture<SqliteApp>
{
    protected override long? OneTransactionFromBytes => 0;
}

public sealed class ServiceRequestBatchPostgresTests(PostgresApp app) : ServiceRequestBatchTests(app), IClassFixture<PostgresApp>;
