using Workdesk.Domain.Common;

namespace Workdesk.Domain.Locations;

/// <summary>
/// A place in a tree of any depth: campus, building, floor, room, a unit, a store.
/// </summary>
public sealed class Location : Common.IVersioned
{
    public long Id { get; set; }

    public long? ParentId { get; set; }

    public Location? Parent { get; set; }

    public required string Name { get; set; }

    /// <summary>What sort of place this is, such as "campus", "building", "floor", "room", "zone" or "unit".</summary>
    public string? Kind { get; set; }

    /// <summary>Short code from the source system, unique among siblings when set.</summary>
    public string? Code { get; set; }

    /// <summary>
    /// Materialized path of ancestor ids, such as "/1/7/42/", so that a subtree is one indexed
    /// range scan: every descendant's path starts with its ancestor's path.
    /// </summary>
    public string Path { get; set; } = "/";

    public string? Address { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    /// <summary>The business calendar of this place and the places below it that name none.</summary>
    public long? CalendarId { get; set; }

    /// <summary>IANA time zone id, such as "America/New_York"; null inherits the parent's.</summary>
    public string? TimeZone { get; set; }

    /// <summary>The user who manages this place; approval rules can route work here to them.</summary>
    public long? ManagerId { get; set; }

    /// <summary>Random key in the location's public request link and QR code; unique.</summary>
    public string RequestKey { get; set; } = RequestKeys.New();

    /// <summary>Identifier in the system the location was imported from; unique when set.</summary>
    public string? ExternalId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public int Version { get; set; }

    /// <summary>Returns the path bounds such that a location is in the subtree exactly when
    /// <c>lower &lt;= Path &lt; upper</c> (ordinal comparison).</summary>
    public static (string Lower, string Upper) SubtreeRange(string path)
    {
        // '/' is followed by '0' in ordinal order, so replacing the final '/' gives the first
        // string that sorts after every path with this prefix.
        return (path, path[..^1] + "0");
    }
}
