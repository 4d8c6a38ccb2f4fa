using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.ServiceLevels;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.ServiceLevels;

public sealed record SlaPolicyDto(
    long Id, string Name, int Rank, Priority? Priority, string? Type, string? Category, long? LocationId,
    int? ResponseMinutes, int ResolutionMinutes, int AtRiskMinutes, IReadOnlyList<string> PausedStatuses, long? CalendarId, bool IsActive, int Version);

public sealed record SaveSlaPolicyRequest(
    string Name, int ResolutionMinutes, int Rank = 100, Priority? Priority = null, string? Type = null, string? Category = null,
    long? LocationId = null, int? ResponseMinutes = null, int AtRiskMinutes = 60, IReadOnlyList<string>? PausedStatuses = null,
    long? CalendarId = null, bool IsActive = true);

/// <summary>Administration of business calendars and service-level policies.</summary>
public static class ServiceLevelEndpoints
{
    public static void MapServiceLevelEndpoints(this IEndpointRouteBuilder api)
    {
        var calendars = api.MapGroup("/calendars").WithTags("Service levels").RequireAuthorization();
        calendars.MapGet("/", ListCalendars).WithName("ListCalendars").RequireRole(RoleRequirement.Staff).WithSummary("Lists business calendars.");
        calendars.MapPost("/", CreateCalendar).WithName("CreateCalendar").RequireRole(RoleRequirement.Administrators)
            .WithSummary("Creates a business calendar: working periods per weekday (00:00-24:00 for whole days), holidays, time zone.");
        calendars.MapPut("/{id:long}", ReplaceCalendar).WithName("ReplaceCalendar").RequireRole(RoleRequirement.Administrators)
            .WithSummary("Replaces a business calendar and recalculates the due times of open work orders that count in it.");

        var policies = api.MapGroup("/sla-policies").WithTags("Service levels").RequireAuthorization();
        policies.MapGet("/", ListPolicies).WithName("ListSlaPolicies").RequireRole(RoleRequirement.Staff).WithSummary("Lists service-level policies by rank.");
        policies.MapPost("/", CreatePolicy).WithName("CreateSlaPolicy").RequireRole(RoleRequirement.Administrators)
            .WithSummary("Creates a policy; new work orders that match its conditions get its targets.");
        policies.MapPut("/{id:long}", ReplacePolicy).WithName("ReplaceSlaPolicy").RequireRole(RoleRequirement.Administrators)
            .WithSummary("Replaces a policy and recalculates the due times of its open work orders, keeping the time they were paused.");
    }

