using Workdesk.Domain.People;

namespace Workdesk.Bench.Generate;

/// <summary>
/// Users, vendors and teams. User 1 is the benchmark administrator who owns the API token. Of all
/// users, 2 % are administrators, 8 % dispatchers, 35 % requesters, 5 % vendor users and the rest
/// technicians. About 70 % of dispatchers and technicians cover one campus, the others every site.
/// </summary>
internal sealed class PeoplePlan
{
    public const int MinimumUsers = 5;
    public const long BenchUserId = 1;
    public const string BenchUserEmail = "bench@workdesk.test";

    public PeoplePlan(int userCount, LocationPlan locations, long seed)
    {
        if (userCount < MinimumUsers)
        {
            throw new ArgumentOutOfRangeException(nameof(userCount), userCount, $"At least {MinimumUsers} users are needed: one of each role.");
        }

        var random = DeterministicRandom.ForStream(seed, "users");
        UserCount = userCount;
        Roles = new Role[userCount + 1];
        VendorIds = new long?[userCount + 1];
        SiteCampus = new int[userCount + 1];
        VendorCount = Math.Max(1, userCount / 15);

        var administrators = Math.Max(1, userCount * 2 / 100);
        var dispatchers = Math.Max(1, userCount * 8 / 100);
        var requesters = Math.Max(1, userCount * 35 / 100);
        var vendorUsers = Math.Max(1, userCount * 5 / 100);
        var technicians = userCount - administrators - dispatchers - requesters - vendorUsers;
        if (technicians < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(userCount), userCount, "Too few users to have a technician.");
        }

        var id = 1L;
        Assign(Role.Administrator, administrators);
        Assign(Role.Dispatcher, dispatchers);
        Assign(Role.Technician, technicians);
        Assign(Role.Requester, requesters);
        Assign(Role.Vendor, vendorUsers);

        TeamCount = Math.Max(1, Technicians.Count / 5);

        TechniciansByCampus = new List<long>[locations.Campuses];
        for (var campus = 0; campus < locations.Campuses; campus++)
        {
            var covering = Technicians.Where(t => SiteCampus[t] < 0 || SiteCampus[t] == campus).ToList();
            TechniciansByCampus[campus] = covering.Count > 0 ? covering : Technicians;
        }

        void Assign(Role role, int count)
        {
            for (var i = 0; i < count; i++, id++)
            {
                Roles[id] = role;
                SiteCampus[id] = -1;
                switch (role)
                {
                    case Role.Administrator:
                        Administrators.Add(id);
                        break;
                    case Role.Dispatcher:
                        Dispatchers.Add(id);
                        SiteCampus[id] = random.Chance(0.7) ? random.Next(locations.Campuses) : -1;
                        break;
                    case Role.Technician:
                        Technicians.Add(id);
                        SiteCampus[id] = random.Chance(0.7) ? random.Next(locations.Campuses) : -1;
                        break;
                    case Role.Requester:
                        Requesters.Add(id);
                        break;
                    case Role.Vendor:
                        VendorIds[id] = 1 + (i % VendorCount);
                        break;
                }
            }
        }
    }

    public int UserCount { get; }

    public int VendorCount { get; }

    public int TeamCount { get; }

    /// <summary>Role of each user, indexed by id (index 0 is unused).</summary>
    public Role[] Roles { get; }

    public long?[] VendorIds { get; }

    /// <summary>The 0-based campus a staff user covers, or -1 for every site, indexed by id.</summary>
    public int[] SiteCampus { get; }

    public List<long> Administrators { get; } = [];

    public List<long> Dispatchers { get; } = [];

    public List<long> Technicians { get; } = [];

    public List<long> Requesters { get; } = [];

    /// <summary>Technicians who may work at each campus: those who cover it and those who cover every site.</summary>
    public List<long>[] TechniciansByCampus { get; }

    /// <summary>Returns the team of a technician: technicians, whose ids are contiguous, are dealt round-robin into the teams.</summary>
    public long TeamOf(long technicianId) => 1 + ((technicianId - Technicians[0]) % TeamCount);
}
