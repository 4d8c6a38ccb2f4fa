using Workdesk.Domain.WorkOrders;

namespace Workdesk.Bench.Generate;

/// <summary>One work order's generated values, before they are written.</summary>
internal sealed class GeneratedWorkOrder
{
    public long Id { get; set; }

    public string Title { get; set; } = "";

    public string? Description { get; set; }

    public string Type { get; set; } = WorkOrderTypes.Corrective;

    public string Category { get; set; } = "";

    public Priority Priority { get; set; }

    public WorkOrderStatus Status { get; set; }

    public string? StatusReason { get; set; }

    public long LocationId { get; set; }

    public long? AssetId { get; set; }

    public long? RequesterId { get; set; }

    public long? VendorId { get; set; }

    public long CreatedById { get; set; }

    public long? AssigneeUserId { get; set; }

    public long? AssigneeTeamId { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public int Version { get; set; }
}

/// <summary>
/// Generates work orders in id order with creation times spread evenly over ten years, so that ids
/// grow with time as they do in a live system. The status depends on age: most recent work is still
/// open or in progress, most old work is closed, and a small old backlog was never finished.
/// </summary>
internal sealed class WorkOrderPlan(LocationPlan locations, PeoplePlan people, int assetCount, DateTimeOffset newest, long seed)
{
    public static readonly TimeSpan History = TimeSpan.FromDays(3652);

    // Weights in percent by age of the work order.
    private static readonly (WorkOrderStatus, double)[] LastTwoWeeks =
    [
        (WorkOrderStatus.Open, 30), (WorkOrderStatus.Assigned, 22), (WorkOrderStatus.InProgress, 18), (WorkOrderStatus.OnHold, 5),
        (WorkOrderStatus.Completed, 14), (WorkOrderStatus.Closed, 6), (WorkOrderStatus.Cancelled, 3), (WorkOrderStatus.Reopened, 2),
    ];

    private static readonly (WorkOrderStatus, double)[] LastQuarter =
    [
        (WorkOrderStatus.Open, 6), (WorkOrderStatus.Assigned, 7), (WorkOrderStatus.InProgress, 7), (WorkOrderStatus.OnHold, 5),
        (WorkOrderStatus.Completed, 20), (WorkOrderStatus.Closed, 48), (WorkOrderStatus.Cancelled, 5), (WorkOrderStatus.Reopened, 2),
    ];

    private static readonly (WorkOrderStatus, double)[] LastYear =
    [
        (WorkOrderStatus.Open, 1.5), (WorkOrderStatus.Assigned, 1.5), (WorkOrderStatus.InProgress, 1), (WorkOrderStatus.OnHold, 2),
        (WorkOrderStatus.Completed, 8), (WorkOrderStatus.Closed, 80), (WorkOrderStatus.Cancelled, 5.5), (WorkOrderStatus.Reopened, 0.5),
    ];

    private static readonly (WorkOrderStatus, double)[] Older =
    [
        (WorkOrderStatus.Open, 0.8), (WorkOrderStatus.Assigned, 0.6), (WorkOrderStatus.InProgress, 0.3), (WorkOrderStatus.OnHold, 0.5),
        (WorkOrderStatus.Completed, 3), (WorkOrderStatus.Closed, 89.3), (WorkOrderStatus.Cancelled, 5.5),
    ];

    private static readonly (Priority, double)[] Priorities =
        [(Priority.Low, 20), (Priority.Medium, 50), (Priority.High, 22), (Priority.Urgent, 8)];

    private static readonly (string, double)[] Types =
    [
        (WorkOrderTypes.Corrective, 55), (WorkOrderTypes.Preventive, 30), (WorkOrderTypes.Inspection, 8),
        (WorkOrderTypes.Incident, 4), (WorkOrderTypes.ServiceRequest, 3),
    ];

    private readonly DeterministicRandom random = DeterministicRandom.ForStream(seed, "work-orders");
    private readonly DateTimeOffset oldest = newest - History;
    private readonly GeneratedWorkOrder current = new();

