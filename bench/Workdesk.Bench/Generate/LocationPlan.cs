using System.Globalization;

namespace Workdesk.Bench.Generate;

/// <summary>
/// A four-level location tree: campus, building, floor and room. Ids are assigned level by level
/// from 1, and each level is split evenly among the parents in contiguous runs, so the tree depends
/// only on the total count.
/// </summary>
internal sealed class LocationPlan
{
    public const int MinimumCount = 4;

    public LocationPlan(int count)
    {
        if (count < MinimumCount)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"A location tree needs at least {MinimumCount} locations: one per level.");
        }

        // About 1 campus per 1,000 locations, 10 buildings per campus, 5 floors per building and the
        // rest rooms: 10,000 locations give 10 campuses, 100 buildings, 500 floors and 9,390 rooms.
        Campuses = Math.Max(1, count / 1000);
        Buildings = Math.Max(Campuses, count / 100);
        Floors = Math.Max(Buildings, count / 20);
        Rooms = count - Campuses - Buildings - Floors;
        if (Rooms < 1)
        {
            Floors = Buildings;
            Rooms = count - Campuses - Buildings - Floors;
        }

        Count = count;
        ParentIds = new long?[count + 1];
        Paths = new string[count + 1];
        Names = new string[count + 1];
        Codes = new string[count + 1];
        CampusIndex = new int[count + 1];

        FillLevel(Campuses, FirstCampusId, parentCount: 0, firstParentId: 0, (index, _) => (
            string.Create(CultureInfo.InvariantCulture, $"Campus {index + 1:D2}"),
            string.Create(CultureInfo.InvariantCulture, $"C{index + 1:D2}")));
        FillLevel(Buildings, FirstBuildingId, Campuses, FirstCampusId, (_, numberInParent) => (
            string.Create(CultureInfo.InvariantCulture, $"Building {numberInParent + 1:D2}"),
            string.Create(CultureInfo.InvariantCulture, $"B{numberInParent + 1:D2}")));
        FillLevel(Floors, FirstFloorId, Buildings, FirstBuildingId, (_, numberInParent) => (
            string.Create(CultureInfo.InvariantCulture, $"Floor {numberInParent}"),
            string.Create(CultureInfo.InvariantCulture, $"F{numberInParent}")));
        FillLevel(Rooms, FirstRoomId, Floors, FirstFloorId, (_, numberInParent) => (
            string.Create(CultureInfo.InvariantCulture, $"Room {numberInParent + 1:D3}"),
            string.Create(CultureInfo.InvariantCulture, $"R{numberInParent + 1:D3}")));
    }

    public int Count { get; }

    public int Campuses { get; }

    public int Buildings { get; }

    public int Floors { get; }

    public int Rooms { get; }

    public const long FirstCampusId = 1;

    public long FirstBuildingId => FirstCampusId + Campuses;

    public long FirstFloorId => FirstBuildingId + Buildings;

    public long FirstRoomId => FirstFloorId + Floors;

    /// <summary>Parent of each location, indexed by id (index 0 is unused).</summary>
    public long?[] ParentIds { get; }

    /// <summary>Materialized path of each location, indexed by id: the parent's path, the id and "/".</summary>
    public string[] Paths { get; }

    public string[] Names { get; }

    public string[] Codes { get; }

    /// <summary>The 0-based campus each location lies in, indexed by id.</summary>
    public int[] CampusIndex { get; }

    public bool IsCampus(long id) => id < FirstBuildingId;

    public bool IsBuilding(long id) => id >= FirstBuildingId && id < FirstFloorId;

    /// <summary>Returns the 1-based depth: 1 for a campus, 4 for a room.</summary>
    public int Depth(long id)
    {
        if (id < FirstBuildingId)
        {
            return 1;
        }

        if (id < FirstFloorId)
        {
            return 2;
        }

        return id < FirstRoomId ? 3 : 4;
    }

    private void FillLevel(int count, long firstId, int parentCount, long firstParentId, Func<int, int, (string Name, string Code)> describe)
    {
        var previousParent = -1L;
        var numberInParent = 0;
        for (var index = 0; index < count; index++)
        {
            var id = firstId + index;
            string parentPath;
            if (parentCount == 0)
            {
                ParentIds[id] = null;
                parentPath = "/";
                CampusIndex[id] = index;
            }
            else
            {
                // Contiguous runs: child i of n belongs to parent floor(i * parents / n).
                var parentId = firstParentId + (long)index * parentCount / count;
                ParentIds[id] = parentId;
                parentPath = Paths[parentId];
                CampusIndex[id] = CampusIndex[parentId];
                numberInParent = parentId == previousParent ? numberInParent + 1 : 0;
                previousParent = parentId;
            }

            Paths[id] = parentPath + id.ToString(CultureInfo.InvariantCulture) + "/";
            (Names[id], Codes[id]) = describe(index, numberInParent);
        }
    }
}
