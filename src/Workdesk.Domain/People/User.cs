namespace Workdesk.Domain.People;

public sealed class User : Common.IVersioned
{
    public long Id { get; set; }

    /// <summary>Sign-in name, stored lower-case; unique.</summary>
    public required string Email { get; set; }

    public required string DisplayName { get; set; }

    public Role Role { get; set; }

    /// <summary>Password hash in ASP.NET Core Identity's format; null for users who sign in with tokens only.</summary>
    public string? PasswordHash { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>The vendor a <see cref="Role.Vendor"/> user works for.</summary>
    public long? VendorId { get; set; }

    public Vendor? Vendor { get; set; }

    /// <summary>Locations whose subtrees a staff member covers; none means every site.</summary>
    public List<UserSite> Sites { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public int Version { get; set; }
}

/// <summary>One location subtree that a staff user's role covers.</summary>
public sealed class UserSite
{
    public long UserId { get; set; }

    public long LocationId { get; set; }

    public Locations.Location? Location { get; set; }
}

public sealed class Team : Common.IVersioned
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public List<TeamMember> Members { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public int Version { get; set; }
}

public sealed class TeamMember
{
    public long TeamId { get; set; }

    public long UserId { get; set; }

    public User? User { get; set; }
}

/// <summary>An outside contractor that work orders can be sent to.</summary>
public sealed class Vendor : Common.IVersioned
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public string? Email { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public int Version { get; set; }
}

/// <summary>
/// A personal API token. Only a SHA-256 hash of the secret is stored; the secret is shown once.
/// </summary>
public sealed class ApiToken
{
    public long Id { get; set; }

    public long UserId { get; set; }

    public User? User { get; set; }

    public required string Name { get; set; }

    /// <summary>Hex SHA-256 of the whole token; unique.</summary>
    public required string TokenHash { get; set; }

    /// <summary>The first characters of the token, shown in lists so a user can tell tokens apart.</summary>
    public required string Prefix { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
