using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Workdesk.Data;
using Workdesk.Server.Cli;
using Workdesk.Server.Features.Import;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests.Import;

/// <summary>
/// A bulk load that has the SQLite file to itself writes through a rollback journal, then puts the
/// database back into WAL mode. These tests run the importer the way the command line does, on a
/// database file of their own, and kill a real `workdesk import` halfway.
/// </summary>
public sealed class SqliteRollbackJournalTests : IDisposable
{
    private const string Header = "case_enquiry_id,open_dt,closed_dt,case_status,type,case_title,neighborhood,closure_reason";
    private const string InPlaceNote = "wrote into the database file directly";

    private readonly string folder = Directory.CreateTempSubdirectory("workdesk-journal-").FullName;

    private string DatabaseFile => Path.Combine(folder, "workdesk.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Alone_WritesInPlaceThenReturnsToWal()
    {
        await using var services = await CreateServicesAsync();
        var before = await SchemaAsync(services);

        var report = await ImportAsync(services, Rows("a", 3));

        Assert.Equal(3, report.Imported);
        Assert.Contains(report.Notes, n => n.Contains(InPlaceNote, StringComparison.Ordinal));
        Assert.True(InWalMode());
        Assert.Equal(before, await SchemaAsync(services));
        Assert.Equal(3, await QueryAsync(services, db => db.WorkOrders.CountAsync()));
        Assert.Equal(1, await SearchCountAsync(services, "graffitia2"));
    }

    [Fact]
    public async Task OtherConnectionOpen_WritesThroughWal()
    {
        await using var services = await CreateServicesAsync();
        await using var other = new SqliteConnection($"Data Source={DatabaseFile};Pooling=False");
        await other.OpenAsync();
        await using (var read = other.CreateCommand())
        {
            read.CommandText = "SELECT count(*) FROM WorkOrders";
            await read.ExecuteScalarAsync();
        }

        var report = await ImportAsync(services, Rows("b", 3));

        Assert.Equal(3, report.Imported);
        Assert.DoesNotContain(report.Notes, n => n.Contains(InPlaceNote, StringComparison.Ordinal));
        Assert.True(InWalMode());
        Assert.Equal(1, await SearchCountAsync(services, "graffitib2"));
    }

    [Fact]
    public async Task FailedLoad_InPlace_LeavesNothing()
    {
        await using var services = await CreateServicesAsync();
        var before = await SchemaAsync(services);
        using var cancel = new CancellationTokenSource();
        var csv = Encoding.UTF8.GetBytes(Rows("c", 40));
        await using var input = new CancellingStream(csv, cancelAfter: csv.Length / 2, cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ImportAsync(services, input, cancel.Token));

        Assert.True(InWalMode());
        Assert.Equal(before, await SchemaAsync(services));
        Assert.Equal(0, await QueryAsync(services, db => db.WorkOrders.CountAsync()));
    }

    /// <summary>
    /// kill -9 while a large file is written in place leaves a hot journal and the file out of WAL
    /// mode. The next run of the command rolls the journal back, so it imports every row again.
    /// </summary>
    [Fact]
    public async Task KilledLargeImport_RolledBackThenImportedAgain()
    {
        await File.WriteAllTextAsync(Path.Combine(folder, "first.csv"), Rows("d", 2));
        Assert.Equal(0, (await WorkdeskProcess.RunAsync(folder, "import", "requests", "first.csv", "--format", "boston311", "--data-dir", folder)).ExitCode);
        var rows = await WriteLargeFileAsync(Path.Combine(folder, "large.csv"));
        var sizeBefore = new FileInfo(DatabaseFile).Length;

        await using (var killed = WorkdeskProcess.Start(folder, "import", "requests", "large.csv", "--format", "boston311", "--data-dir", folder))
        {
            await WaitUntilAsync(() => File.Exists(DatabaseFile + "-journal") && new FileInfo(DatabaseFile).Length > sizeBefore + (8 << 20), killed);
        }

        Assert.True(File.Exists(DatabaseFile + "-journal"));
        Assert.False(InWalMode());

        var again = await WorkdeskProcess.RunAsync(folder, "import", "requests", "large.csv", "--format", "boston311", "--data-dir", folder);

        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Contains($"imported:   {rows}", again.Output, StringComparison.Ordinal);
        Assert.Contains(InPlaceNote, again.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(DatabaseFile + "-journal"));
        Assert.True(InWalMode());
        Assert.Equal([(rows + 2).ToString(CultureInfo.InvariantCulture)], await RawQueryAsync("SELECT count(*) FROM WorkOrders"));
        Assert.Equal(["ok"], await RawQueryAsync("PRAGMA integrity_check"));
    }

    private Task<ServiceProvider> CreateServicesAsync() =>
        CliServices.CreateAsync(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Workdesk:DataDirectory"] = folder }).Build(),
            CancellationToken.None);

    private static Task<ImportReport> ImportAsync(ServiceProvider services, string csv) =>
        ImportAsync(services, new MemoryStream(Encoding.UTF8.GetBytes(csv)), CancellationToken.None);

    /// <summary>Imports the way the command line does, with every file counting as large.</summary>
    private static async Task<ImportReport> ImportAsync(ServiceProvider services, Stream input, CancellationToken ct)
    {
        var options = ImportOptions.Parse("requests", "boston311", null, null, actorId: null).Value! with
        {
            BatchSize = 2,
            OneTransactionFromBytes = 0,
            WriteInPlaceWhenAlone = true,
        };
        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<CsvImporter>().ImportAsync(input, options, ct);
        return result.Value!;
    }

    private static async Task<T> QueryAsync<T>(ServiceProvider services, Func<WorkdeskDbContext, Task<T>> query)
    {
        await using var scope = services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>());
    }

