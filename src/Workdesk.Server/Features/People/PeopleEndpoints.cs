using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.People;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.People;

public static class PeopleEndpoints
{
    public static void MapPeopleEndpoints(this IEndpointRouteBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users and teams").RequireAuthorization();
        users.MapGet("/", ListUsers).WithName("ListUsers").RequireRole(RoleRequirement.Staff)
            .WithSummary("Lists users, optionally of one role or matching q in name or email.");
        users.MapGet("/{id:long}", GetUser).WithName("GetUser").RequireRole(RoleRequirement.Staff).WithSummary("Returns one user.");
        users.MapPost("/", CreateUser).WithName("CreateUser").RequireRole(RoleRequirement.Administrators).WithSummary("Creates a user.");
        users.MapPatch("/{id:long}", UpdateUser).WithName("UpdateUser").RequireRole(RoleRequirement.Administrators)
            .WithSummary("Changes a user's name, role, sites, vendor, password or active flag. Requires If-Match.");

        var teams = api.MapGroup("/teams").WithTags("Users and teams").RequireAuthorization();
        teams.MapGet("/", ListTeams).WithName("ListTeams").RequireRole(RoleRequirement.Staff).WithSummary("Lists teams with their members.");
        teams.MapPost("/", CreateTeam).WithName("CreateTeam").RequireRole(RoleRequirement.Administrators).WithSummary("Creates a team.");
        teams.MapPut("/{id:long}/members", SetMembers).WithName("SetTeamMembers").RequireRole(RoleRequirement.Administrators)
            .WithSummary("Replaces a team's members.");

        var vendors = api.MapGroup("/vendors").WithTags("Vendors").RequireAuthorization();
        vendors.MapGet("/", ListVendors).WithName("ListVendors").RequireRole(RoleRequirement.Staff).WithSummary("Lists vendors.");
        vendors.MapPost("/", CreateVendor).WithName("CreateVendor").RequireRole(RoleRequirement.Dispatchers).WithSummary("Creates a vendor.");
    }

    private static async Task<IResult> ListUsers(Role? role, string? q, int? page, int? pageSize, WorkdeskDbContext db, CancellationToken ct)
    {
        var paging = Paging.Resolve(page, pageSize);
        if (!paging.IsSuccess)
        {
            return paging.Error!.ToProblem();
        }

        var query = db.Users.AsNoTracking();
        if (role is { } wanted)
        {
            query = query.Where(u => u.Role == wanted);
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = "%" + WorkOrders.TextSearch.EscapeLike(q.Trim()) + "%";
            query = db.Provider == DatabaseProvider.Postgres
                ? query.Where(u => EF.Functions.ILike(u.Email, pattern, "\\") || EF.Functions.ILike(u.DisplayName, pattern, "\\"))
                : query.Where(u => EF.Functions.Like(u.Email, pattern, "\\") || EF.Functions.Like(u.DisplayName, pattern, "\\"));
        }

        var (number, size) = paging.Value;
        var total = await query.CountAsync(ct);
        var items = await query.Include(u => u.Sites).OrderBy(u => u.DisplayName).ThenBy(u => u.Id)
            .Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return Results.Ok(new ListPage<UserResponse>([.. items.Select(ToResponse)], number, size, total));
    }

    private static async Task<IResult> GetUser(long id, HttpContext http, WorkdeskDbContext db, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Include(u => u.Sites).SingleOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return Error.NotFound("User", id).ToProblem();
        }

