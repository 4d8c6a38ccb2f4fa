using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.WorkOrders;

/// <summary>
/// The same change for many work orders: new assignees, a new status, or both (assignees first).
/// Each work order is changed at its current version in its own transaction, so one that fails
/// its checks is reported and leaves the others alone.
/// </summary>
public sealed record BulkChangeRequest(IReadOnlyList<long> Ids, IReadOnlyList<long>? AssigneeUserIds = null, WorkOrderStatus? Status = null, string? Reason = null);

public sealed record BulkItemResult(long Id, bool Ok, string? Error);

public sealed record BulkChangeResponse(IReadOnlyList<BulkItemResult> Results);

public static class BulkEndpoints
{
    public const int MaxItems = 200;

    public static void MapBulkEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/work-orders/bulk", Change).WithTags("Work orders").WithName("BulkChangeWorkOrders")
            .RequireAuthorization().RequireRole(RoleRequirement.Dispatchers)
            .WithSummary($"Assigns and/or moves up to {MaxItems} work orders at once; reports the outcome of each.");
    }

    private static async Task<IResult> Change(
        BulkChangeRequest request, WorkdeskDbContext db, WorkOrderService service, WorkOrderPatch patcher, CancellationToken ct)
    {
        if (request.Ids is null || request.Ids.Count is 0 or > MaxItems)
        {
            return Problems.Invalid("ids", $"ids must list 1 to {MaxItems} work order ids.");
        }

        if (request.AssigneeUserIds is null && request.Status is null)
        {
            return Problems.Invalid("status", "Send assigneeUserIds, status, or both.");
        }

        var results = new List<BulkItemResult>();
        foreach (var id in request.Ids.Distinct())
        {
            db.ChangeTracker.Clear();
            results.Add(await ChangeOneAsync(id, request, db, service, patcher, ct));
        }

        return Results.Ok(new BulkChangeResponse(results));
    }

    private static async Task<BulkItemResult> ChangeOneAsync(
        long id, BulkChangeRequest request, WorkdeskDbContext db, WorkOrderService service, WorkOrderPatch patcher, CancellationToken ct)
    {
        var workOrder = await service.FindVisibleAsync(id, ct);
        if (workOrder is null)
        {
            return new BulkItemResult(id, false, $"Work order {id} was not found.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            if (request.AssigneeUserIds is { } assignees)
            {
                var patch = new System.Text.Json.Nodes.JsonObject { ["assigneeUserIds"] = new System.Text.Json.Nodes.JsonArray([.. assignees.Select(a => (System.Text.Json.Nodes.JsonNode?)a)]) };
                var assigned = await patcher.ApplyAsync(workOrder, patch, ct);
                if (!assigned.IsSuccess)
                {
                    return new BulkItemResult(id, false, assigned.Error!.Message);
                }

                await db.SaveChangesAsync(ct);
            }

            if (request.Status is { } status)
            {
                var moved = await service.ChangeStatusAsync(workOrder, new ChangeStatusRequest(status, request.Reason), ct);
                if (!moved.IsSuccess)
                {
                    return new BulkItemResult(id, false, moved.Error!.Message);
                }
            }

            await transaction.CommitAsync(ct);
            return new BulkItemResult(id, true, null);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new BulkItemResult(id, false, $"Work order {id} was changed by someone else at the same moment; try it again.");
        }
    }
}
