using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Approvals;
using Workdesk.Domain.Common;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Features.Workflows;
using Workdesk.Server.Features.WorkOrders;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.Approvals;

public static class ApprovalEndpoints
{
    public const int MaxSteps = 10;

    public static void MapApprovalEndpoints(this IEndpointRouteBuilder api)
    {
        var rules = api.MapGroup("/approval-rules").WithTags("Approvals").RequireAuthorization();
        rules.MapGet("/", ListRules).WithName("ListApprovalRules").RequireRole(RoleRequirement.Staff)
            .WithSummary("Lists the approval rules.");
        rules.MapPost("/", CreateRule).WithName("CreateApprovalRule").RequireRole(RoleRequirement.Administrators)
            .WithSummary("Creates an approval rule; work orders created or changed from now on are checked against it.");
        rules.MapPut("/{id:long}", UpdateRule).WithName("UpdateApprovalRule").RequireRole(RoleRequirement.Administrators)
            .WithSummary("Replaces an approval rule; requires If-Match. Approvals already opened keep their steps.");

        var workOrders = api.MapGroup("/work-orders/{id:long}/approvals").WithTags("Approvals").RequireAuthorization();
        workOrders.MapGet("/", ListForWorkOrder).WithName("ListWorkOrderApprovals")
            .WithSummary("Lists the work order's approvals with each decision and its reason.");
        workOrders.MapPost("/{approvalId:long}/decision", Decide).WithName("DecideWorkOrderApproval").RequireRole(RoleRequirement.Staff)
            .WithSummary("Approves or rejects the approval's current step; rejecting needs a reason.");

        api.MapGet("/approvals/mine", ListMine).WithTags("Approvals").WithName("ListMyApprovals").RequireAuthorization().RequireRole(RoleRequirement.Staff)
            .WithSummary("Lists the pending approvals whose current step the caller may decide.");
    }

    private static async Task<IResult> ListRules(WorkdeskDbContext db, CancellationToken ct) =>
        Results.Ok((await db.ApprovalRules.AsNoTracking().OrderBy(r => r.Name).Take(1000).ToListAsync(ct)).Select(ToResponse).ToList());

    private static async Task<IResult> CreateRule(SaveApprovalRuleRequest request, HttpContext http, WorkdeskDbContext db, WorkflowCatalog workflows, TimeProvider clock, CancellationToken ct)
    {
        var error = await CheckAsync(request, db, workflows, ct);
        if (error is not null)
        {
            return error.ToProblem();
        }

        if (await db.ApprovalRules.AnyAsync(r => r.Name == request.Name.Trim(), ct))
        {
            return Error.Conflict($"An approval rule named '{request.Name.Trim()}' already exists.", "name").ToProblem();
        }

        var now = clock.GetUtcNow();
        var rule = new ApprovalRule { Name = request.Name.Trim(), Steps = "[]", CreatedAt = now };
        Apply(rule, request, now);
        db.ApprovalRules.Add(rule);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Error.Conflict($"An approval rule named '{rule.Name}' was created at the same moment.", "name").ToProblem();
        }

