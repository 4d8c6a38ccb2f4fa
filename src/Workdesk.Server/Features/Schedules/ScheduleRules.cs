using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.Maintenance;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.WorkOrders;

namespace Workdesk.Server.Features.Schedules;

/// <summary>Checks a schedule request and copies it onto the stored schedule.</summary>
public sealed class ScheduleRules(WorkdeskDbContext db)
{
    public const int MaxAssets = 2000;
    public const int MaxLeadTimeDays = 365;

    /// <summary>Returns the first problem with the request, naming its field, or null when it is valid.</summary>
    public async Task<Error?> CheckAsync(ScheduleRequest request, CancellationToken ct)
    {
        var references = new References(db);
        return CheckBasics(request)
            ?? CheckTrigger(request)
            ?? CheckDeviation(request)
            ?? await Workflows.WorkflowCatalog.CheckTypeAsync(db, request.Type, ct)
            ?? await references.CheckUserAsync(request.AssigneeUserId, "assigneeUserId", ct)
            ?? await references.CheckTeamsAsync(request.TeamId is { } team ? [team] : null, "teamId", ct)
            ?? await CheckTargetsAsync(request, ct)
            ?? await CheckMeterExistsAsync(request, ct);
    }

    /// <summary>
    /// Rejects a meter or condition schedule when none of its current assets has the meter, because
    /// it could never fall due. A selection that matches no asset yet is accepted, since assets may join it.
    /// </summary>
    private async Task<Error?> CheckMeterExistsAsync(ScheduleRequest request, CancellationToken ct)
    {
        if (request.Trigger is not (ScheduleTrigger.Meter or ScheduleTrigger.Condition))
        {
            return null;
        }

        var probe = new MaintenanceSchedule { Name = request.Name };
        Apply(request, probe);
        var assetIds = (await new ScheduleTargets(db).ResolveAsync(probe, ct)).Select(a => a.Id).ToList();
        if (assetIds.Count == 0)
        {
            return null;
        }

        var nameKey = probe.MeterName!.ToLowerInvariant();
        return await db.Meters.AnyAsync(m => assetIds.Contains(m.AssetId) && m.NameKey == nameKey, ct)
            ? null
            : Error.Invalid("meterName", $"None of the schedule's {assetIds.Count} asset(s) has a meter named \"{probe.MeterName}\", so the schedule could never fall due. Add the meter to the assets first, or check the name.");
    }

    private static Error? CheckBasics(ScheduleRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 200)
        {
            return Error.Invalid("name", "name is required, at most 200 characters, such as \"Quarterly fire extinguisher check\".");
        }

        if (!Enum.IsDefined(request.Trigger))
        {
            return Error.Invalid("trigger", "trigger must be calendar, floating, meter or condition.");
        }

        if (request.EstimatedHours is < 0 or > 10_000 || request.EstimatedHours is double hours && double.IsNaN(hours))
        {
            return Error.Invalid("estimatedHours", "estimatedHours must be between 0 and 10000.");
        }

        if (request.LeadTimeDays is < 0 or > MaxLeadTimeDays)
        {
            return Error.Invalid("leadTimeDays", $"leadTimeDays must be between 0 and {MaxLeadTimeDays}.");
        }

        if (request.Instructions is { Length: > WorkOrderRules.MaxDescriptionLength })
        {
            return Error.Invalid("instructions", $"instructions must be at most {WorkOrderRules.MaxDescriptionLength} characters.");
        }

        if (request.CatchUp is { } catchUp && !Enum.IsDefined(catchUp))
        {
            return Error.Invalid("catchUp", "catchUp must be all, latest_only or skip.");
        }

        if (request.TimeZone is { } zone && !Recurrence.IsKnownTimeZone(zone))
        {
            return Error.Invalid("timeZone", $"timeZone \"{zone}\" is not a known IANA time zone, such as \"Europe/Paris\".");
        }

