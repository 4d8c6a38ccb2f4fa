using Workdesk.Domain.Common;
using Workdesk.Domain.People;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Features.WorkOrders;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.Procedures;

public static class WorkOrderProcedureEndpoints
{
    public static void MapWorkOrderProcedureEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/work-orders/{id:long}/procedures").WithTags("Procedures").RequireAuthorization();
        group.MapGet("/", List).WithName("ListWorkOrderProcedures")
            .WithSummary("Lists the work order's procedures with their steps, results and the required steps still open.");
        group.MapPut("/{procedureId:long}/steps/{stepKey}", Record).WithName("RecordProcedureStep")
            .RequireRole([.. RoleRequirement.Staff, Role.Vendor])
            .WithSummary("Records or replaces one step's result; a failed step may open a follow-up corrective work order.");
    }

    private static async Task<IResult> List(long id, WorkOrderService workOrders, ProcedureResults results, CancellationToken ct) =>
        await workOrders.FindVisibleAsync(id, ct) is null
            ? Error.NotFound("Work order", id).ToProblem()
            : Results.Ok(await results.ListAsync(id, ct));

    private static async Task<IResult> Record(
        long id, long procedureId, string stepKey, RecordStepRequest request, WorkOrderService workOrders, ProcedureResults results, CancellationToken ct)
    {
        var workOrder = await workOrders.FindVisibleAsync(id, ct);
        if (workOrder is null)
        {
            return Error.NotFound("Work order", id).ToProblem();
        }

        return (await results.RecordAsync(workOrder, procedureId, stepKey, request, ct)).Match(Results.Ok);
    }
}