    /// <summary>
    /// Fills the shared <see cref="GeneratedWorkOrder"/> with work order <paramref name="id"/> of
    /// <paramref name="count"/>. The object is reused, so read it before the next call.
    /// </summary>
    public GeneratedWorkOrder Next(long id, long count)
    {
        var w = current;
        w.Id = id;

        var spanTicks = (newest - oldest).Ticks;
        var offset = (long)(((id - 1) + random.NextDouble()) / count * spanTicks);
        w.CreatedAt = oldest.AddTicks(offset);
        var age = newest - w.CreatedAt;
        w.Status = random.PickWeighted(age.TotalDays switch
        {
            < 14 => LastTwoWeeks,
            < 90 => LastQuarter,
            < 365 => LastYear,
            _ => Older,
        });
        w.Priority = random.PickWeighted(Priorities);
        w.Type = random.PickWeighted(Types);

        PickPlace(w);
        PickPeople(w);
        SetTimes(w);
        w.StatusReason = w.Status switch
        {
            WorkOrderStatus.OnHold => random.Pick(SampleText.HoldReasons),
            WorkOrderStatus.Cancelled => random.Pick(SampleText.CancelReasons),
            WorkOrderStatus.Reopened => random.Pick(SampleText.ReopenReasons),
            _ => null,
        };

        // Each status change after creation bumped the row version once.
        w.Version = w.Status switch
        {
            WorkOrderStatus.Open => 0,
            WorkOrderStatus.Assigned or WorkOrderStatus.Cancelled => 1,
            WorkOrderStatus.InProgress => 2,
            WorkOrderStatus.OnHold or WorkOrderStatus.Completed => 3,
            WorkOrderStatus.Closed => 4,
            WorkOrderStatus.Reopened => 4,
        };
        return w;
    }

    /// <summary>Returns the status a work order most likely had before its current one.</summary>
    public static WorkOrderStatus PreviousStatus(WorkOrderStatus status) => status switch
    {
        WorkOrderStatus.Assigned or WorkOrderStatus.Cancelled => WorkOrderStatus.Open,
        WorkOrderStatus.InProgress => WorkOrderStatus.Assigned,
        WorkOrderStatus.OnHold or WorkOrderStatus.Completed => WorkOrderStatus.InProgress,
        WorkOrderStatus.Closed or WorkOrderStatus.Reopened => WorkOrderStatus.Completed,
        WorkOrderStatus.Open => WorkOrderStatus.Open,
    };

    private void PickPlace(GeneratedWorkOrder w)
    {
        // 85 % of work is in a room, 10 % on a floor and 5 % in a building as a whole.
        var level = random.NextDouble();
        int roomIndex = -1;
        if (level < 0.85)
        {
            roomIndex = random.Next(locations.Rooms);
            w.LocationId = locations.FirstRoomId + roomIndex;
        }
        else if (level < 0.95)
        {
            w.LocationId = locations.FirstFloorId + random.Next(locations.Floors);
        }
        else
        {
            w.LocationId = locations.FirstBuildingId + random.Next(locations.Buildings);
        }

        var trade = random.Pick(SampleText.Trades);
        w.Category = trade.Category;
        w.AssetId = null;
        var where = locations.Names[w.LocationId];
        if (roomIndex >= 0 && random.Chance(0.6))
        {
            // Assets are dealt round-robin over the rooms, so room r contains assets r+1, r+1+rooms, ...
            var inRoom = assetCount / locations.Rooms + (roomIndex < assetCount % locations.Rooms ? 1 : 0);
            if (inRoom > 0)
            {
                w.AssetId = 1 + roomIndex + ((long)locations.Rooms * random.Next(inRoom));
                where = AssetName(w.AssetId.Value);
            }
        }

        w.Title = w.Type is WorkOrderTypes.Preventive or WorkOrderTypes.Inspection
            ? $"Scheduled {w.Type} of {trade.AssetKind.ToLowerInvariant()} - {where}"
            : $"{random.Pick(trade.Problems)} - {where}";
        w.Description = random.Chance(0.5) ? random.Pick(SampleText.Descriptions) : null;
    }

