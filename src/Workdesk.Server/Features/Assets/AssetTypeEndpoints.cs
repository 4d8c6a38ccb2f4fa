using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Assets;
using Workdesk.Domain.Common;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.Assets;

public sealed record AssetTypePartDto(string PartNumber, string Name, decimal Quantity = 1);

public sealed record AssetTypeResponse(
    long Id, string Name, string? Category, string? Manufacturer, string? Model, string? DefaultProcedure,
    IReadOnlyList<string> CustomFieldNames, IReadOnlyList<AssetTypePartDto> Parts, string? ExternalId, int Version);

/// <summary>An asset type; on update, the lists given replace the stored ones and fields left out stay.</summary>
public sealed record SaveAssetTypeRequest(
    string? Name = null, string? Category = null, string? Manufacturer = null, string? Model = null, string? DefaultProcedure = null,
    IReadOnlyList<string>? CustomFieldNames = null, IReadOnlyList<AssetTypePartDto>? Parts = null, string? ExternalId = null);

public static class AssetTypeEndpoints
{
    public static void MapAssetTypeEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/asset-types").WithTags("Assets").RequireAuthorization();
        group.MapGet("/", List).WithName("ListAssetTypes").WithSummary("Lists asset types with their custom fields and spare parts.");
        group.MapGet("/{id:long}", Get).WithName("GetAssetType").WithSummary("Returns one asset type.");
        group.MapPost("/", Create).WithName("CreateAssetType").RequireRole(RoleRequirement.Dispatchers).WithSummary("Creates an asset type.");
        group.MapPatch("/{id:long}", Update).WithName("UpdateAssetType").RequireRole(RoleRequirement.Dispatchers)
            .WithSummary("Changes an asset type; requires If-Match.");
    }

    private static async Task<IResult> List(WorkdeskDbContext db, CancellationToken ct) =>
        Results.Ok((await db.AssetTypes.AsNoTracking().Include(t => t.Parts).OrderBy(t => t.Name).Take(1000).ToListAsync(ct)).Select(ToResponse).ToList());

    private static async Task<IResult> Get(long id, HttpContext http, WorkdeskDbContext db, CancellationToken ct)
    {
        var type = await db.AssetTypes.AsNoTracking().Include(t => t.Parts).SingleOrDefaultAsync(t => t.Id == id, ct);
        if (type is null)
        {
            return Error.NotFound("Asset type", id).ToProblem();
        }

        ETags.Set(http.Response, type.Id, type.Version);
        return Results.Ok(ToResponse(type));
    }

    private static Task<IResult> Create(SaveAssetTypeRequest request, HttpContext http, WorkdeskDbContext db, TimeProvider clock, Idempotency idempotency) =>
        idempotency.CreateAsync(http, "POST /api/v1/asset-types", request, async ct =>
        {
            var error = AssetRules.CheckText(request.Name, "name", 200, required: true) ?? Check(request);
            if (error is not null)
            {
                return error;
            }

            var name = request.Name!.Trim();
            if (await db.AssetTypes.AnyAsync(t => t.Name == name, ct))
            {
                return Error.Conflict($"An asset type named '{name}' already exists.", "name");
            }

            var type = new AssetType { Name = name, ExternalId = request.ExternalId, CreatedAt = clock.GetUtcNow() };
            Apply(type, request);
            db.AssetTypes.Add(type);
            await db.SaveChangesAsync(ct);
            return new Created(ToResponse(type), $"/api/v1/asset-types/{type.Id}", type.Id, type.Version);
        });

    private static async Task<IResult> Update(long id, SaveAssetTypeRequest request, HttpContext http, WorkdeskDbContext db, CancellationToken ct)
    {
        var type = await db.AssetTypes.Include(t => t.Parts).SingleOrDefaultAsync(t => t.Id == id, ct);
        if (type is null)
        {
            return Error.NotFound("Asset type", id).ToProblem();
        }

        var precondition = ETags.CheckIfMatch(http.Request, type.Id, type.Version);
        if (precondition is not null)
        {
            return precondition;
        }

        var error = AssetRules.CheckText(request.Name, "name", 200, required: false) ?? Check(request);
        if (error is not null)
        {
            return error.ToProblem();
        }

        type.Name = request.Name?.Trim() ?? type.Name;
        Apply(type, request);
        db.Entry(type).Property(t => t.Version).IsModified = true;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Error(ErrorKind.PreconditionFailed, $"Asset type {id} was changed by someone else; read it again.", "If-Match").ToProblem();
        }

        ETags.Set(http.Response, type.Id, type.Version);
        return Results.Ok(ToResponse(type));
    }

    private static Error? Check(SaveAssetTypeRequest request)
    {
        if (request.CustomFieldNames is { } names && (names.Any(string.IsNullOrWhiteSpace) || names.Distinct(StringComparer.Ordinal).Count() != names.Count || names.Count > 50))
        {
            return Error.Invalid("customFieldNames", "customFieldNames must be up to 50 distinct, non-empty names.");
        }

        if (request.Parts is { } parts && (parts.Any(p => string.IsNullOrWhiteSpace(p.PartNumber) || string.IsNullOrWhiteSpace(p.Name) || p.Quantity <= 0)
            || parts.Select(p => p.PartNumber.Trim()).Distinct(StringComparer.Ordinal).Count() != parts.Count))
        {
            return Error.Invalid("parts", "Each part needs a unique partNumber, a name and a quantity above zero.");
        }

        return null;
    }

    private static void Apply(AssetType type, SaveAssetTypeRequest request)
    {
        type.Category = request.Category ?? type.Category;
        type.Manufacturer = request.Manufacturer ?? type.Manufacturer;
        type.Model = request.Model ?? type.Model;
        type.DefaultProcedure = request.DefaultProcedure ?? type.DefaultProcedure;
        if (request.CustomFieldNames is { } names)
        {
            type.CustomFieldNames = names.Count == 0 ? null : JsonSerializer.Serialize(names.Select(n => n.Trim()));
        }

        if (request.Parts is { } parts)
        {
            type.Parts.Clear();
            type.Parts.AddRange(parts.Select(p => new AssetTypePart { PartNumber = p.PartNumber.Trim(), Name = p.Name.Trim(), Quantity = p.Quantity }));
        }
    }

    private static AssetTypeResponse ToResponse(AssetType t) => new(
        t.Id, t.Name, t.Category, t.Manufacturer, t.Model, t.DefaultProcedure,
        t.CustomFieldNames is null ? [] : JsonSerializer.Deserialize<List<string>>(t.CustomFieldNames) ?? [],
        [.. t.Parts.OrderBy(p => p.PartNumber, StringComparer.Ordinal).Select(p => new AssetTypePartDto(p.PartNumber, p.Name, p.Quantity))],
        t.ExternalId, t.Version);
}