        ETags.Set(http.Response, rule.Id, rule.Version);
        return Results.Created($"/api/v1/approval-rules/{rule.Id}", ToResponse(rule));
    }

    private static async Task<IResult> UpdateRule(long id, SaveApprovalRuleRequest request, HttpContext http, WorkdeskDbContext db, WorkflowCatalog workflows, TimeProvider clock, CancellationToken ct)
    {
        var rule = await db.ApprovalRules.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (rule is null)
        {
            return Error.NotFound("Approval rule", id).ToProblem();
        }

        var precondition = ETags.CheckIfMatch(http.Request, rule.Id, rule.Version);
        if (precondition is not null)
        {
            return precondition;
        }

        var error = await CheckAsync(request, db, workflows, ct);
        if (error is not null)
        {
            return error.ToProblem();
        }

        if (await db.ApprovalRules.AnyAsync(r => r.Name == request.Name.Trim() && r.Id != id, ct))
        {
            return Error.Conflict($"An approval rule named '{request.Name.Trim()}' already exists.", "name").ToProblem();
        }

        rule.Name = request.Name.Trim();
        Apply(rule, request, clock.GetUtcNow());
        db.Entry(rule).Property(r => r.Version).IsModified = true;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Error(ErrorKind.PreconditionFailed, $"Approval rule {id} was changed by someone else; read it again.", "If-Match").ToProblem();
        }

        ETags.Set(http.Response, rule.Id, rule.Version);
        return Results.Ok(ToResponse(rule));
    }

    private static async Task<IResult> ListForWorkOrder(long id, WorkOrderService workOrders, ApprovalService approvals, CancellationToken ct) =>
        await workOrders.FindVisibleAsync(id, ct) is null
            ? Error.NotFound("Work order", id).ToProblem()
            : Results.Ok(await approvals.ListAsync(id, ct));

    private static async Task<IResult> Decide(long id, long approvalId, DecideApprovalRequest request, WorkOrderService workOrders, ApprovalService approvals, CancellationToken ct)
    {
        var workOrder = await workOrders.FindVisibleAsync(id, ct);
        return workOrder is null
            ? Error.NotFound("Work order", id).ToProblem()
            : (await approvals.DecideAsync(workOrder, approvalId, request, ct)).Match(Results.Ok);
    }

    private static async Task<IResult> ListMine(ApprovalService approvals, CancellationToken ct) =>
        Results.Ok(await approvals.ListMineAsync(ct));

    /// <summary>Checks a rule's name, conditions and steps.</summary>
    public static async Task<Error?> CheckAsync(SaveApprovalRuleRequest request, WorkdeskDbContext db, WorkflowCatalog workflows, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 200)
        {
            return Error.Invalid("name", "name is required and must be at most 200 characters.");
        }

        if (request.Steps is not { Count: > 0 } steps || steps.Count > MaxSteps)
        {
            return Error.Invalid("steps", $"steps must list 1 to {MaxSteps} approvers in the order they decide.");
        }

        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var ways = (step?.Role is null ? 0 : 1) + (step?.LocationManager == true ? 1 : 0) + (step?.UserId is null ? 0 : 1);
            if (step is null || ways != 1)
            {
                return Error.Invalid("steps", $"Step {i + 1} must name exactly one approver: a role, locationManager true, or a userId.");
            }

            if (step.Role is { } role && !Enum.IsDefined(role))
            {
                return Error.Invalid("steps", $"Step {i + 1} names an unknown role.");
            }

            if (step.UserId is { } userId && !await db.Users.AnyAsync(u => u.Id == userId, ct))
            {
                return Error.Invalid("steps", $"Step {i + 1} names user {userId}, who does not exist.");
            }
        }

        if (request.MinEstimatedCost is < 0)
        {
            return Error.Invalid("minEstimatedCost", "minEstimatedCost must be zero or more.");
        }

        if (request.MinEstimatedCost is not null && !IsCurrency(request.Currency))
        {
            return Error.Invalid("currency", "A cost condition needs currency, a three-letter ISO 4217 code such as EUR.");
        }

        if (request.MinPriority is { } priority && !Enum.IsDefined(priority))
        {
            return Error.Invalid("minPriority", "minPriority must be one of: low, medium, high, urgent.");
        }

        if (!Enum.IsDefined(request.GateStatus) || request.GateStatus is Domain.WorkOrders.WorkOrderStatus.Open or Domain.WorkOrders.WorkOrderStatus.Cancelled)
        {
            return Error.Invalid("gateStatus", "gateStatus must be a status category work moves into later, such as in_progress or completed.");
        }

        if (request.LocationId is { } locationId && !await db.Locations.AnyAsync(l => l.Id == locationId, ct))
        {
            return Error.Invalid("locationId", $"Location {locationId} was not found.");
        }

        return await workflows.CheckTypeAsync(request.WorkOrderType, ct);
    }

    public static bool IsCurrency(string? code) => code is { Length: 3 } && code.All(char.IsAsciiLetterUpper);

    private static void Apply(ApprovalRule rule, SaveApprovalRuleRequest request, DateTimeOffset now)
    {
        rule.IsActive = request.IsActive;
        rule.WorkOrderType = request.WorkOrderType;
        rule.MinPriority = request.MinPriority;
        rule.MinEstimatedCost = request.MinEstimatedCost;
        rule.Currency = request.Currency;
        rule.LocationId = request.LocationId;
        rule.GateStatus = request.GateStatus;
        rule.Steps = ApprovalService.WriteSteps(request.Steps);
        rule.UpdatedAt = now;
    }

    public static ApprovalRuleResponse ToResponse(ApprovalRule r) => new(
        r.Id, r.Name, r.IsActive, r.WorkOrderType, r.MinPriority, r.MinEstimatedCost, r.Currency, r.LocationId, r.GateStatus,
        ApprovalService.ReadSteps(r.Steps), r.Version);
}
