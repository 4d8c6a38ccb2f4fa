using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.Locations;

namespace Workdesk.Server.Features.Places;

/// <summary>Creates and moves locations while keeping every materialized path in the tree correct.</summary>
public sealed class LocationService(WorkdeskDbContext db, TimeProvider clock)
{
    /// <summary>Rejects a manager id that names no user.</summary>
    public static async Task<Error?> CheckManagerAsync(WorkdeskDbContext db, long? managerId, CancellationToken ct) =>
        managerId is { } id && !await db.Users.AnyAsync(u => u.Id == id, ct)
            ? Error.Invalid("managerId", $"managerId {id} is not a user; choose an existing user as the manager.")
            : null;

    public async Task<Result<Location>> CreateAsync(CreateLocationRequest request, CancellationToken ct)
    {
        var error = CheckName(request.Name) ?? CheckTimeZone(request.TimeZone)
            ?? Coordinates(request.Latitude, request.Longitude)
            ?? await CheckManagerAsync(db, request.ManagerId, ct);
        if (error is not null)
        {
            return error;
        }

        string parentPath = "/";
        if (request.ParentId is { } parentId)
        {
            var path = await db.Locations.Where(l => l.Id == parentId).Select(l => l.Path).SingleOrDefaultAsync(ct);
            if (path is null)
            {
                return Error.Invalid("parentId", $"Location {parentId} does not exist.");
            }

            parentPath = path;
        }

        if (request.ExternalId is { } externalId && await db.Locations.AnyAsync(l => l.ExternalId == externalId, ct))
        {
            return Error.Conflict($"A location with externalId '{externalId}' already exists.", "externalId");
        }

        var location = new Location
        {
            Name = request.Name.Trim(),
            ParentId = request.ParentId,
            Code = request.Code,
            Address = request.Address,
            Latitude = request.Latitude,
            Longitude = request.Longitude,
            TimeZone = request.TimeZone,
            ExternalId = request.ExternalId,
            ManagerId = request.ManagerId,
            CreatedAt = clock.GetUtcNow(),
        };
        await AddWithPathAsync(location, parentPath, ct);
        return location;
    }

    /// <summary>
    /// Inserts a location and then sets its path, which contains its own id. The caller's
    /// transaction, or the one opened here, makes the two writes one.
    /// </summary>
    public async Task AddWithPathAsync(Location location, string parentPath, CancellationToken ct)
    {
        var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        db.Locations.Add(location);
        location.Path = parentPath + "pending/";
        await db.SaveChangesAsync(ct);
        location.Path = parentPath + location.Id.ToString(CultureInfo.InvariantCulture) + "/";
        await db.SaveChangesAsync(ct);
        if (ownTransaction is not null)
        {
            await ownTransaction.CommitAsync(ct);
            await ownTransaction.DisposeAsync();
        }
    }

    /// <summary>Moves a location under a new parent (or to the top), rewriting the paths of its subtree.</summary>
    public async Task<Error?> MoveAsync(Location location, long? newParentId, CancellationToken ct)
    {
        var newParentPath = "/";
        if (newParentId is { } parentId)
        {
            var parentPath = await db.Locations.Where(l => l.Id == parentId).Select(l => l.Path).SingleOrDefaultAsync(ct);
            if (parentPath is null)
            {
                return Error.Invalid("parentId", $"Location {parentId} does not exist.");
            }

            if (parentPath.StartsWith(location.Path, StringComparison.Ordinal))
            {
                return Error.Invalid("parentId", $"Location {parentId} is inside location {location.Id}; a location cannot move under its own subtree.");
            }

            newParentPath = parentPath;
        }

        var oldPath = location.Path;
        var newPath = newParentPath + location.Id.ToString(CultureInfo.InvariantCulture) + "/";
        if (oldPath == newPath)
        {
            return null;
        }

        var (lower, upper) = Location.SubtreeRange(oldPath);
        var cut = oldPath.Length;
        await db.Locations
            .Where(l => l.Path.CompareTo(lower) >= 0 && l.Path.CompareTo(upper) < 0 && l.Id != location.Id)
#pragma warning disable CA1845 // EF Core translates Substring to SQL; spans cannot be translated.
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Path, l => newPath + l.Path.Substring(cut)), ct);
#pragma warning restore CA1845
        location.ParentId = newParentId;
        location.Path = newPath;
        return null;
    }

    public static Error? CheckName(string? name) =>
        string.IsNullOrWhiteSpace(name)
            ? Error.Invalid("name", "name is required.")
            : name.Trim().Length > 200 ? Error.Invalid("name", "name must be at most 200 characters.") : null;

    public static Error? CheckTimeZone(string? timeZone)
    {
        if (timeZone is null)
        {
            return null;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _)
            ? null
            : Error.Invalid("timeZone", $"timeZone '{timeZone}' is not a known IANA time zone id, such as Europe/Berlin or America/Chicago.");
    }

    private static Error? Coordinates(double? latitude, double? longitude) =>
        WorkOrders.WorkOrderRules.CheckCoordinates(latitude, longitude);
}
