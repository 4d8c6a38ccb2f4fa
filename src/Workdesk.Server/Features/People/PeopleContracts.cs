using Workdesk.Domain.People;

namespace Workdesk.Server.Features.People;

public sealed record UserResponse(
    long Id, string Email, string DisplayName, Role Role, bool IsActive, long? VendorId, IReadOnlyList<long> SiteLocationIds, int Version);

/// <summary>A new user. Without a password the user can only use API tokens an administrator creates.</summary>
public sealed record CreateUserRequest(
    string Email, string DisplayName, Role Role, string? Password = null, long? VendorId = null, IReadOnlyList<long>? SiteLocationIds = null);

/// <summary>Changed user fields; a field left out stays as it is.</summary>
public sealed record UpdateUserRequest(
    string? DisplayName = null, Role? Role = null, bool? IsActive = null, string? Password = null,
    long? VendorId = null, IReadOnlyList<long>? SiteLocationIds = null);

public sealed record TeamResponse(long Id, string Name, IReadOnlyList<long> MemberUserIds, int Version);

public sealed record CreateTeamRequest(string Name, IReadOnlyList<long>? MemberUserIds = null);

public sealed record SetTeamMembersRequest(IReadOnlyList<long> MemberUserIds);

public sealed record VendorResponse(long Id, string Name, string? Email, int Version);

public sealed record CreateVendorRequest(string Name, string? Email = null);
