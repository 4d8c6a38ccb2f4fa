using System.Diagnostics;
using System.Globalization;
using Workdesk.Domain.Assets;
using Workdesk.Domain.People;
using Workdesk.Domain.WorkOrders;

namespace Workdesk.Bench.Generate;

/// <summary>Sizes and seed of a data set; the same values always produce the same rows.</summary>
/// <param name="Assets">Number of assets, dealt round-robin over the rooms; null gives two per room.</param>
internal sealed record DataSetSize(int WorkOrders, int Locations, int Users, long Seed, DateTimeOffset Newest, int? Assets = null);

/// <summary>
/// Writes a complete data set table by table, parents before children: vendors, locations, users
/// and their sites, teams, the benchmark API token, assets, work orders, and their assignments,
/// history and comments. Each work order has a "created" entry, and a "status_changed" entry when its
/// status moved on, and 0 to 4 comments (2 on average).
/// </summary>
internal sealed class DataGenerator
{
    private readonly DataSetSize size;
    private readonly BenchToken token;
    private readonly IProgress<string> progress;
    private readonly PeoplePlan people;
    private readonly DateTimeOffset setUpAt;
    private readonly Dictionary<string, long> rowCounts = [];

    private static readonly (AssetStatus, double)[] AssetStatuses =
        [(AssetStatus.InService, 92), (AssetStatus.Down, 3), (AssetStatus.Standby, 3), (AssetStatus.Retired, 2)];

