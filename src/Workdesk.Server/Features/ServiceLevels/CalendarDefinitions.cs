using System.Text.Json;
using Workdesk.Domain.Common;
using Workdesk.Domain.ServiceLevels;

namespace Workdesk.Server.Features.ServiceLevels;

public sealed record HolidayDto(DateOnly Date, bool Yearly = false);

/// <summary>A business calendar as the API shows it: working periods per weekday, holidays, time zone.</summary>
public sealed record CalendarDto(
    long Id, string Name, string TimeZone, IReadOnlyDictionary<DayOfWeek, IReadOnlyList<string>> Hours,
    IReadOnlyList<HolidayDto> Holidays, bool IsDefault, int Version);

public sealed record SaveCalendarRequest(
    string Name, string TimeZone, IReadOnlyDictionary<DayOfWeek, IReadOnlyList<string>> Hours,
    IReadOnlyList<HolidayDto>? Holidays = null, bool IsDefault = false);

/// <summary>Converts stored calendars to the business-time engine and checks new ones.</summary>
public static class CalendarDefinitions
{
    public static BusinessCalendar ToCalendar(CalendarDefinition definition)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(definition.TimeZone);
        var hours = JsonSerializer.Deserialize<Dictionary<DayOfWeek, List<string>>>(definition.Hours) ?? [];
        var week = hours.ToDictionary(
            day => day.Key,
            day => (IReadOnlyList<WorkingPeriod>)[.. day.Value.Select(p => WorkingPeriod.Parse(p).Value)]);
        var holidays = definition.Holidays is null
            ? []
            : (JsonSerializer.Deserialize<List<HolidayDto>>(definition.Holidays) ?? []).Select(h => new Holiday(h.Date, h.Yearly)).ToList();
        return new BusinessCalendar(zone, week, holidays);
    }

    public static CalendarDto ToDto(CalendarDefinition definition) => new(
        definition.Id, definition.Name, definition.TimeZone,
        JsonSerializer.Deserialize<Dictionary<DayOfWeek, IReadOnlyList<string>>>(definition.Hours) ?? [],
        definition.Holidays is null ? [] : JsonSerializer.Deserialize<List<HolidayDto>>(definition.Holidays) ?? [],
        definition.IsDefault, definition.Version);

    /// <summary>Checks the request and writes it into the definition; nothing is written when it is invalid.</summary>
    public static Error? Apply(CalendarDefinition definition, SaveCalendarRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
        {
            return Error.Invalid("name", "name is required, at most 200 characters.");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(request.TimeZone ?? "", out _))
        {
            return Error.Invalid("timeZone", $"timeZone '{request.TimeZone}' is not a known IANA time zone id, such as Europe/Paris.");
        }

        if (request.Hours is null || request.Hours.Values.All(periods => periods.Count == 0))
        {
            return Error.Invalid("hours", "hours must give working periods for at least one weekday, such as {\"Monday\": [\"08:00-18:00\"]}.");
        }

        var normalized = new Dictionary<DayOfWeek, List<string>>();
        foreach (var (day, periods) in request.Hours)
        {
            var parsed = new List<WorkingPeriod>();
            foreach (var text in periods)
            {
                var period = WorkingPeriod.Parse(text);
                if (!period.IsSuccess)
                {
                    return Error.Invalid("hours", $"{day}: {period.Error!.Message}");
                }

                parsed.Add(period.Value);
            }

            var ordered = parsed.OrderBy(p => p.Start).ToList();
            if (ordered.Zip(ordered.Skip(1)).Any(pair => pair.Second.Start < pair.First.End))
            {
                return Error.Invalid("hours", $"{day}: working periods overlap.");
            }

            normalized[day] = [.. ordered.Select(p => p.ToString())];
        }

        definition.Name = request.Name.Trim();
        definition.TimeZone = request.TimeZone!;
        definition.Hours = JsonSerializer.Serialize(normalized);
        definition.Holidays = request.Holidays is { Count: > 0 } holidays ? JsonSerializer.Serialize(holidays) : null;
        definition.IsDefault = request.IsDefault;
        return null;
    }
}
