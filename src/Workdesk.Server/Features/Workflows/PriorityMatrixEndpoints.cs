using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.Workflows;

public sealed record PriorityMatrixCellDto(Level Urgency, Level Impact, Priority Priority);

/// <summary>All nine cells of the urgency by impact matrix.</summary>
public sealed record PriorityMatrixDto(IReadOnlyList<PriorityMatrixCellDto> Cells);

/// <summary>Reads the priority matrix, with the built-in default for every cell not stored.</summary>
public static class PriorityMatrixStore
{
    public static async Task<PriorityMatrixDto> ReadAsync(WorkdeskDbContext db, CancellationToken ct)
    {
        var stored = await db.PriorityMatrixCells.AsNoTracking().ToListAsync(ct);
        var cells = from urgency in Enum.GetValues<Level>().Reverse()
                    from impact in Enum.GetValues<Level>().Reverse()
                    let cell = stored.FirstOrDefault(c => c.Urgency == urgency && c.Impact == impact)
                    select new PriorityMatrixCellDto(urgency, impact, cell?.Priority ?? PriorityMatrix.Default(urgency, impact));
        return new PriorityMatrixDto([.. cells]);
    }

    public static async Task<Priority> ComputeAsync(WorkdeskDbContext db, Level urgency, Level impact, CancellationToken ct) =>
        await db.PriorityMatrixCells.Where(c => c.Urgency == urgency && c.Impact == impact).Select(c => (Priority?)c.Priority).SingleOrDefaultAsync(ct)
        ?? PriorityMatrix.Default(urgency, impact);

    /// <summary>Checks that urgency and impact come together, valid, and not with a plain priority as well.</summary>
    public static Error? CheckUrgencyAndImpact(Level? urgency, Level? impact, Priority? priority)
    {
        if (urgency is null != impact is null)
        {
            return Error.Invalid(urgency is null ? "urgency" : "impact", "Send urgency and impact together, each low, medium or high; the priority matrix computes the priority from them.");
        }

        if (urgency is { } u && (!Enum.IsDefined(u) || !Enum.IsDefined(impact!.Value)))
        {
            return Error.Invalid("urgency", "urgency and impact must each be low, medium or high.");
        }

        return urgency is not null && priority is not null
            ? Error.Invalid("priority", "Send either priority or urgency with impact, not both.")
            : null;
    }
}

public static class PriorityMatrixEndpoints
{
    public static void MapPriorityMatrixEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/priority-matrix").WithTags("Work order types").RequireAuthorization();
        group.MapGet("/", Get).WithName("GetPriorityMatrix").RequireRole(RoleRequirement.Staff)
            .WithSummary("Returns the urgency by impact matrix that computes priorities.");
        group.MapPut("/", Save).WithName("SavePriorityMatrix").RequireRole(RoleRequirement.Administrators)
            .WithSummary("Replaces the matrix; send all nine cells. Work orders keep the priority they have.");
    }

    private static async Task<IResult> Get(WorkdeskDbContext db, CancellationToken ct) =>
        Results.Ok(await PriorityMatrixStore.ReadAsync(db, ct));

    private static async Task<IResult> Save(PriorityMatrixDto request, WorkdeskDbContext db, CancellationToken ct)
    {
        var cells = request.Cells ?? [];
        var complete = cells.Count == 9
            && cells.All(c => c is not null && Enum.IsDefined(c.Urgency) && Enum.IsDefined(c.Impact) && Enum.IsDefined(c.Priority))
            && cells.Select(c => (c.Urgency, c.Impact)).Distinct().Count() == 9;
        if (!complete)
        {
            return Problems.Invalid("cells", "cells must list each of the nine urgency and impact pairs (low, medium, high) once, each with a priority.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.PriorityMatrixCells.ExecuteDeleteAsync(ct);
        db.PriorityMatrixCells.AddRange(cells.Select(c => new PriorityMatrixCell { Urgency = c.Urgency, Impact = c.Impact, Priority = c.Priority }));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Results.Ok(await PriorityMatrixStore.ReadAsync(db, ct));
    }
}
