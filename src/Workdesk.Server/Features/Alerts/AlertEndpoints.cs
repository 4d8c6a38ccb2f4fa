using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Features.WorkOrders;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.Alerts;

/// <summary>An alarm from a monitoring or building-management system.</summary>
/// <param name="Key">Identifies the alarm, such as "ATM-1234:offline"; repeats with the same key update one open work order.</param>
public sealed record AlertRequest(
    string Source, string Key, string Title, string? Description = null, Priority? Priority = null,
    long? LocationId = null, long? AssetId = null);

public sealed record AlertResponse(bool Created, int AlertCount, WorkOrderResponse WorkOrder);

public static class AlertEndpoints
{
    public static void MapAlertEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/alerts", Raise).WithTags("Alerts").WithName("RaiseAlert")
            .RequireAuthorization().RequireRole(RoleRequirement.Staff)
            .WithSummary("Turns an alarm into a work order; a repeat of the same source and key while that work order is open updates it instead.");
    }

    private static async Task<IResult> Raise(AlertRequest alert, WorkdeskDbContext db, WorkOrderService service, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(alert.Source) || string.IsNullOrWhiteSpace(alert.Key) || alert.Source.Length + alert.Key.Length > 290)
        {
            return Problems.Invalid("key", "source and key are required, together at most 290 characters.");
        }

        var alertKey = $"{alert.Source.Trim()}:{alert.Key.Trim()}";
        WorkOrderStatus[] finished = [WorkOrderStatus.Completed, WorkOrderStatus.Closed, WorkOrderStatus.Cancelled];
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var open = await db.WorkOrders.Visible(user, db).Include(w => w.Assignments)
            .Where(w => w.AlertKey == alertKey && !finished.Contains(w.Status))
            .OrderByDescending(w => w.Id)
            .FirstOrDefaultAsync(ct);
        if (open is not null)
        {
            open.AlertCount++;
            open.UpdatedAt = clock.GetUtcNow();
            new History(db, clock, user.Id).Record(Activity.WorkOrderEntity, open.Id, "alert_repeated", "alertCount", open.AlertCount - 1, open.AlertCount);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return Results.Ok(new AlertResponse(false, open.AlertCount, await service.DescribeAsync(open, ct)));
        }

        var created = await service.CreateAsync(
            new CreateWorkOrderRequest(
                Title: alert.Title, Description: alert.Description, Type: WorkOrderTypes.Incident, Priority: alert.Priority ?? Priority.High,
                LocationId: alert.LocationId, AssetId: alert.AssetId),
            requestId: null, ct);
        if (!created.IsSuccess)
        {
            return created.Error!.ToProblem();
        }

        var workOrder = created.Value!;
        workOrder.AlertKey = alertKey;
        workOrder.AlertCount = 1;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Results.Created($"/api/v1/work-orders/{workOrder.Id}", new AlertResponse(true, 1, await service.DescribeAsync(workOrder, ct)));
    }
}
