using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.People;

namespace Workdesk.Server.Features.WorkOrders;

/// <summary>Checks that ids named in a request point at records that exist and fit the field.</summary>
public sealed class References(WorkdeskDbContext db)
{
    // Creates and updates run these checks on every request, so EF Core translates them once.
    private static readonly Infrastructure.CompiledQuery<long, bool> LocationExists =
        new((context, id, ct) => context.Locations.Any(l => l.Id == id));

    private static readonly Infrastructure.CompiledQuery<long, bool> AssetExists =
        new((context, id, ct) => context.Assets.Any(a => a.Id == id));

    private static readonly Infrastructure.CompiledQuery<long, bool> VendorExists =
        new((context, id, ct) => context.Vendors.Any(v => v.Id == id));

    private static readonly Infrastructure.CompiledQuery<long, bool> UserExists =
        new((context, id, ct) => context.Users.Any(u => u.Id == id));

    public async Task<Error?> CheckLocationAsync(long? id, string field, CancellationToken ct) =>
        id is { } value && !await LocationExists.RunAsync(db, value, ct)
            ? Error.Invalid(field, $"Location {value} does not exist.")
            : null;

    public async Task<Error?> CheckAssetAsync(long? id, string field, CancellationToken ct) =>
        id is { } value && !await AssetExists.RunAsync(db, value, ct)
            ? Error.Invalid(field, $"Asset {value} does not exist.")
            : null;

    public async Task<Error?> CheckVendorAsync(long? id, string field, CancellationToken ct) =>
        id is { } value && !await VendorExists.RunAsync(db, value, ct)
            ? Error.Invalid(field, $"Vendor {value} does not exist.")
            : null;

    public async Task<Error?> CheckUserAsync(long? id, string field, CancellationToken ct) =>
        id is { } value && !await UserExists.RunAsync(db, value, ct)
            ? Error.Invalid(field, $"User {value} does not exist.")
            : null;

    /// <summary>Checks that every id is an active staff member who can be assigned work.</summary>
    public async Task<Error?> CheckAssigneesAsync(IReadOnlyList<long>? userIds, string field, CancellationToken ct)
    {
        if (userIds is null || userIds.Count == 0)
        {
            return null;
        }

        var distinct = userIds.Distinct().ToList();
        var found = await db.Users
            .Where(u => distinct.Contains(u.Id) && u.IsActive
                && (u.Role == Role.Administrator || u.Role == Role.Dispatcher || u.Role == Role.Technician))
            .Select(u => u.Id)
            .ToListAsync(ct);
        var missing = distinct.Except(found).ToList();
        return missing.Count == 0
            ? null
            : Error.Invalid(field, $"These users do not exist, are deactivated or are not staff who can be assigned: {string.Join(", ", missing)}.");
    }

    public async Task<Error?> CheckTeamsAsync(IReadOnlyList<long>? teamIds, string field, CancellationToken ct)
    {
        if (teamIds is null || teamIds.Count == 0)
        {
            return null;
        }

        var distinct = teamIds.Distinct().ToList();
        var found = await db.Teams.Where(t => distinct.Contains(t.Id)).Select(t => t.Id).ToListAsync(ct);
        var missing = distinct.Except(found).ToList();
        return missing.Count == 0 ? null : Error.Invalid(field, $"These teams do not exist: {string.Join(", ", missing)}.");
    }

    /// <summary>Checks that the parent exists and that making it the parent creates no cycle.</summary>
    public async Task<Error?> CheckParentAsync(long? parentId, long? childId, CancellationToken ct)
    {
        if (parentId is not { } current)
        {
            return null;
        }

        for (var depth = 0; depth < 100; depth++)
        {
            if (current == childId)
            {
                return Error.Invalid("parentId", $"Work order {parentId} cannot be the parent: it is this work order or one of its descendants.");
            }

            var next = await db.WorkOrders.Where(w => w.Id == current).Select(w => new { w.ParentId }).SingleOrDefaultAsync(ct);
            if (next is null)
            {
                return depth == 0 ? Error.Invalid("parentId", $"Work order {parentId} does not exist.") : null;
            }

            if (next.ParentId is not { } up)
            {
                return null;
            }

            current = up;
        }

        return Error.Invalid("parentId", "Work orders may be nested at most 100 levels deep.");
    }
}
