using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.Maintenance;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.Meters;

/// <summary>Meters on assets and their readings, entered by hand or uploaded as CSV.</summary>
public static class MeterEndpoints
{
    public const int MaxCsvBytes = 5 * 1024 * 1024;

    public static void MapMeterEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("").WithTags("Meters").RequireAuthorization();
        group.MapGet("/assets/{assetId:long}/meters", List).WithName("ListMeters").RequireRole(RoleRequirement.Staff)
            .WithSummary("Lists the asset's meters with their latest reading.");
        group.MapPost("/assets/{assetId:long}/meters", Create).WithName("CreateMeter").RequireRole(RoleRequirement.Dispatchers)
            .WithSummary("Adds a meter to an asset: a cumulative counter (hours, cycles, distance) or a gauge.");
        group.MapGet("/meters/{id:long}/readings", ListReadings).WithName("ListMeterReadings").RequireRole(RoleRequirement.Staff)
            .WithSummary("Lists a meter's readings, newest first (limit: default 100, at most 1000).");
        group.MapPost("/meters/{id:long}/readings", Record).WithName("RecordMeterReading").RequireRole(RoleRequirement.Staff)
            .WithSummary("Records a reading by hand. A lower value on a cumulative meter needs reset: true.");
        group.MapPost("/meter-readings/csv", UploadCsv).WithName("UploadMeterReadings").RequireRole(RoleRequirement.Staff)
            .Accepts<string>("text/csv")
            .WithSummary("Stores every reading of a CSV file (columns meter_id or asset_tag and meter, value, taken_at, reset, rollover_value), or none when a row is invalid.");
    }

    private static async Task<IResult> List(long assetId, WorkdeskDbContext db, CancellationToken ct)
    {
        if (!await db.Assets.AnyAsync(a => a.Id == assetId, ct))
        {
            return Error.NotFound("Asset", assetId).ToProblem();
        }

        var meters = await db.Meters.AsNoTracking().Where(m => m.AssetId == assetId).OrderBy(m => m.Name).ToListAsync(ct);
        return Results.Ok(meters.Select(MeterResponse.From).ToList());
    }

    private static async Task<IResult> Create(long assetId, CreateMeterRequest request, WorkdeskDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (!await db.Assets.AnyAsync(a => a.Id == assetId, ct))
        {
            return Error.NotFound("Asset", assetId).ToProblem();
        }

        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 100)
        {
            return Problems.Invalid("name", "name is required, at most 100 characters, such as \"hours\".");
        }

        if (!Enum.IsDefined(request.Kind))
        {
            return Problems.Invalid("kind", "kind is unknown.");
        }

        if (string.IsNullOrWhiteSpace(request.Unit) || request.Unit.Trim().Length > 20)
        {
            return Problems.Invalid("unit", "unit is required, at most 20 characters, such as \"h\" or \"mm/s\".");
        }

        // Readings and meter schedules find a meter by its name without regard to case, so names
        // that differ only in case would be ambiguous. The unique index on NameKey enforces it;
        // this check names the existing meter.
        var name = request.Name.Trim();
        var nameKey = name.ToLowerInvariant();
        var existing = await db.Meters.Where(m => m.AssetId == assetId && m.NameKey == nameKey).Select(m => m.Name).FirstOrDefaultAsync(ct);
        if (existing is not null)
        {
            return NameTaken(existing);
        }

        var meter = new Meter
        {
            AssetId = assetId, Name = name, Kind = request.Kind, Unit = request.Unit.Trim(), IsCumulative = request.IsCumulative,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Meters.Add(meter);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (Features.Schedules.ScheduleGenerator.IsUniqueViolation(e))
        {
            return NameTaken(name);
        }

        return Results.Created($"/api/v1/meters/{meter.Id}", MeterResponse.From(meter));
    }

    private static IResult NameTaken(string existing) => Error.Conflict(
        $"The asset already has a meter named \"{existing}\"; meter names are compared without regard to case. Choose another name.", "name").ToProblem();

    private static async Task<IResult> ListReadings(long id, int? limit, WorkdeskDbContext db, CancellationToken ct)
    {
        if (!await db.Meters.AnyAsync(m => m.Id == id, ct))
        {
            return Error.NotFound("Meter", id).ToProblem();
        }

        if (limit is < 1 or > 1000)
        {
            return Problems.Invalid("limit", "limit must be between 1 and 1000.");
        }

        var readings = await db.MeterReadings.AsNoTracking().Where(r => r.MeterId == id)
            .OrderByDescending(r => r.TakenAt).ThenByDescending(r => r.Id).Take(limit ?? 100).ToListAsync(ct);
        return Results.Ok(readings.Select(ReadingResponse.From).ToList());
    }

    private static async Task<IResult> Record(long id, ReadingInput input, WorkdeskDbContext db, MeterReadings readings, CurrentUser user, CancellationToken ct)
    {
        if (!await db.Meters.AnyAsync(m => m.Id == id, ct))
        {
            return Error.NotFound("Meter", id).ToProblem();
        }

        var stored = await readings.RecordAsync(
            [input with { MeterId = id, AssetTag = null, Meter = null }], ReadingSource.Manual, user.Id, null, null, _ => "", ct);
        return stored.Match(list => Results.Created($"/api/v1/meters/{id}/readings", ReadingResponse.From(list[0])));
    }

    private static async Task<IResult> UploadCsv(HttpContext http, MeterReadings readings, CurrentUser user, CancellationToken ct)
    {
        if (http.Request.ContentLength is > MaxCsvBytes)
        {
            return Problems.Invalid("file", $"The file is larger than {MaxCsvBytes} bytes; split it into several uploads.");
        }

        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length > MaxCsvBytes)
        {
            return Problems.Invalid("file", $"The file is larger than {MaxCsvBytes} bytes; split it into several uploads.");
        }

        buffer.Position = 0;
        using var text = new StreamReader(buffer);
        var parsed = await ReadingCsv.ParseAsync(text, ct);
        if (!parsed.IsSuccess)
        {
            return parsed.Error!.ToProblem();
        }

        var stored = await readings.RecordAsync(parsed.Value!, ReadingSource.Csv, user.Id, null, null, i => $"rows[{i}].", ct, ReadingFields.Csv);
        return stored.Match(list => Results.Ok(new ReadingBatchResponse(list.Count, list.Select(ReadingResponse.From).ToList())));
    }
}
