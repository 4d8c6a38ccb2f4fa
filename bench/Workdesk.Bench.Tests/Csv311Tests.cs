using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Workdesk.Bench.Import;
using Workdesk.Server.Features.Import;

namespace Workdesk.Bench.Tests;

public class Csv311Tests
{
    private static async Task<string> WriteAsync(int rows, long seed)
    {
        await using var writer = new StringWriter();
        await Csv311Command.Write(writer, rows, seed, TestContext.Current.CancellationToken);
        return writer.ToString();
    }

    [Fact]
    public async Task Write_gives_same_file_for_same_seed()
    {
        var first = await WriteAsync(200, 9);

        Assert.Equal(first, await WriteAsync(200, 9));
        Assert.NotEqual(first, await WriteAsync(200, 10));
        Assert.Equal(201, first.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.StartsWith(Csv311Command.Header + "\n", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_reads_every_row()
    {
        var folder = Directory.CreateTempSubdirectory("workdesk-csv311-test-").FullName;
        try
        {
            await using var server = new ImportServer(folder);
            using var scope = server.Services.CreateScope();
            var options = ImportOptions.Parse("work-orders", "boston311", null, null, actorId: null);
            Assert.True(options.IsSuccess, options.Error?.Message);
            await using var input = new MemoryStream(Encoding.UTF8.GetBytes(await WriteAsync(300, 4)));

            var imported = await scope.ServiceProvider.GetRequiredService<CsvImporter>().ImportAsync(input, options.Value!, TestContext.Current.CancellationToken);

            Assert.True(imported.IsSuccess, imported.Error?.Message);
            Assert.Equal(300, imported.Value!.Imported);
            Assert.Equal(0, imported.Value.Rejected);
            Assert.Null(imported.Value.StoppedEarly);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed class ImportServer(string dataDirectory) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Workdesk:DataDirectory", dataDirectory);
            builder.UseSetting("Workdesk:Database:Provider", "sqlite");
        }
    }
}
