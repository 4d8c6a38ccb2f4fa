using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.Maintenance;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.Meters;

/// <summary>
/// The reading endpoints for sensors and PLC gateways. They accept only sensor tokens ("wds_..."),
/// and no other endpoint accepts those, because they are stored apart from user API tokens.
/// </summary>
public static class SensorEndpoints
{
    public const string TokenPrefix = "wds_";

    public static void MapSensorEndpoints(this IEndpointRouteBuilder api)
    {
        var sensors = api.MapGroup("/sensor").WithTags("Meters").AllowAnonymous();
        sensors.MapPost("/readings", PostOne).WithName("PostSensorReading")
            .WithSummary("Stores one reading; authenticate with \"Authorization: Bearer wds_...\" (a sensor token).");
        sensors.MapPost("/readings/batch", PostBatch).WithName("PostSensorReadings")
            .WithSummary($"Stores up to {MeterReadings.MaxBatch} readings all together, or none when one is invalid; the error names the reading by index.");

        var tokens = api.MapGroup("/sensor-tokens").WithTags("Meters").RequireAuthorization().RequireRole(RoleRequirement.Administrators);
        tokens.MapGet("", ListTokens).WithName("ListSensorTokens").WithSummary("Lists sensor tokens without their secrets.");
        tokens.MapPost("", CreateToken).WithName("CreateSensorToken")
            .WithSummary("Creates a token that may only post meter readings, optionally only for one asset; the secret is returned once.");
        tokens.MapDelete("/{id:long}", RevokeToken).WithName("RevokeSensorToken").WithSummary("Revokes a sensor token at once.");
    }

    private static async Task<IResult> PostOne(ReadingInput reading, HttpContext http, WorkdeskDbContext db, MeterReadings readings, TimeProvider clock, CancellationToken ct)
    {
        var token = await AuthenticateAsync(http, db, clock, ct);
        if (token is null)
        {
            return Unauthorized();
        }

        var stored = await readings.RecordAsync([reading], ReadingSource.Sensor, null, token.Id, token.AssetId, _ => "", ct);
        return stored.Match(list => Results.Created($"/api/v1/meters/{list[0].MeterId}/readings", ReadingResponse.From(list[0])));
    }

    private static async Task<IResult> PostBatch(ReadingBatchRequest batch, HttpContext http, WorkdeskDbContext db, MeterReadings readings, TimeProvider clock, CancellationToken ct)
    {
        var token = await AuthenticateAsync(http, db, clock, ct);
        if (token is null)
        {
            return Unauthorized();
        }

        if (batch.Readings is null)
        {
            return Problems.Invalid("readings", "Send {\"readings\": [...]}.");
        }

        var stored = await readings.RecordAsync(batch.Readings, ReadingSource.Sensor, null, token.Id, token.AssetId, i => $"readings[{i}].", ct);
        return stored.Match(list => Results.Ok(new ReadingBatchResponse(list.Count, list.Select(ReadingResponse.From).ToList())));
    }

    private static IResult Unauthorized() => Results.Problem(
        statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized.",
        detail: "Send a valid sensor token as \"Authorization: Bearer wds_...\"; user API tokens are not accepted here.");

    private static async Task<SensorToken?> AuthenticateAsync(HttpContext http, WorkdeskDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer " + TokenPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var hash = ApiTokens.Hash(header["Bearer ".Length..].Trim());
        var token = await db.SensorTokens.SingleOrDefaultAsync(t => t.TokenHash == hash && t.RevokedAt == null, ct);
        var now = clock.GetUtcNow();
        if (token is not null && (token.LastUsedAt is null || now - token.LastUsedAt.Value > TimeSpan.FromHours(1)))
        {
            await db.SensorTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), ct);
        }

        return token;
    }

    private static async Task<IResult> ListTokens(WorkdeskDbContext db, CancellationToken ct)
    {
        var tokens = await db.SensorTokens.AsNoTracking().OrderBy(t => t.Id).ToListAsync(ct);
        return Results.Ok(tokens.Select(SensorTokenResponse.From).ToList());
    }

    private static async Task<IResult> CreateToken(CreateSensorTokenRequest request, WorkdeskDbContext db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 200)
        {
            return Problems.Invalid("name", "name is required, at most 200 characters, such as \"PLC gateway hall 2\".");
        }

        if (request.AssetId is { } assetId && !await db.Assets.AnyAsync(a => a.Id == assetId, ct))
        {
            return Problems.Invalid("assetId", $"Asset {assetId} does not exist.");
        }

        var secret = TokenPrefix + ApiTokens.NewSecret()[ApiTokens.TokenPrefix.Length..];
        var token = new SensorToken
        {
            Name = request.Name.Trim(), TokenHash = ApiTokens.Hash(secret), Prefix = ApiTokens.DisplayPrefix(secret),
            AssetId = request.AssetId, CreatedById = user.Id, CreatedAt = clock.GetUtcNow(),
        };
        db.SensorTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return Results.Created($"/api/v1/sensor-tokens/{token.Id}", new CreatedSensorTokenResponse(SensorTokenResponse.From(token), secret));
    }

    private static async Task<IResult> RevokeToken(long id, WorkdeskDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var token = await db.SensorTokens.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (token is null)
        {
            return Error.NotFound("Sensor token", id).ToProblem();
        }

        token.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return Results.NoContent();
    }
}