    public DataGenerator(DataSetSize size, BenchToken token, IProgress<string> progress)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size.WorkOrders);
        this.size = size;
        this.token = token;
        this.progress = progress;
        Locations = new LocationPlan(size.Locations);
        people = new PeoplePlan(size.Users, Locations, size.Seed);

        // Places, people and assets exist from the start of the ten years of work orders.
        setUpAt = size.Newest - WorkOrderPlan.History - TimeSpan.FromDays(30);
    }

    public LocationPlan Locations { get; }

    /// <summary>The assets, dealt round-robin over the rooms.</summary>
    public int AssetCount => size.Assets ?? Locations.Rooms * 2;

    /// <summary>Rows written per table.</summary>
    public IReadOnlyDictionary<string, long> RowCounts => rowCounts;

    public void Write(BulkDatabase database)
    {
        WriteTable(database, "Vendors", WriteVendors,
            C("Id", ColumnType.Int64), C("Name", ColumnType.Text), C("Email", ColumnType.Text),
            C("CreatedAt", ColumnType.Timestamp), C("Version", ColumnType.Int32));
        WriteTable(database, "Locations", WriteLocations,
            C("Id", ColumnType.Int64), C("ParentId", ColumnType.Int64), C("Name", ColumnType.Text), C("Code", ColumnType.Text),
            C("Path", ColumnType.Text), C("Address", ColumnType.Text), C("Latitude", ColumnType.Real), C("Longitude", ColumnType.Real),
            C("TimeZone", ColumnType.Text), C("ExternalId", ColumnType.Text), C("CreatedAt", ColumnType.Timestamp), C("Version", ColumnType.Int32));
        WriteTable(database, "Users", WriteUsers,
            C("Id", ColumnType.Int64), C("Email", ColumnType.Text), C("DisplayName", ColumnType.Text), C("Role", ColumnType.Text),
            C("PasswordHash", ColumnType.Text), C("IsActive", ColumnType.Boolean), C("VendorId", ColumnType.Int64),
            C("CreatedAt", ColumnType.Timestamp), C("Version", ColumnType.Int32));
        WriteTable(database, "UserSites", WriteUserSites, C("UserId", ColumnType.Int64), C("LocationId", ColumnType.Int64));
        WriteTable(database, "Teams", WriteTeams,
            C("Id", ColumnType.Int64), C("Name", ColumnType.Text), C("CreatedAt", ColumnType.Timestamp), C("Version", ColumnType.Int32));
        WriteTable(database, "TeamMembers", WriteTeamMembers, C("TeamId", ColumnType.Int64), C("UserId", ColumnType.Int64));
        WriteTable(database, "ApiTokens", WriteApiToken,
            C("Id", ColumnType.Int64), C("UserId", ColumnType.Int64), C("Name", ColumnType.Text), C("TokenHash", ColumnType.Text),
            C("Prefix", ColumnType.Text), C("CreatedAt", ColumnType.Timestamp), C("ExpiresAt", ColumnType.Timestamp),
            C("LastUsedAt", ColumnType.Timestamp), C("RevokedAt", ColumnType.Timestamp));
        WriteTable(database, "Assets", WriteAssets,
            C("Id", ColumnType.Int64), C("Tag", ColumnType.Text), C("Name", ColumnType.Text), C("Category", ColumnType.Text),
            C("LocationId", ColumnType.Int64), C("ParentId", ColumnType.Int64), C("Path", ColumnType.Text), C("Status", ColumnType.Text),
            C("Criticality", ColumnType.Int32), C("Make", ColumnType.Text), C("Model", ColumnType.Text),
            C("SerialNumber", ColumnType.Text), C("ExternalId", ColumnType.Text), C("CreatedAt", ColumnType.Timestamp), C("Version", ColumnType.Int32));

        // Assignments and history go to their own tables after the work orders, because PostgreSQL
        // runs one COPY at a time per connection.
        var assignments = new List<AssignmentRow>(size.WorkOrders);
        var history = new List<HistoryRow>(size.WorkOrders * 2);
        var commented = new List<CommentedWorkOrder>(size.WorkOrders);
        WriteTable(database, "WorkOrders", writer => WriteWorkOrders(writer, assignments, history, commented),
            C("Id", ColumnType.Int64), C("Title", ColumnType.Text), C("Description", ColumnType.Text), C("Type", ColumnType.Text),
            C("Category", ColumnType.Text), C("Priority", ColumnType.Int32), C("Status", ColumnType.Text), C("StatusReason", ColumnType.Text),
            C("LocationId", ColumnType.Int64), C("AssetId", ColumnType.Int64), C("RequesterId", ColumnType.Int64), C("RequestId", ColumnType.Int64),
            C("VendorId", ColumnType.Int64), C("ParentId", ColumnType.Int64), C("CreatedById", ColumnType.Int64),
            C("Latitude", ColumnType.Real), C("Longitude", ColumnType.Real), C("DueAt", ColumnType.Timestamp),
            C("CreatedAt", ColumnType.Timestamp), C("UpdatedAt", ColumnType.Timestamp), C("StartedAt", ColumnType.Timestamp),
            C("CompletedAt", ColumnType.Timestamp), C("ClosedAt", ColumnType.Timestamp), C("ExternalId", ColumnType.Text),
            C("Version", ColumnType.Int32));
        WriteTable(database, "WorkOrderAssignments", writer => WriteAssignments(writer, assignments),
            C("Id", ColumnType.Int64), C("WorkOrderId", ColumnType.Int64), C("UserId", ColumnType.Int64), C("TeamId", ColumnType.Int64));
        WriteTable(database, "Activities", writer => WriteHistory(writer, history),
            C("Id", ColumnType.Int64), C("EntityType", ColumnType.Text), C("EntityId", ColumnType.Int64), C("At", ColumnType.Timestamp),
            C("ActorId", ColumnType.Int64), C("Action", ColumnType.Text), C("Field", ColumnType.Text), C("OldValue", ColumnType.Text),
            C("NewValue", ColumnType.Text));
        WriteTable(database, "Comments", writer => WriteComments(writer, commented),
            C("Id", ColumnType.Int64), C("WorkOrderId", ColumnType.Int64), C("WorkRequestId", ColumnType.Int64), C("AuthorId", ColumnType.Int64),
            C("Body", ColumnType.Text), C("IsInternal", ColumnType.Boolean), C("CreatedAt", ColumnType.Timestamp));
    }

    private static Column C(string name, ColumnType type) => new(name, type);

    private void WriteTable(BulkDatabase database, string table, Action<TableWriter> write, params Column[] columns)
    {
        var started = Stopwatch.GetTimestamp();
        using var writer = database.OpenTable(table, columns);
        write(writer);
        writer.Complete();
        rowCounts[table] = writer.RowCount;
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        progress.Report(string.Create(CultureInfo.InvariantCulture, $"{table}: {writer.RowCount:N0} rows in {seconds:F1} s"));
    }

    private void WriteVendors(TableWriter writer)
    {
        for (var id = 1L; id <= people.VendorCount; id++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"{SampleText.LastNames[id % SampleText.LastNames.Length]} Facility Services {id}");
            writer.Int64(id).Text(name).Text(string.Create(CultureInfo.InvariantCulture, $"dispatch{id}@vendor{id}.test"))
                .Timestamp(setUpAt).Int32(0).EndRow();
        }
    }

    private void WriteLocations(TableWriter writer)
    {
        var plan = Locations;
        for (var id = 1L; id <= plan.Count; id++)
        {
            var campus = plan.CampusIndex[id];
            var isBuilding = plan.IsBuilding(id);
            var address = isBuilding
                ? string.Create(CultureInfo.InvariantCulture, $"{10 + (id % 90)} Harbour Road, Campus {campus + 1:D2}")
                : null;
            double? latitude = isBuilding ? 48.0 + campus + (id % 100 * 0.001) : null;
            double? longitude = isBuilding ? 11.0 + campus + (id % 37 * 0.001) : null;
            var timeZone = plan.IsCampus(id) ? SampleText.TimeZones[campus % SampleText.TimeZones.Length] : null;
            writer.Int64(id).Int64(plan.ParentIds[id]).Text(plan.Names[id]).Text(plan.Codes[id]).Text(plan.Paths[id])
                .Text(address).Real(latitude).Real(longitude).Text(timeZone).Text(null).Timestamp(setUpAt).Int32(0).EndRow();
        }
    }

    private void WriteUsers(TableWriter writer)
    {
        for (var id = 1L; id <= people.UserCount; id++)
        {
            var role = people.Roles[id];
            string email;
            string displayName;
            if (id == PeoplePlan.BenchUserId)
            {
                email = PeoplePlan.BenchUserEmail;
                displayName = "Benchmark administrator";
            }
            else
            {
                var first = SampleText.FirstNames[id % SampleText.FirstNames.Length];
                var last = SampleText.LastNames[id / SampleText.FirstNames.Length % SampleText.LastNames.Length];
                email = string.Create(CultureInfo.InvariantCulture, $"{first}.{last}.{id}@workdesk.test").ToLowerInvariant();
                displayName = first + " " + last;
            }

            // No password hash: these users sign in only with tokens, and only user 1 has one.
            writer.Int64(id).Text(email).Text(displayName).Text(role.ToString()).Text(null).Boolean(true)
                .Int64(people.VendorIds[id]).Timestamp(setUpAt).Int32(0).EndRow();
        }
    }

    private void WriteUserSites(TableWriter writer)
    {
        for (var id = 1L; id <= people.UserCount; id++)
        {
            if (people.SiteCampus[id] >= 0 && people.Roles[id] is Role.Dispatcher or Role.Technician)
            {
                writer.Int64(id).Int64(LocationPlan.FirstCampusId + people.SiteCampus[id]).EndRow();
            }
        }
    }

    private void WriteTeams(TableWriter writer)
    {
        for (var id = 1L; id <= people.TeamCount; id++)
        {
            writer.Int64(id).Text(string.Create(CultureInfo.InvariantCulture, $"Maintenance team {id:D2}")).Timestamp(setUpAt).Int32(0).EndRow();
        }
    }

    private void WriteTeamMembers(TableWriter writer)
    {
        foreach (var technician in people.Technicians)
        {
            writer.Int64(people.TeamOf(technician)).Int64(technician).EndRow();
        }
    }

    private void WriteApiToken(TableWriter writer) =>
        writer.Int64(1).Int64(PeoplePlan.BenchUserId).Text("bench").Text(token.Hash).Text(token.Prefix)
            .Timestamp(size.Newest).Timestamp(null).Timestamp(null).Timestamp(null).EndRow();

    private void WriteAssets(TableWriter writer)
    {
        var random = DeterministicRandom.ForStream(size.Seed, "assets");
        for (var id = 1L; id <= AssetCount; id++)
        {
            // Asset n is in room (n - 1) mod rooms, which WorkOrderPlan relies on. Every asset is at
            // the top of the asset tree, so its materialized path is its own id between slashes.
            var room = Locations.FirstRoomId + ((id - 1) % Locations.Rooms);
            var trade = SampleText.Trades[(int)(id % SampleText.Trades.Length)];
            writer.Int64(id)
                .Text(string.Create(CultureInfo.InvariantCulture, $"AST-{id:D6}"))
                .Text(WorkOrderPlan.AssetName(id))
                .Text(trade.Category)
                .Int64(room)
                .Int64(null)
                .Text(string.Create(CultureInfo.InvariantCulture, $"/{id}/"))
                .Text(random.PickWeighted(AssetStatuses).ToString())
                .Int32(1 + random.Next(5))
                .Text(SampleText.Makes[id % SampleText.Makes.Length])
                .Text(string.Create(CultureInfo.InvariantCulture, $"M{100 + (id % 400)}"))
                .Text(string.Create(CultureInfo.InvariantCulture, $"SN{id * 7919 % 100_000_000:D8}"))
                .Text(null)
                .Timestamp(setUpAt)
                .Int32(0)
                .EndRow();
        }
    }

    private void WriteWorkOrders(TableWriter writer, List<AssignmentRow> assignments, List<HistoryRow> history, List<CommentedWorkOrder> commented)
    {
        var plan = new WorkOrderPlan(Locations, people, AssetCount, size.Newest, size.Seed);
        for (var id = 1L; id <= size.WorkOrders; id++)
        {
            var w = plan.Next(id, size.WorkOrders);
            writer.Int64(w.Id).Text(w.Title).Text(w.Description).Text(w.Type).Text(w.Category)
                .Int32((int)w.Priority).Text(w.Status.ToString()).Text(w.StatusReason)
                .Int64(w.LocationId).Int64(w.AssetId).Int64(w.RequesterId).Int64(null)
                .Int64(w.VendorId).Int64(null).Int64(w.CreatedById)
                .Real(null).Real(null).Timestamp(w.DueAt)
                .Timestamp(w.CreatedAt).Timestamp(w.UpdatedAt).Timestamp(w.StartedAt)
                .Timestamp(w.CompletedAt).Timestamp(w.ClosedAt).Text(null)
                .Int32(w.Version)
                .EndRow();

            if (w.AssigneeUserId is { } user)
            {
                assignments.Add(new AssignmentRow(w.Id, user, null));
            }

            if (w.AssigneeTeamId is { } team)
            {
                assignments.Add(new AssignmentRow(w.Id, null, team));
            }

            commented.Add(new CommentedWorkOrder(w.Id, w.CreatedAt, w.UpdatedAt, w.CreatedById, w.AssigneeUserId ?? w.CreatedById));
            history.Add(new HistoryRow(w.Id, w.CreatedAt, w.CreatedById, null, WorkOrderStatus.Open));
            if (w.Status != WorkOrderStatus.Open)
            {
                var actor = w.AssigneeUserId ?? w.CreatedById;
                history.Add(new HistoryRow(w.Id, w.UpdatedAt, actor, WorkOrderPlan.PreviousStatus(w.Status), w.Status));
            }
        }
    }

    private static void WriteAssignments(TableWriter writer, List<AssignmentRow> assignments)
    {
        var id = 1L;
        foreach (var row in assignments)
        {
            writer.Int64(id++).Int64(row.WorkOrderId).Int64(row.UserId).Int64(row.TeamId).EndRow();
        }
    }

    private static void WriteHistory(TableWriter writer, List<HistoryRow> history)
    {
        var id = 1L;
        foreach (var row in history)
        {
            // The same values the server records: the work order entity name and the API status names.
            var created = row.From is null;
            writer.Int64(id++).Text(Domain.WorkOrders.Activity.WorkOrderEntity).Int64(row.WorkOrderId).Timestamp(row.At).Int64(row.ActorId)
                .Text(created ? "created" : "status_changed").Text("status")
                .Text(row.From is { } from ? StatusNames.ToApi(from) : null)
                .Text(StatusNames.ToApi(row.To))
                .EndRow();
        }
    }

    /// <summary>
    /// Writes 0 to 4 comments per work order from their own random stream, so that adding them left
    /// the other tables' rows unchanged. A quarter are internal notes. They were written between the
    /// work order's creation and its last update, by its creator or its assignee.
    /// </summary>
    private void WriteComments(TableWriter writer, List<CommentedWorkOrder> commented)
    {
        var random = DeterministicRandom.ForStream(size.Seed, "comments");
        var id = 1L;
        foreach (var w in commented)
        {
            var count = random.Next(5);
            var span = Math.Max(0, (w.UpdatedAt - w.CreatedAt).Ticks);
            for (var i = 0; i < count; i++)
            {
                var body = random.Pick(SampleText.Comments)
                    .Replace("{make}", random.Pick(SampleText.Makes), StringComparison.Ordinal)
                    .Replace("{part}", random.Pick(SampleText.Parts), StringComparison.Ordinal)
                    .Replace("{number}", (100_000 + random.Next(900_000)).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
                var at = w.CreatedAt + TimeSpan.FromTicks(span == 0 ? 0 : random.NextInt64(0, span + 1));
                var author = random.Chance(0.5) ? w.CreatorId : w.AssigneeId;
                writer.Int64(id++).Int64(w.WorkOrderId).Int64(null).Int64(author).Text(body).Boolean(random.Chance(0.25)).Timestamp(at).EndRow();
            }
        }
    }

    private readonly record struct CommentedWorkOrder(long WorkOrderId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long CreatorId, long AssigneeId);

    private readonly record struct AssignmentRow(long WorkOrderId, long? UserId, long? TeamId);

    private readonly record struct HistoryRow(long WorkOrderId, DateTimeOffset At, long ActorId, WorkOrderStatus? From, WorkOrderStatus To);
}
