using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.Locations;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.Places;

public static class PlaceEndpoints
{
    public static void MapLocationEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/locations").WithTags("Locations").RequireAuthorization();
        group.MapGet("/", List).WithName("ListLocations")
            .WithSummary("Lists locations: the children of parentId (top level when left out), or every match of q in the tree.");
        group.MapGet("/{id:long}", Get).WithName("GetLocation").WithSummary("Returns one location.");
        group.MapPost("/", Create).WithName("CreateLocation").RequireRole(RoleRequirement.Dispatchers)
            .WithSummary("Creates a location under parentId, or at the top level.");
        group.MapPatch("/{id:long}", Update).WithName("UpdateLocation").RequireRole(RoleRequirement.Dispatchers)
            .WithSummary("Changes a location; a new parentId moves its whole subtree. Requires If-Match.");
    }

    private static async Task<IResult> List(long? parentId, string? q, int? page, int? pageSize, WorkdeskDbContext db, CancellationToken ct)
    {
        var paging = Paging.Resolve(page, pageSize);
        if (!paging.IsSuccess)
        {
            return paging.Error!.ToProblem();
        }

        var query = db.Locations.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = "%" + WorkOrders.TextSearch.EscapeLike(q.Trim()) + "%";
            query = db.Provider == DatabaseProvider.Postgres
                ? query.Where(l => EF.Functions.ILike(l.Name, pattern, "\\"))
                : query.Where(l => EF.Functions.Like(l.Name, pattern, "\\"));
            if (parentId is { } under)
            {
                var path = await db.Locations.Where(l => l.Id == under).Select(l => l.Path).SingleOrDefaultAsync(ct) ?? "/none/";
                query = query.InSubtrees([path]);
            }
        }
        else
        {
            query = query.Where(l => l.ParentId == parentId);
        }

        var (number, size) = paging.Value;
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(l => l.Name).ThenBy(l => l.Id).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return Results.Ok(new ListPage<LocationResponse>([.. items.Select(ToResponse)], number, size, total));
    }

    private static async Task<IResult> Get(long id, HttpContext http, WorkdeskDbContext db, CancellationToken ct)
    {
        var location = await db.Locations.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, ct);
        if (location is null)
        {
            return Error.NotFound("Location", id).ToProblem();
        }

        ETags.Set(http.Response, location.Id, location.Version);
        return Results.Ok(ToResponse(location));
    }

    private static Task<IResult> Create(CreateLocationRequest request, HttpContext http, LocationService service, Idempotency idempotency) =>
        idempotency.CreateAsync(http, "POST /api/v1/locations", request, async ct =>
        {
            var created = await service.CreateAsync(request, ct);
            return created.IsSuccess
                ? new Created(ToResponse(created.Value!), $"/api/v1/locations/{created.Value!.Id}", created.Value!.Id, created.Value!.Version)
                : created.Error!;
        });

    private static async Task<IResult> Update(
        long id, UpdateLocationRequest request, HttpContext http, WorkdeskDbContext db, LocationService service, CancellationToken ct)
    {
        var location = await db.Locations.SingleOrDefaultAsync(l => l.Id == id, ct);
        if (location is null)
        {
            return Error.NotFound("Location", id).ToProblem();
        }

        var precondition = ETags.CheckIfMatch(http.Request, location.Id, location.Version);
        if (precondition is not null)
        {
            return precondition;
        }

        var error = (request.Name is null ? null : LocationService.CheckName(request.Name))
            ?? LocationService.CheckTimeZone(request.TimeZone)
            ?? WorkOrders.WorkOrderRules.CheckCoordinates(request.Latitude, request.Longitude)
            ?? await LocationService.CheckManagerAsync(db, request.ManagerId, ct);
        if (error is not null)
        {
            return error.ToProblem();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (request.ParentId is not null || request.MoveToRoot)
        {
            var moveError = await service.MoveAsync(location, request.MoveToRoot ? null : request.ParentId, ct);
            if (moveError is not null)
            {
                return moveError.ToProblem();
            }
        }

        location.Name = request.Name?.Trim() ?? location.Name;
        location.Code = request.Code ?? location.Code;
        location.Address = request.Address ?? location.Address;
        location.Latitude = request.Latitude ?? location.Latitude;
        location.Longitude = request.Longitude ?? location.Longitude;
        location.TimeZone = request.TimeZone ?? location.TimeZone;
        location.ManagerId = request.ManagerId ?? location.ManagerId;
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Error(ErrorKind.PreconditionFailed, $"Location {id} was changed by someone else; read it again.", "If-Match").ToProblem();
        }

        ETags.Set(http.Response, location.Id, location.Version);
        return Results.Ok(ToResponse(location));
    }

    public static LocationResponse ToResponse(Location l) =>
        new(l.Id, l.ParentId, l.Name, l.Code, l.Path, l.Address, l.Latitude, l.Longitude, l.TimeZone, l.ExternalId, l.RequestKey, l.Version, l.ManagerId);
}
