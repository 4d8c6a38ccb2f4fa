using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests.Import;

/// <summary>`workdesk import` and `workdesk export` run as a real process on a SQLite file.</summary>
public sealed class DataCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("workdesk-import-cli-").FullName;

    public void Dispose()
    {
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task ImportTwiceThenExport_PrintsCounts()
    {
        await File.WriteAllTextAsync(Path.Combine(folder, "sites.csv"), "external_id,name,parent_external_id\nhq,Head office,\nhq-2,Second floor,hq\n");

        var first = await WorkdeskProcess.RunAsync(folder, "import", "locations", "sites.csv");
        var second = await WorkdeskProcess.RunAsync(folder, "import", "locations", "sites.csv");
        var export = await WorkdeskProcess.RunAsync(folder, "export", "locations", "--output", "out.csv");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("imported:   2", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("unchanged:  2", second.Output, StringComparison.Ordinal);
        Assert.Equal(0, export.ExitCode);
        var lines = await File.ReadAllLinesAsync(Path.Combine(folder, "out.csv"));
        Assert.Equal("external_id,name,parent_external_id,kind,code,address,latitude,longitude,time_zone", lines[0]);
        Assert.Equal("hq-2,Second floor,hq,,,,,,", lines[2]);
    }

    [Fact]
    public async Task RejectedRow_ExitsWithTwoAndPrintsLine()
    {
        await File.WriteAllTextAsync(Path.Combine(folder, "orders.csv"), "external_id,title,status\na,Fix,open\nb,Fix,done\n");

        var result = await WorkdeskProcess.RunAsync(folder, "import", "work-orders", "orders.csv");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line 3: rejected: status 'done' is unknown", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BinaryFile_ExitsWithOne()
    {
        await File.WriteAllBytesAsync(Path.Combine(folder, "photo.csv"), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);

        var result = await WorkdeskProcess.RunAsync(folder, "import", "assets", "photo.csv");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("PNG image", result.Output, StringComparison.Ordinal);
        Assert.Contains("external_id,tag,name", result.Output, StringComparison.Ordinal);
    }
}
