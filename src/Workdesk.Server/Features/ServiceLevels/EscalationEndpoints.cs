using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.ServiceLevels;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.ServiceLevels;

/// <summary>Administration of escalation rules.</summary>
public static class EscalationEndpoints
{
    public static void MapEscalationEndpoints(this IEndpointRouteBuilder api)
    {
        var rules = api.MapGroup("/escalation-rules").WithTags("Service levels").RequireAuthorization();
        rules.MapGet("/", ListRules).WithName("ListEscalationRules").RequireRole(RoleRequirement.Staff).WithSummary("Lists escalation rules.");
        rules.MapPost("/", CreateRule).WithName("CreateEscalationRule").RequireRole(RoleRequirement.Administrators)
            .WithSummary("Creates an escalation rule that fires a number of business minutes before a first-response or resolution due time, or at it.");
        rules.MapPut("/{id:long}", ReplaceRule).WithName("ReplaceEscalationRule").RequireRole(RoleRequirement.Administrators)
            .WithSummary("Replaces an escalation rule; work orders it already fired for are not escalated again.");
        rules.MapDelete("/{id:long}", DeleteRule).WithName("DeleteEscalationRule").RequireRole(RoleRequirement.Administrators)
            .WithSummary("Deletes an escalation rule and the record of its firings.");
    }

    private static async Task<IResult> ListRules(WorkdeskDbContext db, CancellationToken ct) =>
        Results.Ok((await db.EscalationRules.AsNoTracking().OrderBy(r => r.Name).ToListAsync(ct)).Select(EscalationRules.ToDto).ToList());

    private static async Task<IResult> CreateRule(SaveEscalationRuleRequest request, WorkdeskDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var rule = new EscalationRule { Name = "", CreatedAt = clock.GetUtcNow() };
        var error = await EscalationRules.ApplyAsync(rule, request, db, ct);
        if (error is not null)
        {
            return error.ToProblem();
        }

        db.EscalationRules.Add(rule);
        await db.SaveChangesAsync(ct);
        return Results.Created($"/api/v1/escalation-rules/{rule.Id}", EscalationRules.ToDto(rule));
    }

    private static async Task<IResult> ReplaceRule(long id, SaveEscalationRuleRequest request, WorkdeskDbContext db, CancellationToken ct)
    {
        var rule = await db.EscalationRules.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (rule is null)
        {
            return Error.NotFound("Escalation rule", id).ToProblem();
        }

        var error = await EscalationRules.ApplyAsync(rule, request, db, ct);
        if (error is not null)
        {
            return error.ToProblem();
        }

        await db.SaveChangesAsync(ct);
        return Results.Ok(EscalationRules.ToDto(rule));
    }

    private static async Task<IResult> DeleteRule(long id, WorkdeskDbContext db, CancellationToken ct)
    {
        var deleted = await db.EscalationRules.Where(r => r.Id == id).ExecuteDeleteAsync(ct);
        return deleted == 0 ? Error.NotFound("Escalation rule", id).ToProblem() : Results.NoContent();
    }
}
