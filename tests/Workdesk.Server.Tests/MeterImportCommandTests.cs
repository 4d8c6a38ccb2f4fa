using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Assets;
using Workdesk.Domain.Maintenance;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests;

/// <summary>`workdesk import meter-readings` as a user runs it, on a real SQLite file.</summary>
public sealed class MeterImportCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("workdesk-cli-meters-").FullName;

    public void Dispose()
    {
        Directory.Delete(folder, recursive: true);
    }

    private async Task<long> MeterAsync()
    {
        var migrate = await WorkdeskProcess.RunAsync(folder, "migrate");
        Assert.Equal(0, migrate.ExitCode);
        await using var db = DatabaseSetup.CreateContext(DatabaseSettings.ForSqliteFile(Path.Combine(folder, "data", "workdesk.db")));
        var asset = new Asset { Tag = "GEN-1", Name = "Generator", CreatedAt = DateTimeOffset.UtcNow };
        db.Assets.Add(asset);
        await db.SaveChangesAsync();
        var meter = new Meter { AssetId = asset.Id, Name = "hours", Unit = "h", Kind = MeterKind.RunningHours, IsCumulative = true, CreatedAt = DateTimeOffset.UtcNow };
        db.Meters.Add(meter);
        await db.SaveChangesAsync();
        return meter.Id;
    }

    private async Task<List<double>> StoredValuesAsync(long meterId)
    {
        await using var db = DatabaseSetup.CreateContext(DatabaseSettings.ForSqliteFile(Path.Combine(folder, "data", "workdesk.db")));
        return await db.MeterReadings.Where(r => r.MeterId == meterId).OrderBy(r => r.TakenAt).Select(r => r.Value).ToListAsync();
    }

    [Fact]
    public async Task Import_StoresReadings()
    {
        var meterId = await MeterAsync();
        var file = Path.Combine(folder, "readings.csv");
        await File.WriteAllTextAsync(file, "asset_tag,meter,value,taken_at\nGEN-1,hours,100,2026-01-01T00:00:00Z\nGEN-1,hours,180,2026-01-02T00:00:00Z\n");

        var result = await WorkdeskProcess.RunAsync(folder, "import", "meter-readings", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("stored 2 meter readings", result.Output, StringComparison.Ordinal);
        Assert.Equal([100.0, 180.0], await StoredValuesAsync(meterId));
    }

    [Fact]
    public async Task Import_BadRow_StoresNothing()
    {
        var meterId = await MeterAsync();
        var file = Path.Combine(folder, "readings.csv");
        await File.WriteAllTextAsync(file, "asset_tag,meter,value,taken_at\nGEN-1,hours,100,2026-01-01T00:00:00Z\nGEN-1,hours,90,2026-01-02T00:00:00Z\n");

        var result = await WorkdeskProcess.RunAsync(folder, "import", "meter-readings", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("rows[1].value", result.Output, StringComparison.Ordinal);
        Assert.Empty(await StoredValuesAsync(meterId));
    }
}