    private void PickPeople(GeneratedWorkOrder w)
    {
        var creator = random.NextDouble();
        w.CreatedById = creator < 0.6 ? random.Pick(people.Dispatchers)
            : creator < 0.9 ? random.Pick(people.Technicians)
            : random.Pick(people.Administrators);
        w.RequesterId = random.Chance(0.35) ? random.Pick(people.Requesters) : null;
        w.AssigneeUserId = null;
        w.AssigneeTeamId = null;
        w.VendorId = null;

        var assigned = w.Status switch
        {
            WorkOrderStatus.Open => false,
            WorkOrderStatus.Cancelled => random.Chance(0.5),
            WorkOrderStatus.Reopened => random.Chance(0.7),
            _ => true,
        };
        if (!assigned)
        {
            return;
        }

        // 82 % a technician, 8 % a team, 5 % both, 5 % a vendor alone.
        var technician = random.Pick(people.TechniciansByCampus[locations.CampusIndex[w.LocationId]]);
        var kind = random.NextDouble();
        if (kind < 0.82)
        {
            w.AssigneeUserId = technician;
        }
        else if (kind < 0.90)
        {
            w.AssigneeTeamId = people.TeamOf(technician);
        }
        else if (kind < 0.95)
        {
            w.AssigneeUserId = technician;
            w.AssigneeTeamId = people.TeamOf(technician);
        }
        else
        {
            w.VendorId = 1 + random.Next(people.VendorCount);
        }
    }

    private void SetTimes(GeneratedWorkOrder w)
    {
        var preventive = w.Type is WorkOrderTypes.Preventive or WorkOrderTypes.Inspection;
        var dueIn = preventive
            ? TimeSpan.FromDays(7 + random.Next(24))
            : w.Priority switch
            {
                Priority.Urgent => TimeSpan.FromHours(4 + random.Next(20)),
                Priority.High => TimeSpan.FromDays(3),
                Priority.Medium => TimeSpan.FromDays(14),
                Priority.Low => TimeSpan.FromDays(30),
            };
        w.DueAt = random.Chance(0.92) ? w.CreatedAt + dueIn : null;

        w.StartedAt = null;
        w.CompletedAt = null;
        w.ClosedAt = null;
        var started = w.Status is WorkOrderStatus.InProgress or WorkOrderStatus.OnHold or WorkOrderStatus.Completed
            or WorkOrderStatus.Closed or WorkOrderStatus.Reopened
            || (w.Status == WorkOrderStatus.Cancelled && random.Chance(0.3));
        if (started)
        {
            w.StartedAt = Cap(w.CreatedAt + Minutes(10, 3 * 24 * 60));
        }

        if (w.Status is WorkOrderStatus.Completed or WorkOrderStatus.Closed)
        {
            w.CompletedAt = Cap(w.StartedAt!.Value + Minutes(30, 5 * 24 * 60));
        }

        if (w.Status == WorkOrderStatus.Closed)
        {
            w.ClosedAt = Cap(w.CompletedAt!.Value + Minutes(60, 10 * 24 * 60));
        }

        var last = w.ClosedAt ?? w.CompletedAt ?? w.StartedAt ?? w.CreatedAt;
        w.UpdatedAt = w.Status switch
        {
            WorkOrderStatus.Open => w.CreatedAt,
            WorkOrderStatus.Assigned => Cap(w.CreatedAt + Minutes(1, 24 * 60)),
            WorkOrderStatus.Cancelled or WorkOrderStatus.OnHold or WorkOrderStatus.Reopened => Cap(last + Minutes(60, 20 * 24 * 60)),
            _ => last,
        };
    }

    private TimeSpan Minutes(int minimum, int maximum) => TimeSpan.FromMinutes(random.NextInt64(minimum, maximum));

    private DateTimeOffset Cap(DateTimeOffset at) => at > newest ? newest : at;

    /// <summary>Returns the name of an asset, derived from its id like the asset rows themselves.</summary>
    public static string AssetName(long assetId)
    {
        var trade = SampleText.Trades[(int)(assetId % SampleText.Trades.Length)];
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{trade.AssetKind} AST-{assetId:D6}");
    }
}
