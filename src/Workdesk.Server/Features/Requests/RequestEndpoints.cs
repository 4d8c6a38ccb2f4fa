using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.People;
using Workdesk.Domain.Requests;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Features.WorkOrders;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.Requests;

public static class RequestEndpoints
{
    public static void MapRequestEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/requests").WithTags("Requests").RequireAuthorization();
        group.MapGet("/", List).WithName("ListRequests")
            .WithSummary("Lists the requests the caller may see: requesters see their own, staff those in their sites.");
        group.MapGet("/{id:long}", Get).WithName("GetRequest").WithSummary("Returns one request.");
        group.MapPost("/", Submit).WithName("SubmitRequest")
            .WithSummary("Submits a request. Send an Idempotency-Key header to make retries safe.");
        group.MapPost("/{id:long}/approve", Approve).WithName("ApproveRequest").RequireRole(RoleRequirement.Dispatchers)
            .WithSummary("Approves a new request into one or more work orders.");
        group.MapPost("/{id:long}/merge", Merge).WithName("MergeRequest").RequireRole(RoleRequirement.Dispatchers)
            .WithSummary("Merges a new request into an existing open work order.");
        group.MapPost("/{id:long}/decline", Decline).WithName("DeclineRequest").RequireRole(RoleRequirement.Dispatchers)
            .WithSummary("Declines a new request with a reason the requester sees.");
        group.MapGet("/{id:long}/comments", ListComments).WithName("ListRequestComments").WithSummary("Lists the request's comments.");
        group.MapPost("/{id:long}/comments", AddComment).WithName("AddRequestComment").WithSummary("Adds a comment to the request.");
        group.MapGet("/{id:long}/history", GetHistory).WithName("GetRequestHistory").WithSummary("Returns the request's recorded changes.");
    }

    private static async Task<IResult> List([AsParameters] WorkRequestQuery query, WorkdeskDbContext db, CurrentUser user, CancellationToken ct)
    {
        var paging = Paging.Resolve(query.Page, query.PageSize);
        if (!paging.IsSuccess)
        {
            return paging.Error!.ToProblem();
        }

        var q = db.WorkRequests.AsNoTracking().Visible(user, db);
        if (!string.IsNullOrWhiteSpace(query.Status))
        {
            if (!Enum.TryParse<WorkRequestStatus>(query.Status, ignoreCase: true, out var status) || !Enum.IsDefined(status))
            {
                return Problems.Invalid("status", $"status '{query.Status}' is unknown. Use new, approved, merged or declined.");
            }

            q = q.Where(r => r.Status == status);
        }

        if (query.LocationId is { } locationId)
        {
            var path = await db.Locations.Where(l => l.Id == locationId).Select(l => l.Path).SingleOrDefaultAsync(ct);
            if (path is null)
            {
                return Problems.Invalid("locationId", $"Location {locationId} does not exist.");
            }

            var subtree = db.Locations.InSubtrees([path]).Select(l => (long?)l.Id);
            q = q.Where(r => subtree.Contains(r.LocationId));
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = "%" + TextSearch.EscapeLike(query.Q.Trim()) + "%";
            q = db.Provider == DatabaseProvider.Postgres
                ? q.Where(r => EF.Functions.ILike(r.Title, pattern, "\\") || EF.Functions.ILike(r.Description ?? "", pattern, "\\"))
                : q.Where(r => EF.Functions.Like(r.Title, pattern, "\\") || EF.Functions.Like(r.Description ?? "", pattern, "\\"));
        }

        var (page, size) = paging.Value;
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return Results.Ok(new ListPage<WorkRequestResponse>([.. items.Select(WorkRequestResponse.From)], page, size, total));
    }

    private static async Task<IResult> Get(long id, HttpContext http, RequestService service, CancellationToken ct)
    {
        var request = await service.FindVisibleAsync(id, ct);
        if (request is null)
        {
            return Error.NotFound("Request", id).ToProblem();
        }

        ETags.Set(http.Response, request.Id, request.Version);
        return Results.Ok(WorkRequestResponse.From(request));
    }

    private static Task<IResult> Submit(CreateWorkRequestRequest request, HttpContext http, RequestService service, Idempotency idempotency) =>
        idempotency.CreateAsync(http, "POST /api/v1/requests", request, async ct =>
        {
            var submitted = await service.SubmitAsync(request, RequestSource.Api, ct);
            return submitted.IsSuccess
                ? new Created(WorkRequestResponse.From(submitted.Value!), $"/api/v1/requests/{submitted.Value!.Id}", submitted.Value!.Id, submitted.Value!.Version)
                : submitted.Error!;
        });

    private static async Task<IResult> Approve(long id, ApproveRequest approval, RequestService service, WorkdeskDbContext db, CancellationToken ct)
    {
        var request = await service.FindVisibleAsync(id, ct);
        if (request is null)
        {
            return Error.NotFound("Request", id).ToProblem();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await SaveGuardedAsync(() => service.ApproveAsync(request, approval, ct));
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem();
        }

        await transaction.CommitAsync(ct);
        return Results.Ok(new ApproveResponse(WorkRequestResponse.From(request), [.. result.Value!.Select(w => WorkOrderResponse.From(w))]));
    }

    private static async Task<IResult> Merge(long id, MergeRequest merge, RequestService service, CancellationToken ct)
    {
        var request = await service.FindVisibleAsync(id, ct);
        return request is null
            ? Error.NotFound("Request", id).ToProblem()
            : (await SaveGuardedAsync(() => service.MergeAsync(request, merge.WorkOrderId, ct))).Match(r => Results.Ok(WorkRequestResponse.From(r)));
    }

    private static async Task<IResult> Decline(long id, DeclineRequest decline, RequestService service, CancellationToken ct)
    {
        var request = await service.FindVisibleAsync(id, ct);
        return request is null
            ? Error.NotFound("Request", id).ToProblem()
            : (await SaveGuardedAsync(() => service.DeclineAsync(request, decline.Reason, ct))).Match(r => Results.Ok(WorkRequestResponse.From(r)));
    }

    /// <summary>Turns a lost race between two dispatchers deciding the same request into a 409.</summary>
    private static async Task<Result<T>> SaveGuardedAsync<T>(Func<Task<Result<T>>> decide)
    {
        try
        {
            return await decide();
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("Someone else decided this request at the same time; read it again.", "status");
        }
    }

    private static async Task<IResult> ListComments(long id, RequestService service, WorkdeskDbContext db, CurrentUser user, CancellationToken ct)
    {
        if (await service.FindVisibleAsync(id, ct) is null)
        {
            return Error.NotFound("Request", id).ToProblem();
        }

        return Results.Ok(await Comments.ListAsync(db, user, workOrderId: null, workRequestId: id, ct));
    }

    private static Task<IResult> AddComment(
        long id, CreateCommentRequest request, HttpContext http, RequestService service, WorkdeskDbContext db,
        CurrentUser user, TimeProvider clock, Webhooks.WebhookEvents webhooks, Idempotency idempotency) =>
        idempotency.CreateAsync(http, $"POST /api/v1/requests/{id}/comments", request, async ct =>
        {
            if (await service.FindVisibleAsync(id, ct) is null)
            {
                return Error.NotFound("Request", id);
            }

            var added = await Comments.AddAsync(db, user, clock, webhooks, request, workOrderId: null, workRequestId: id, ct);
            return added.IsSuccess
                ? new Created(added.Value!, $"/api/v1/requests/{id}/comments/{added.Value!.Id}", added.Value!.Id, 0)
                : added.Error!;
        });

    private static async Task<IResult> GetHistory(long id, RequestService service, WorkdeskDbContext db, CancellationToken ct)
    {
        if (await service.FindVisibleAsync(id, ct) is null)
        {
            return Error.NotFound("Request", id).ToProblem();
        }

        return Results.Ok(await History.ListAsync(db, Activity.WorkRequestEntity, id, ct));
    }
}