    private static async Task<IResult> ListCalendars(WorkdeskDbContext db, CancellationToken ct) =>
        Results.Ok((await db.Calendars.AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct)).Select(CalendarDefinitions.ToDto).ToList());

    private static async Task<IResult> CreateCalendar(SaveCalendarRequest request, WorkdeskDbContext db, CancellationToken ct)
    {
        var definition = new CalendarDefinition { Name = "", TimeZone = "", Hours = "{}" };
        var error = CalendarDefinitions.Apply(definition, request);
        if (error is not null)
        {
            return error.ToProblem();
        }

        if (await db.Calendars.AnyAsync(c => c.Name == definition.Name, ct))
        {
            return Error.Conflict($"A calendar named '{definition.Name}' already exists.", "name").ToProblem();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (definition.IsDefault)
        {
            await db.Calendars.Where(c => c.IsDefault).ExecuteUpdateAsync(s => s.SetProperty(c => c.IsDefault, false), ct);
        }

        db.Calendars.Add(definition);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Results.Created($"/api/v1/calendars/{definition.Id}", CalendarDefinitions.ToDto(definition));
    }

    private static async Task<IResult> ReplaceCalendar(long id, SaveCalendarRequest request, WorkdeskDbContext db, SlaService sla, CancellationToken ct)
    {
        var definition = await db.Calendars.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (definition is null)
        {
            return Error.NotFound("Calendar", id).ToProblem();
        }

        var error = CalendarDefinitions.Apply(definition, request);
        if (error is not null)
        {
            return error.ToProblem();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (definition.IsDefault)
        {
            await db.Calendars.Where(c => c.IsDefault && c.Id != id).ExecuteUpdateAsync(s => s.SetProperty(c => c.IsDefault, false), ct);
        }

        await db.SaveChangesAsync(ct);

        // A policy without a calendar of its own may count in this one through a location or the default.
        var counting = db.SlaPolicies.Where(p => p.CalendarId == id || p.CalendarId == null).Select(p => (long?)p.Id);
        await sla.RecalculateOpenAsync(db.WorkOrders.Where(w => counting.Contains(w.SlaPolicyId)), ct);
        await transaction.CommitAsync(ct);
        return Results.Ok(CalendarDefinitions.ToDto(definition));
    }

    private static async Task<IResult> ListPolicies(WorkdeskDbContext db, CancellationToken ct) =>
        Results.Ok((await db.SlaPolicies.AsNoTracking().OrderBy(p => p.Rank).ThenBy(p => p.Id).ToListAsync(ct)).Select(ToDto).ToList());

    private static async Task<IResult> CreatePolicy(SaveSlaPolicyRequest request, WorkdeskDbContext db, CancellationToken ct)
    {
        var error = await CheckAsync(request, null, db, ct);
        if (error is not null)
        {
            return error.ToProblem();
        }

        var policy = new SlaPolicy { Name = "" };
        Apply(policy, request);
        db.SlaPolicies.Add(policy);
        await db.SaveChangesAsync(ct);
        return Results.Created($"/api/v1/sla-policies/{policy.Id}", ToDto(policy));
    }

    private static async Task<IResult> ReplacePolicy(long id, SaveSlaPolicyRequest request, WorkdeskDbContext db, SlaService sla, CancellationToken ct)
    {
        var policy = await db.SlaPolicies.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (policy is null)
        {
            return Error.NotFound("SLA policy", id).ToProblem();
        }

        var error = await CheckAsync(request, id, db, ct);
        if (error is not null)
        {
            return error.ToProblem();
        }

        Apply(policy, request);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await sla.RecalculateOpenAsync(db.WorkOrders.Where(w => w.SlaPolicyId == id), ct);
        await transaction.CommitAsync(ct);
        return Results.Ok(ToDto(policy));
    }

    private static void Apply(SlaPolicy policy, SaveSlaPolicyRequest request)
    {
        policy.Name = request.Name.Trim();
        policy.Rank = request.Rank;
        policy.Priority = request.Priority;
        policy.Type = request.Type;
        policy.Category = request.Category;
        policy.LocationId = request.LocationId;
        policy.ResponseMinutes = request.ResponseMinutes;
        policy.ResolutionMinutes = request.ResolutionMinutes;
        policy.AtRiskMinutes = request.AtRiskMinutes;
        policy.PausedStatuses = JsonSerializer.Serialize(request.PausedStatuses ?? ["on_hold"]);
        policy.CalendarId = request.CalendarId;
        policy.IsActive = request.IsActive;
    }

    /// <summary>Checks a new policy, or a replacement for the policy <paramref name="replacedId"/>.</summary>
    private static async Task<Error?> CheckAsync(SaveSlaPolicyRequest request, long? replacedId, WorkdeskDbContext db, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
        {
            return Error.Invalid("name", "name is required, at most 200 characters.");
        }

        if (request.ResolutionMinutes <= 0 || request.ResponseMinutes is <= 0 || request.AtRiskMinutes < 0)
        {
            return Error.Invalid("resolutionMinutes", "resolutionMinutes and responseMinutes must be above zero, atRiskMinutes zero or more.");
        }

        foreach (var status in request.PausedStatuses ?? [])
        {
            if (!StatusNames.TryParse(status, out WorkOrderStatus _))
            {
                return Error.Invalid("pausedStatuses", $"'{status}' is not a work order status.");
            }
        }

        if (request.CalendarId is { } calendarId && !await db.Calendars.AnyAsync(c => c.Id == calendarId, ct))
        {
            return Error.Invalid("calendarId", $"Calendar {calendarId} does not exist.");
        }

        if (await db.SlaPolicies.AnyAsync(p => p.Name == request.Name.Trim() && p.Id != replacedId, ct))
        {
            return Error.Conflict($"A policy named '{request.Name.Trim()}' already exists.", "name");
        }

        return await new WorkOrders.References(db).CheckLocationAsync(request.LocationId, "locationId", ct)
            ?? await Workflows.WorkflowCatalog.CheckTypeAsync(db, request.Type, ct);
    }

    private static SlaPolicyDto ToDto(SlaPolicy p) => new(
        p.Id, p.Name, p.Rank, p.Priority, p.Type, p.Category, p.LocationId, p.ResponseMinutes, p.ResolutionMinutes, p.AtRiskMinutes,
        JsonSerializer.Deserialize<List<string>>(p.PausedStatuses) ?? [], p.CalendarId, p.IsActive, p.Version);
}
