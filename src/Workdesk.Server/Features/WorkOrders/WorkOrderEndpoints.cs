using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.People;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Hosting;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.WorkOrders;

public static class WorkOrderEndpoints
{
    public static void MapWorkOrderEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/work-orders").WithTags("Work orders").RequireAuthorization();
        group.MapGet("/", List).WithName("ListWorkOrders")
            .WithSummary("Lists the work orders the caller may see, filtered, sorted and paged.");
        group.MapGet("/{id:long}", Get).WithName("GetWorkOrder").WithSummary("Returns one work order; its ETag is the version to send in If-Match.");
        group.MapPost("/", Create).WithName("CreateWorkOrder").RequireRole(RoleRequirement.Staff)
            .WithSummary("Creates a work order. Send an Idempotency-Key header to make retries safe.");
        group.MapPatch("/{id:long}", Update).WithName("UpdateWorkOrder").RequireRole(RoleRequirement.Dispatchers)
            .Accepts<UpdateWorkOrderRequest>("application/merge-patch+json", "application/json")
            .WithSummary("Changes fields by JSON merge patch; requires If-Match with the current ETag.");
        group.MapPost("/{id:long}/status", ChangeStatus).WithName("ChangeWorkOrderStatus")
            .WithSummary("Moves the work order to another status; requires If-Match with the current ETag.");
        group.MapGet("/{id:long}/next-statuses", GetNextStatuses).WithName("ListWorkOrderNextStatuses")
            .WithSummary("Lists the statuses the caller may move the work order to, with what each move requires.");
        group.MapGet("/{id:long}/history", GetHistory).WithName("GetWorkOrderHistory")
            .WithSummary("Returns every recorded change of the work order, oldest first.");
        group.MapGet("/{id:long}/comments", ListComments).WithName("ListWorkOrderComments").WithSummary("Lists the comments, oldest first.");
        group.MapPost("/{id:long}/comments", AddComment).WithName("AddWorkOrderComment")
            .WithSummary("Adds a comment. Send an Idempotency-Key header to make retries safe.");
    }

    private static async Task<IResult> List(
        [AsParameters] WorkOrderQuery query, WorkdeskDbContext db, CurrentUser user, WorkOrderService service,
        IOptions<ServerSettings> settings, CancellationToken ct) =>
        (await WorkOrderList.RunAsync(query, db, user, service, settings.Value.Search.ExactCountLimit, ct)).Match(Results.Ok);

    private static async Task<IResult> Get(long id, HttpContext http, WorkOrderService service, CancellationToken ct)
    {
        var workOrder = await service.ReadVisibleAsync(id, ct);
        if (workOrder is null)
        {
            return Error.NotFound("Work order", id).ToProblem();
        }

        ETags.Set(http.Response, workOrder.Id, workOrder.Version);
        return Results.Ok(await service.DescribeAsync(workOrder, ct));
    }

    private static Task<IResult> Create(CreateWorkOrderRequest request, HttpContext http, WorkOrderService service, Idempotency idempotency) =>
        idempotency.CreateAsync(http, "POST /api/v1/work-orders", request, async ct =>
        {
            var created = await service.CreateAsync(request, requestId: null, ct);
            return created.IsSuccess
                ? new Created(await service.DescribeAsync(created.Value!, ct), $"/api/v1/work-orders/{created.Value!.Id}", created.Value!.Id, created.Value!.Version)
                : created.Error!;
        }, checksFirst: true);

    private static async Task<IResult> Update(
        long id, [FromBody] JsonObject patch, HttpContext http, WorkOrderService service, WorkOrderPatch patcher, WorkdeskDbContext db, CancellationToken ct)
    {
        var workOrder = await service.FindVisibleAsync(id, ct);
        if (workOrder is null)
        {
            return Error.NotFound("Work order", id).ToProblem();
        }

        var precondition = ETags.CheckIfMatch(http.Request, workOrder.Id, workOrder.Version);
        if (precondition is not null)
        {
            return precondition;
        }

        var result = await patcher.ApplyAsync(workOrder, patch, ct);
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem();
        }

        return await SaveAndRespondAsync(http, db, service, workOrder, ct);
    }

    private static async Task<IResult> ChangeStatus(
        long id, ChangeStatusRequest request, HttpContext http, WorkOrderService service, WorkdeskDbContext db, CancellationToken ct)
    {
        var workOrder = await service.FindVisibleAsync(id, ct);
        if (workOrder is null)
        {
            return Error.NotFound("Work order", id).ToProblem();
        }

        var precondition = ETags.CheckIfMatch(http.Request, workOrder.Id, workOrder.Version);
        if (precondition is not null)
        {
            return precondition;
        }

        try
        {
            var result = await service.ChangeStatusAsync(workOrder, request, ct);
            if (!result.IsSuccess)
            {
                return result.Error!.ToProblem();
            }

            ETags.Set(http.Response, workOrder.Id, workOrder.Version);
            return Results.Ok(await service.DescribeAsync(workOrder, ct));
        }
        catch (DbUpdateConcurrencyException)
        {
            return StaleVersion(id);
        }
    }

    /// <summary>Saves a change guarded by the row version that was checked against If-Match.</summary>
    private static async Task<IResult> SaveAndRespondAsync(HttpContext http, WorkdeskDbContext db, WorkOrderService service, WorkOrder workOrder, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return StaleVersion(workOrder.Id);
        }

        ETags.Set(http.Response, workOrder.Id, workOrder.Version);
        return Results.Ok(await service.DescribeAsync(workOrder, ct));
    }

    // Another request changed the row between this request's read and its write.
    private static IResult StaleVersion(long id) =>
        new Error(ErrorKind.PreconditionFailed, $"Work order {id} was changed by someone else while this change was being saved. Read it again and reapply your change.", "If-Match").ToProblem();

    private static async Task<IResult> GetNextStatuses(long id, WorkOrderService service, CancellationToken ct)
    {
        var workOrder = await service.FindVisibleAsync(id, ct);
        return workOrder is null
            ? Error.NotFound("Work order", id).ToProblem()
            : Results.Ok(await service.NextStatusesAsync(workOrder, ct));
    }

    private static async Task<IResult> GetHistory(long id, WorkOrderService service, WorkdeskDbContext db, CurrentUser user, CancellationToken ct)
    {
        if (!await service.IsVisibleAsync(id, ct))
        {
            return Error.NotFound("Work order", id).ToProblem();
        }

        return Results.Ok(await History.ListAsync(db, Activity.WorkOrderEntity, id, ct));
    }

    private static async Task<IResult> ListComments(long id, WorkOrderService service, WorkdeskDbContext db, CurrentUser user, CancellationToken ct)
    {
        if (!await service.IsVisibleAsync(id, ct))
        {
            return Error.NotFound("Work order", id).ToProblem();
        }

        return Results.Ok(await Comments.ListAsync(db, user, workOrderId: id, workRequestId: null, ct));
    }

    private static Task<IResult> AddComment(
        long id, CreateCommentRequest request, HttpContext http, WorkOrderService service, WorkdeskDbContext db,
        CurrentUser user, TimeProvider clock, Webhooks.WebhookEvents webhooks, Idempotency idempotency) =>
        idempotency.CreateAsync(http, $"POST /api/v1/work-orders/{id}/comments", request, async ct =>
        {
            if (!await service.IsVisibleAsync(id, ct))
            {
                return Error.NotFound("Work order", id);
            }

            var added = await Comments.AddAsync(db, user, clock, webhooks, request, workOrderId: id, workRequestId: null, ct);
            return added.IsSuccess
                ? new Created(added.Value!, $"/api/v1/work-orders/{id}/comments/{added.Value!.Id}", added.Value!.Id, 0)
                : added.Error!;
        });
}
