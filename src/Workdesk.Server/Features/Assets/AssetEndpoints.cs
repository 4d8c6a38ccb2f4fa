using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Assets;
using Workdesk.Domain.Common;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Features.Places;
using Workdesk.Server.Features.WorkOrders;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.Assets;

public sealed record AssetQuery
{
    public long? LocationId { get; init; }

    public long? ParentId { get; init; }

    /// <summary>When true, only assets that are inside no other asset.</summary>
    public bool? TopLevel { get; init; }

    public long? SubtreeOf { get; init; }

    public long? AssetTypeId { get; init; }

    public AssetStatus? Status { get; init; }

    public int? MinCriticality { get; init; }

    public string? Category { get; init; }

    public string? Q { get; init; }

    public int? Page { get; init; }

    public int? PageSize { get; init; }
}

public static class AssetEndpoints
{
    public static void MapAssetEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/assets").WithTags("Assets").RequireAuthorization();
        group.MapGet("/", List).WithName("ListAssets")
            .WithSummary("Lists assets: in a location's subtree, the children of parentId, the subtree of an asset (subtreeOf), of a type, status or category, or matching q in tag or name.");
        group.MapGet("/{id:long}", Get).WithName("GetAsset").WithSummary("Returns one asset with its depreciation.");
        group.MapPost("/", Create).WithName("CreateAsset").RequireRole(RoleRequirement.Dispatchers).WithSummary("Creates an asset.");
        group.MapPatch("/{id:long}", Update).WithName("UpdateAsset").RequireRole(RoleRequirement.Dispatchers)
            .WithSummary("Changes an asset's fields; a new locationId or parentId moves it with its descendants. Requires If-Match.");
    }

    private static async Task<IResult> List([AsParameters] AssetQuery query, WorkdeskDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var paging = Paging.Resolve(query.Page, query.PageSize);
        if (!paging.IsSuccess)
        {
            return paging.Error!.ToProblem();
        }

        var assets = db.Assets.AsNoTracking();
        if (query.LocationId is { } locationId)
        {
            var path = await db.Locations.Where(l => l.Id == locationId).Select(l => l.Path).SingleOrDefaultAsync(ct);
            if (path is null)
            {
                return Problems.Invalid("locationId", $"Location {locationId} does not exist.");
            }

            var subtree = db.Locations.InSubtrees([path]).Select(l => (long?)l.Id);
            assets = assets.Where(a => subtree.Contains(a.LocationId));
        }

        if (query.SubtreeOf is { } rootId)
        {
            var rootPath = await db.Assets.Where(a => a.Id == rootId).Select(a => a.Path).SingleOrDefaultAsync(ct);
            if (rootPath is null)
            {
                return Problems.Invalid("subtreeOf", $"Asset {rootId} does not exist.");
            }

            var (lower, upper) = Domain.Locations.Location.SubtreeRange(rootPath);
            assets = assets.Where(a => a.Path.CompareTo(lower) >= 0 && a.Path.CompareTo(upper) < 0 && a.Id != rootId);
        }

        if (query.ParentId is { } parentId)
        {
            assets = assets.Where(a => a.ParentId == parentId);
        }

        if (query.TopLevel == true)
        {
            assets = assets.Where(a => a.ParentId == null);
        }

        if (query.AssetTypeId is { } typeId)
        {
            assets = assets.Where(a => a.AssetTypeId == typeId);
        }

        if (query.Status is { } status)
        {
            assets = assets.Where(a => a.Status == status);
        }

        if (query.MinCriticality is { } minimum)
        {
            assets = assets.Where(a => a.Criticality >= minimum);
        }

        if (!string.IsNullOrWhiteSpace(query.Category))
        {
            assets = assets.Where(a => a.Category == query.Category);
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = "%" + TextSearch.EscapeLike(query.Q.Trim()) + "%";
            assets = db.Provider == DatabaseProvider.Postgres
                ? assets.Where(a => EF.Functions.ILike(a.Name, pattern, "\\") || EF.Functions.ILike(a.Tag, pattern, "\\"))
                : assets.Where(a => EF.Functions.Like(a.Name, pattern, "\\") || EF.Functions.Like(a.Tag, pattern, "\\"));
        }

        var (number, size) = paging.Value;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var total = await assets.CountAsync(ct);
        var items = await assets.OrderBy(a => a.Tag).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return Results.Ok(new ListPage<AssetResponse>([.. items.Select(a => AssetRules.ToResponse(a, today))], number, size, total));
    }

    private static async Task<IResult> Get(long id, HttpContext http, WorkdeskDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var asset = await db.Assets.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (asset is null)
        {
            return Error.NotFound("Asset", id).ToProblem();
        }

        ETags.Set(http.Response, asset.Id, asset.Version);
        return Results.Ok(AssetRules.ToResponse(asset, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)));
    }

    private static Task<IResult> Create(
        CreateAssetRequest request, HttpContext http, WorkdeskDbContext db, AssetTree tree, TimeProvider clock, Idempotency idempotency) =>
        idempotency.CreateAsync(http, "POST /api/v1/assets", request, async ct =>
        {
            var error = AssetRules.CheckText(request.Tag, "tag", 100, required: true)
                ?? AssetRules.CheckText(request.Name, "name", 200, required: true)
                ?? AssetRules.CheckDetails(request.Criticality, request.PurchaseCost, request.Currency, request.ExpectedLifeYears, request.WarrantyStart, request.WarrantyEnd)
                ?? await new References(db).CheckLocationAsync(request.LocationId, "locationId", ct)
                ?? await AssetRules.CheckTypeAndFieldsAsync(db, request.AssetTypeId, request.CustomFields, ct)
                ?? await new References(db).CheckTeamsAsync(request.TeamId is { } team ? [team] : null, "teamId", ct);
            if (error is not null)
            {
                return error;
            }

            if (request.ParentId is { } parentId && !await db.Assets.AnyAsync(a => a.Id == parentId, ct))
            {
                return Error.Invalid("parentId", $"Asset {parentId} does not exist.");
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
                AssetTypeId = request.AssetTypeId,
                TeamId = request.TeamId,
                LocationId = request.LocationId ?? await ParentLocationAsync(db, request.ParentId, ct),
                ParentId = request.ParentId,
                Criticality = request.Criticality ?? 3,
                Make = request.Make,
                Model = request.Model,
                SerialNumber = request.SerialNumber,
                InstallDate = request.InstallDate,
                WarrantyStart = request.WarrantyStart,
                WarrantyEnd = request.WarrantyEnd,
                PurchaseCost = request.PurchaseCost,
                Currency = request.Currency,
                ExpectedLifeYears = request.ExpectedLifeYears,
                CustomFields = AssetRules.SerializeFields(request.CustomFields),
                ExternalId = request.ExternalId,
                CreatedAt = clock.GetUtcNow(),
            };
            await tree.AddAsync(asset, ct);
            return new Created(AssetRules.ToResponse(asset, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)), $"/api/v1/assets/{asset.Id}", asset.Id, asset.Version);
        });

    private static async Task<long?> ParentLocationAsync(WorkdeskDbContext db, long? parentId, CancellationToken ct) =>
        parentId is { } id ? await db.Assets.Where(a => a.Id == id).Select(a => a.LocationId).SingleOrDefaultAsync(ct) : null;

    private static async Task<IResult> Update(
        long id, UpdateAssetRequest request, HttpContext http, WorkdeskDbContext db, AssetTree tree, CurrentUser user, TimeProvider clock, CancellationToken ct)
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

        var error = AssetRules.CheckText(request.Tag, "tag", 100, required: false)
            ?? AssetRules.CheckText(request.Name, "name", 200, required: false)
            ?? AssetRules.CheckDetails(request.Criticality, request.PurchaseCost ?? asset.PurchaseCost, request.Currency ?? asset.Currency,
                request.ExpectedLifeYears, request.WarrantyStart ?? asset.WarrantyStart, request.WarrantyEnd ?? asset.WarrantyEnd)
            ?? await AssetRules.CheckTypeAndFieldsAsync(db, request.AssetTypeId ?? asset.AssetTypeId, request.CustomFields, ct)
            ?? await new References(db).CheckTeamsAsync(request.TeamId is { } team ? [team] : null, "teamId", ct);
        if (error is not null)
        {
            return error.ToProblem();
        }

        var tag = request.Tag?.Trim();
        if (tag is not null && tag != asset.Tag && await db.Assets.AnyAsync(a => a.Tag == tag, ct))
        {
            return Error.Conflict($"An asset with tag '{tag}' already exists; tags are unique.", "tag").ToProblem();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (request.LocationId is not null || request.ParentId is not null)
        {
            var moveError = await tree.MoveAsync(asset, request.LocationId, request.ParentId, clearParent: false, user.Id, ct);
            if (moveError is not null)
            {
                return moveError.ToProblem();
            }
        }

        Apply(asset, request, tag);
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Error(ErrorKind.PreconditionFailed, $"Asset {id} was changed by someone else; read it again.", "If-Match").ToProblem();
        }

        ETags.Set(http.Response, asset.Id, asset.Version);
        return Results.Ok(AssetRules.ToResponse(asset, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)));
    }

    private static void Apply(Asset asset, UpdateAssetRequest request, string? tag)
    {
        asset.Tag = tag ?? asset.Tag;
        asset.Name = request.Name?.Trim() ?? asset.Name;
        asset.Category = request.Category ?? asset.Category;
        asset.AssetTypeId = request.AssetTypeId ?? asset.AssetTypeId;
        asset.TeamId = request.TeamId ?? asset.TeamId;
        asset.Criticality = request.Criticality ?? asset.Criticality;
        asset.Make = request.Make ?? asset.Make;
        asset.Model = request.Model ?? asset.Model;
        asset.SerialNumber = request.SerialNumber ?? asset.SerialNumber;
        asset.InstallDate = request.InstallDate ?? asset.InstallDate;
        asset.WarrantyStart = request.WarrantyStart ?? asset.WarrantyStart;
        asset.WarrantyEnd = request.WarrantyEnd ?? asset.WarrantyEnd;
        asset.PurchaseCost = request.PurchaseCost ?? asset.PurchaseCost;
        asset.Currency = request.Currency ?? asset.Currency;
        asset.ExpectedLifeYears = request.ExpectedLifeYears ?? asset.ExpectedLifeYears;
        asset.CustomFields = request.CustomFields is null ? asset.CustomFields : AssetRules.SerializeFields(request.CustomFields);
    }
}