        return WorkOrderRules.CheckPriority(request.Priority);
    }

    private static Error? CheckTrigger(ScheduleRequest request)
    {
        if (request.StartsAt is { Kind: not DateTimeKind.Unspecified })
        {
            return Error.Invalid("startsAt", "startsAt is a local wall-clock time without offset or Z, such as \"2026-03-02T09:00:00\"; the time zone comes from timeZone or the asset's location.");
        }

        switch (request.Trigger)
        {
            case ScheduleTrigger.Calendar:
                if (request.StartsAt is null)
                {
                    return Error.Invalid("startsAt", "startsAt is required for a calendar schedule: the first due time on the local clock.");
                }

                var (pattern, ruleError) = Recurrence.ParseRule(request.Rule);
                if (ruleError is not null)
                {
                    return Error.Invalid("rule", ruleError);
                }

                // UNTIL is compared with the local start, so a UTC UNTIL may be off by the zone's offset.
                return pattern!.Until is { } until && until.Value < request.StartsAt.Value
                    ? Error.Invalid("rule", $"The rule ends (UNTIL) at {until.Value:yyyy-MM-dd'T'HH:mm:ss}, before startsAt {request.StartsAt.Value:yyyy-MM-dd'T'HH:mm:ss}, so it would never fall due; move UNTIL later or startsAt earlier.")
                    : null;
            case ScheduleTrigger.Floating:
                if (request.StartsAt is null)
                {
                    return Error.Invalid("startsAt", "startsAt is required for a floating schedule: the first due time on the local clock.");
                }

                if (request.IntervalCount is not (>= 1 and <= 1000))
                {
                    return Error.Invalid("intervalCount", "intervalCount must be between 1 and 1000.");
                }

                return request.IntervalUnit is { } unit && Enum.IsDefined(unit) ? null : Error.Invalid("intervalUnit", "intervalUnit must be days, weeks or months.");
            case ScheduleTrigger.Meter:
                if (string.IsNullOrWhiteSpace(request.MeterName))
                {
                    return Error.Invalid("meterName", "meterName is required: the name of the meter on each asset, such as \"hours\".");
                }

                return request.MeterInterval is > 0 and < 1e12 ? null : Error.Invalid("meterInterval", "meterInterval must be a positive number of meter units, such as 500.");
            case ScheduleTrigger.Condition:
                if (string.IsNullOrWhiteSpace(request.MeterName))
                {
                    return Error.Invalid("meterName", "meterName is required: the name of the meter on each asset, such as \"bearing vibration\".");
                }

                if (request.Threshold is null || double.IsNaN(request.Threshold.Value) || double.IsInfinity(request.Threshold.Value))
                {
                    return Error.Invalid("threshold", "threshold is required, such as 7 for 7 mm/s.");
                }

                if (request.Direction is not { } direction || !Enum.IsDefined(direction))
                {
                    return Error.Invalid("direction", "direction must be above or below.");
                }

                return request.ResetBand is null or (>= 0 and < 1e12) ? null : Error.Invalid("resetBand", "resetBand must be zero or positive.");
            default:
                return Error.Invalid("trigger", "trigger must be calendar, floating, meter or condition.");
        }
    }

    private static Error? CheckDeviation(ScheduleRequest request)
    {
        if (request.ManufacturerInterval is { Length: > 500 })
        {
            return Error.Invalid("manufacturerInterval", "manufacturerInterval must be at most 500 characters.");
        }

        if (request.DeviationJustification is { Length: > 4000 })
        {
            return Error.Invalid("deviationJustification", "deviationJustification must be at most 4000 characters.");
        }

        if (!string.IsNullOrWhiteSpace(request.ManufacturerInterval) && CheckManufacturerInterval(request.Trigger, request.ManufacturerInterval.Trim()) is { } intervalError)
        {
            return Error.Invalid("manufacturerInterval", intervalError);
        }

        var probe = new MaintenanceSchedule { Name = "", ManufacturerInterval = request.ManufacturerInterval };
        CopyTrigger(request, probe);
        return MaintenanceIntervals.Deviates(probe) && string.IsNullOrWhiteSpace(request.DeviationJustification)
            ? Error.Invalid("deviationJustification", $"The interval \"{MaintenanceIntervals.Describe(probe)}\" differs from the manufacturer's \"{request.ManufacturerInterval}\"; record why in deviationJustification.")
            : null;
    }

    /// <summary>Returns why the manufacturer's interval is not in the notation of the schedule's trigger, or null.</summary>
    private static string? CheckManufacturerInterval(ScheduleTrigger trigger, string interval)
    {
        if (trigger == ScheduleTrigger.Calendar)
        {
            return Recurrence.ParseRule(interval).Error is { } ruleError
                ? $"manufacturerInterval \"{interval}\" must be an RRULE like the schedule's rule, such as \"FREQ=MONTHLY;INTERVAL=3\". {ruleError}"
                : null;
        }

        if (MaintenanceIntervals.Spacing(trigger, interval) is not null)
        {
            return null;
        }

        var example = trigger switch
        {
            ScheduleTrigger.Floating => "a count and days, weeks or months, such as \"30 days\"",
            ScheduleTrigger.Meter => "a positive number of meter units, such as \"500\"",
            _ => "above or below and a threshold, such as \"above 7\"",
        };
        return $"manufacturerInterval \"{interval}\" must be {example}.";
    }

    private async Task<Error?> CheckTargetsAsync(ScheduleRequest request, CancellationToken ct)
    {
        var hasSelection = request.SelectionAssetTypeId is not null || request.SelectionLocationId is not null || !string.IsNullOrWhiteSpace(request.SelectionCategory);
        if (request.AssetIds is { Count: > 0 } ids)
        {
            if (hasSelection)
            {
                return Error.Invalid("assetIds", "Name assets in assetIds or select them by filter, not both.");
            }

            if (ids.Count > MaxAssets)
            {
                return Error.Invalid("assetIds", $"A schedule may name at most {MaxAssets} assets; select larger groups by filter.");
            }

            var distinct = ids.Distinct().ToList();
            var found = await db.Assets.Where(a => distinct.Contains(a.Id)).Select(a => a.Id).ToListAsync(ct);
            var missing = distinct.Except(found).ToList();
            return missing.Count > 0 ? Error.Invalid("assetIds", $"These assets do not exist: {string.Join(", ", missing)}.") : null;
        }

        if (!hasSelection)
        {
            return Error.Invalid("assetIds", "Choose the assets: list assetIds, or give selectionAssetTypeId, selectionLocationId or selectionCategory.");
        }

        if (request.SelectionAssetTypeId is { } typeId && !await db.AssetTypes.AnyAsync(t => t.Id == typeId, ct))
        {
            return Error.Invalid("selectionAssetTypeId", $"Asset type {typeId} does not exist.");
        }

        return request.SelectionLocationId is { } locationId && !await db.Locations.AnyAsync(l => l.Id == locationId, ct)
            ? Error.Invalid("selectionLocationId", $"Location {locationId} does not exist.")
            : null;
    }

    /// <summary>Copies a checked request onto the schedule; a changed interval drops an earlier deviation approval.</summary>
    public static void Apply(ScheduleRequest request, MaintenanceSchedule schedule)
    {
        var intervalBefore = schedule.Id == 0 ? null : MaintenanceIntervals.Describe(schedule);
        var manufacturerBefore = schedule.ManufacturerInterval;
        schedule.Name = request.Name.Trim();
        schedule.Type = request.Type ?? WorkOrderTypes.Preventive;
        schedule.Instructions = request.Instructions;
        schedule.Priority = request.Priority ?? Priority.Medium;
        schedule.AssigneeUserId = request.AssigneeUserId;
        schedule.TeamId = request.TeamId;
        schedule.EstimatedHours = request.EstimatedHours;
        schedule.LeadTimeDays = request.LeadTimeDays ?? 0;
        schedule.IsActive = request.IsActive ?? true;
        schedule.SelectionAssetTypeId = request.SelectionAssetTypeId;
        schedule.SelectionLocationId = request.SelectionLocationId;
        schedule.SelectionCategory = string.IsNullOrWhiteSpace(request.SelectionCategory) ? null : request.SelectionCategory.Trim();
        var requested = (request.AssetIds ?? []).Distinct().ToList();
        schedule.Assets.RemoveAll(a => !requested.Contains(a.AssetId));
        schedule.Assets.AddRange(requested.Where(id => !schedule.Assets.Exists(a => a.AssetId == id))
            .Select(id => new ScheduleAsset { ScheduleId = schedule.Id, AssetId = id }));
        schedule.TimeZone = request.TimeZone;
        schedule.CatchUp = request.CatchUp ?? CatchUpPolicy.All;
        schedule.WaitForPrevious = request.WaitForPrevious ?? false;
        CopyTrigger(request, schedule);
        schedule.ManufacturerInterval = string.IsNullOrWhiteSpace(request.ManufacturerInterval) ? null : request.ManufacturerInterval.Trim();
        schedule.DeviationJustification = request.DeviationJustification;
        if (!string.Equals(intervalBefore, MaintenanceIntervals.Describe(schedule), StringComparison.Ordinal)
            || !string.Equals(manufacturerBefore, schedule.ManufacturerInterval, StringComparison.Ordinal))
        {
            schedule.DeviationApprovedAt = null;
            schedule.DeviationApprovedById = null;
        }
    }

    private static void CopyTrigger(ScheduleRequest request, MaintenanceSchedule schedule)
    {
        schedule.Trigger = request.Trigger;
        schedule.StartsAt = request.StartsAt ?? default;
        schedule.Rule = request.Trigger == ScheduleTrigger.Calendar ? NormalizeRule(request.Rule) : null;
        schedule.IntervalCount = request.Trigger == ScheduleTrigger.Floating ? request.IntervalCount : null;
        schedule.IntervalUnit = request.Trigger == ScheduleTrigger.Floating ? request.IntervalUnit : null;
        var watchesMeter = request.Trigger is ScheduleTrigger.Meter or ScheduleTrigger.Condition;
        schedule.MeterName = watchesMeter ? request.MeterName?.Trim() : null;
        schedule.MeterInterval = request.Trigger == ScheduleTrigger.Meter ? request.MeterInterval : null;
        schedule.Threshold = request.Trigger == ScheduleTrigger.Condition ? request.Threshold : null;
        schedule.Direction = request.Trigger == ScheduleTrigger.Condition ? request.Direction : null;
        schedule.ResetBand = request.Trigger == ScheduleTrigger.Condition ? request.ResetBand ?? 0 : null;
    }

    /// <summary>Stores a rule without its "RRULE:" prefix, in upper case.</summary>
    public static string? NormalizeRule(string? rule)
    {
        if (string.IsNullOrWhiteSpace(rule))
        {
            return null;
        }

        var text = rule.Trim();
        return (text.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase) ? text["RRULE:".Length..] : text).ToUpperInvariant();
    }
}