    private static Task<List<string>> SchemaAsync(ServiceProvider services) =>
        QueryAsync(services, db => db.Database
            .SqlQueryRaw<string>("""SELECT type || ' ' || name || ': ' || coalesce(sql, '') AS "Value" FROM sqlite_schema ORDER BY type, name""")
            .ToListAsync());

    private static Task<int> SearchCountAsync(ServiceProvider services, string word) =>
        QueryAsync(services, db => db.Database
            .SqlQuery<int>($"""SELECT count(*) AS "Value" FROM "WorkOrderSearch" WHERE "WorkOrderSearch" MATCH {word}""")
            .SingleAsync());

    /// <summary>Reads the database with a plain connection, without the pragmas of Workdesk's own connections.</summary>
    private async Task<List<string>> RawQueryAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabaseFile};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        }

        return values;
    }

    /// <summary>Whether the file header says WAL mode: bytes 18 and 19 are 2 in WAL mode and 1 with a rollback journal.</summary>
    private bool InWalMode()
    {
        using var file = File.OpenRead(DatabaseFile);
        var header = new byte[20];
        file.ReadExactly(header);
        return header[18] == 2 && header[19] == 2;
    }

    private static string Rows(string tag, int count)
    {
        var csv = new StringBuilder(Header).Append('\n');
        for (var i = 1; i <= count; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{tag}{i},2022-01-03 10:00:00,,Open,Graffiti,Graffiti{tag}{i},Roxbury,\n");
        }

        return csv.ToString();
    }

    /// <summary>Writes a Boston file just over the size that the command line writes in one transaction, and returns its row count.</summary>
    private static async Task<int> WriteLargeFileAsync(string path)
    {
        const string closure = "Case Closed. Case Resolved. The crew replaced the damaged sign post, cleared the debris and checked the crossing lights on both corners.";
        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        await writer.WriteLineAsync(Header);
        var rows = 0;
        while (writer.BaseStream.Length < SqliteBulkLoad.LargeFileBytes + (1 << 20))
        {
            rows++;
            var opened = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMinutes(rows * 7);
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"large{rows},{opened:yyyy-MM-dd HH:mm:ss},{opened.AddDays(2):yyyy-MM-dd HH:mm:ss},Closed,Sign Repair,Sign repair at corner {rows % 5000},District {rows % 40},\"{closure} Visit {rows}, crew {rows % 17}. {closure}\""));
        }

        return rows;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, WorkdeskProcess process)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The import never wrote into the database file. It printed:\n{process.Output}");
            }

            await Task.Delay(20);
        }
    }
}
