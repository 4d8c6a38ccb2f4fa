using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Assets;
using Workdesk.Domain.Common;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Features.WorkOrders;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.Places;

public static class AssetEndpoints
{
    public static void MapAssetEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/assets").WithTags("Assets").RequireAuthorization();
        group.MapGet("/", List).WithName("ListAssets")
            .WithSummary("Lists assets, optionally in a location's subtree, of a category, or matching q in tag or name.");
        group.MapGet("/{id:long}", Get).WithName("GetAsset").WithSummary("Returns one asset.");
        group.MapPost("/", Create).WithName("CreateAsset").RequireRole(RoleRequirement.Dispatchers).WithSummary("Creates an asset.");
        group.MapPatch("/{id:long}", Update).WithName("UpdateAsset").RequireRole(RoleRequirement.Dispatchers)
            .WithSummary("Changes an asset's fields. Requires If-Match.");
    }

    private static async Task<IResult> List(
        long? locationId, string? category, string? q, int? page, int? pageSize, WorkdeskDbContext db, CancellationToken ct)
    {
        var paging = Paging.Resolve(page, pageSize);
        if (!paging.IsSuccess)
        {
            return paging.Error!.ToProblem();
        }

        var query = db.Assets.AsNoTracking();
        if (locationId is { } id)
        {
            var path = await db.Locations.Where(l => l.Id == id).Select(l => l.Path).SingleOrDefaultAsync(ct);
            if (path is null)
            {
                return Problems.Invalid("locationId", $"Location {id} does not exist.");
            }

            var subtree = db.Locations.InSubtrees([path]).Select(l => (long?)l.Id);
            query = query.Where(a => subtree.Contains(a.LocationId));
        }

        if (!string.IsNullOrWhiteSpace(category))
        {
            query = query.Where(a => a.Category == category);
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = "%" + TextSearch.EscapeLike(q.Trim()) + "%";
            query = db.Provider == DatabaseProvider.Postgres
                ? query.Where(a => EF.Functions.ILike(a.Name, pattern, "\\") || EF.Functions.ILike(a.Tag, pattern, "\\"))
                : query.Where(a => EF.Functions.Like(a.Name, pattern, "\\") || EF.Functions.Like(a.Tag, pattern, "\\"));
        }

        var (number, size) = paging.Value;
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(a => a.Tag).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return Results.Ok(new ListPage<AssetResponse>([.. items.Select(PlaceEndpoints.ToResponse)], number, size, total));
    }

    private static async Task<IResult> Get(long id, HttpContext http, WorkdeskDbContext db, CancellationToken ct)
    {
        var asset = await db.Assets.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (asset is null)
        {
            return Error.NotFound("Asset", id).ToProblem();
        }

        ETags.Set(http.Response, asset.Id, asset.Version);
        return Results.Ok(PlaceEndpoints.ToResponse(asset));
    }

    private static Task<IResult> Create(
        CreateAssetRequest request, HttpContext http, WorkdeskDbContext db, TimeProvider clock, Idempotency idempotency) =>
        idempotency.CreateAsync(http, "POST /api/v1/assets", request, async ct =>
        {
            var error = CheckText(request.Tag, "tag", 100) ?? CheckText(request.Name, "name", 200)
                ?? await CheckReferencesAsync(db, request.LocationId, request.ParentId, null, ct);
            if (error is not null)
            {
                return error;
            }

            var tag = request.Tag.Trim();
            if (await db.Assets.AnyAsync(a => a.Tag == tag, ct))
            {
                return Error.Conflict($"An asset with tag '{tag}' already exists; tags are unique.", "tag");
            }

            var asset = new Asset
            {
                Tag = tag,
                Name = request.Name.Trim(),
                Category = request.Category,
                LocationId = request.LocationId,
                ParentId = request.ParentId,
                Make = request.Make,
                Model = request.Model,
                SerialNumber = request.SerialNumber,
                ExternalId = request.ExternalId,
                CreatedAt = clock.GetUtcNow(),
            };
            db.Assets.Add(asset);
            await db.SaveChangesAsync(ct);
            return new Created(PlaceEndpoints.ToResponse(asset), $"/api/v1/assets/{asset.Id}", asset.Id, asset.Version);
        });

    private static async Task<IResult> Update(long id, UpdateAssetRequest request, HttpContext http, WorkdeskDbContext db, CancellationToken ct)
    {
        var asset = await db.Assets.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (asset is null)
        {
            return Error.NotFound("Asset", id).ToProblem();
        }

        var precondition = ETags.CheckIfMatch(http.Request, asset.Id, asset.Version);
        if (precondition is not null)
        {
            return precondition;
        }

        var error = (request.Tag is null ? null : CheckText(request.Tag, "tag", 100))
            ?? (request.Name is null ? null : CheckText(request.Name, "name", 200))
            ?? await CheckReferencesAsync(db, request.LocationId, request.ParentId, asset.Id, ct);
        if (error is not null)
        {
            return error.ToProblem();
        }

        var tag = request.Tag?.Trim();
        if (tag is not null && tag != asset.Tag && await db.Assets.AnyAsync(a => a.Tag == tag, ct))
        {
            return Error.Conflict($"An asset with tag '{tag}' already exists; tags are unique.", "tag").ToProblem();
        }

        asset.Tag = tag ?? asset.Tag;
        asset.Name = request.Name?.Trim() ?? asset.Name;
        asset.Category = request.Category ?? asset.Category;
        asset.LocationId = request.LocationId ?? asset.LocationId;
        asset.ParentId = request.ParentId ?? asset.ParentId;
        asset.Make = request.Make ?? asset.Make;
        asset.Model = request.Model ?? asset.Model;
        asset.SerialNumber = request.SerialNumber ?? asset.SerialNumber;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Error(ErrorKind.PreconditionFailed, $"Asset {id} was changed by someone else; read it again.", "If-Match").ToProblem();
        }

        ETags.Set(http.Response, asset.Id, asset.Version);
        return Results.Ok(PlaceEndpoints.ToResponse(asset));
    }

    private static Error? CheckText(string? value, string field, int maxLength) =>
        string.IsNullOrWhiteSpace(value)
            ? Error.Invalid(field, $"{field} is required.")
            : value.Trim().Length > maxLength ? Error.Invalid(field, $"{field} must be at most {maxLength} characters.") : null;

    private static async Task<Error?> CheckReferencesAsync(WorkdeskDbContext db, long? locationId, long? parentId, long? selfId, CancellationToken ct)
    {
        var references = new References(db);
        if (await references.CheckLocationAsync(locationId, "locationId", ct) is { } locationError)
        {
            return locationError;
        }

        if (parentId is { } parent && (parent == selfId || !await db.Assets.AnyAsync(a => a.Id == parent, ct)))
        {
            return Error.Invalid("parentId", $"Asset {parent} does not exist or is this asset itself.");
        }

        return null;
    }
}