        ETags.Set(http.Response, user.Id, user.Version);
        return Results.Ok(ToResponse(user));
    }

    private static Task<IResult> CreateUser(CreateUserRequest request, HttpContext http, UserAccounts accounts, Idempotency idempotency) =>
        idempotency.CreateAsync(http, "POST /api/v1/users", request, async ct =>
        {
            var created = await accounts.CreateAsync(request, ct);
            return created.IsSuccess
                ? new Created(ToResponse(created.Value!), $"/api/v1/users/{created.Value!.Id}", created.Value!.Id, created.Value!.Version)
                : created.Error!;
        });

    private static async Task<IResult> UpdateUser(
        long id, UpdateUserRequest request, HttpContext http, WorkdeskDbContext db, UserAccounts accounts, CancellationToken ct)
    {
        var user = await db.Users.Include(u => u.Sites).SingleOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return Error.NotFound("User", id).ToProblem();
        }

        var precondition = ETags.CheckIfMatch(http.Request, user.Id, user.Version);
        if (precondition is not null)
        {
            return precondition;
        }

        try
        {
            var result = await accounts.UpdateAsync(user, request, ct);
            return result.Match(updated =>
            {
                ETags.Set(http.Response, updated.Id, updated.Version);
                return Results.Ok(ToResponse(updated));
            });
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Error(ErrorKind.PreconditionFailed, $"User {id} was changed by someone else; read it again.", "If-Match").ToProblem();
        }
    }

    private static async Task<IResult> ListTeams(WorkdeskDbContext db, CancellationToken ct)
    {
        var teams = await db.Teams.AsNoTracking().Include(t => t.Members).OrderBy(t => t.Name).ToListAsync(ct);
        return Results.Ok(teams.Select(ToResponse).ToList());
    }

    private static Task<IResult> CreateTeam(CreateTeamRequest request, HttpContext http, WorkdeskDbContext db, TimeProvider clock, Idempotency idempotency) =>
        idempotency.CreateAsync(http, "POST /api/v1/teams", request, async ct =>
        {
            if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
            {
                return Error.Invalid("name", "name is required, at most 200 characters.");
            }

            var name = request.Name.Trim();
            if (await db.Teams.AnyAsync(t => t.Name == name, ct))
            {
                return Error.Conflict($"A team named '{name}' already exists.", "name");
            }

            var members = request.MemberUserIds ?? [];
            if (await CheckUsersAsync(db, members, ct) is { } error)
            {
                return error;
            }

            var team = new Team { Name = name, CreatedAt = clock.GetUtcNow() };
            team.Members.AddRange(members.Distinct().Select(id => new TeamMember { UserId = id }));
            db.Teams.Add(team);
            await db.SaveChangesAsync(ct);
            return new Created(ToResponse(team), $"/api/v1/teams/{team.Id}", team.Id, team.Version);
        });

    private static async Task<IResult> SetMembers(long id, SetTeamMembersRequest request, WorkdeskDbContext db, CancellationToken ct)
    {
        var team = await db.Teams.Include(t => t.Members).SingleOrDefaultAsync(t => t.Id == id, ct);
        if (team is null)
        {
            return Error.NotFound("Team", id).ToProblem();
        }

        if (await CheckUsersAsync(db, request.MemberUserIds ?? [], ct) is { } error)
        {
            return error.ToProblem();
        }

        team.Members.Clear();
        team.Members.AddRange((request.MemberUserIds ?? []).Distinct().Select(userId => new TeamMember { TeamId = id, UserId = userId }));
        db.Entry(team).Property(t => t.Version).IsModified = true;
        await db.SaveChangesAsync(ct);
        return Results.Ok(ToResponse(team));
    }

    private static async Task<IResult> ListVendors(WorkdeskDbContext db, CancellationToken ct) =>
        Results.Ok(await db.Vendors.AsNoTracking().OrderBy(v => v.Name)
            .Select(v => new VendorResponse(v.Id, v.Name, v.Email, v.Version)).ToListAsync(ct));

    private static Task<IResult> CreateVendor(CreateVendorRequest request, HttpContext http, WorkdeskDbContext db, TimeProvider clock, Idempotency idempotency) =>
        idempotency.CreateAsync(http, "POST /api/v1/vendors", request, async ct =>
        {
            if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
            {
                return Error.Invalid("name", "name is required, at most 200 characters.");
            }

            var name = request.Name.Trim();
            if (await db.Vendors.AnyAsync(v => v.Name == name, ct))
            {
                return Error.Conflict($"A vendor named '{name}' already exists.", "name");
            }

            var vendor = new Vendor { Name = name, Email = request.Email?.Trim(), CreatedAt = clock.GetUtcNow() };
            db.Vendors.Add(vendor);
            await db.SaveChangesAsync(ct);
            return new Created(new VendorResponse(vendor.Id, vendor.Name, vendor.Email, vendor.Version), $"/api/v1/vendors/{vendor.Id}", vendor.Id, vendor.Version);
        });

    private static async Task<Error?> CheckUsersAsync(WorkdeskDbContext db, IReadOnlyList<long> ids, CancellationToken ct)
    {
        var distinct = ids.Distinct().ToList();
        var found = await db.Users.Where(u => distinct.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct);
        var missing = distinct.Except(found).ToList();
        return missing.Count == 0 ? null : Error.Invalid("memberUserIds", $"These users do not exist: {string.Join(", ", missing)}.");
    }

    public static UserResponse ToResponse(User u) =>
        new(u.Id, u.Email, u.DisplayName, u.Role, u.IsActive, u.VendorId, [.. u.Sites.Select(s => s.LocationId).Order()], u.Version);

    private static TeamResponse ToResponse(Team t) => new(t.Id, t.Name, [.. t.Members.Select(m => m.UserId).Order()], t.Version);
}
