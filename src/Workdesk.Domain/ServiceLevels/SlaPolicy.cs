using Workdesk.Domain.WorkOrders;

namespace Workdesk.Domain.ServiceLevels;

/// <summary>A named business calendar as stored: weekly hours and holidays as JSON, in one time zone.</summary>
public sealed class CalendarDefinition : Common.IVersioned
{
    public long Id { get; set; }

    public required string Name { get; set; }

    /// <summary>IANA time zone id, such as "Europe/Paris".</summary>
    public required string TimeZone { get; set; }

    /// <summary>Working periods per weekday as JSON, such as {"Monday":["08:00-12:00","13:00-17:00"]}.</summary>
    public required string Hours { get; set; }

    /// <summary>Holidays as JSON, such as [{"date":"2026-12-25","yearly":true}].</summary>
    public string? Holidays { get; set; }

    /// <summary>The calendar used where no location or policy names another; at most one is the default.</summary>
    public bool IsDefault { get; set; }

    public int Version { get; set; }
}

/// <summary>
/// Response and resolution targets for the work orders that match its conditions; the matching
/// policy with the lowest rank wins. A condition left empty matches everything.
/// </summary>
public sealed class SlaPolicy : Common.IVersioned
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public int Rank { get; set; }

    public Priority? Priority { get; set; }

    public string? Type { get; set; }

    public string? Category { get; set; }

    /// <summary>Matches work orders at this location or anywhere below it.</summary>
    public long? LocationId { get; set; }

    public int? ResponseMinutes { get; set; }

    public int ResolutionMinutes { get; set; }

    /// <summary>How long before the resolution target a work order counts as at risk.</summary>
    public int AtRiskMinutes { get; set; } = 60;

    /// <summary>Statuses in which the clock stops, as a JSON array of API names, such as ["on_hold"].</summary>
    public string PausedStatuses { get; set; } = "[\"on_hold\"]";

    /// <summary>The calendar to count in; when empty, the location's calendar or the default one.</summary>
    public long? CalendarId { get; set; }

    public bool IsActive { get; set; } = true;

    public int Version { get; set; }
}
