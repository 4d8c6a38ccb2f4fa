using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.People;

namespace Workdesk.Server.Features.People;

/// <summary>Creates and changes user accounts; the API and the CLI share these rules.</summary>
public sealed class UserAccounts(WorkdeskDbContext db, IPasswordHasher<User> hasher, TimeProvider clock)
{
    public const int MinPasswordLength = 12;

    public async Task<Result<User>> CreateAsync(CreateUserRequest request, CancellationToken ct)
    {
        var email = request.Email?.Trim().ToLowerInvariant() ?? "";
        if (email.Length is 0 or > 254 || !System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            return Error.Invalid("email", $"email '{request.Email}' is not a valid email address.");
        }

        if (string.IsNullOrWhiteSpace(request.DisplayName) || request.DisplayName.Length > 200)
        {
            return Error.Invalid("displayName", "displayName is required, at most 200 characters.");
        }

        var error = CheckRole(request.Role) ?? CheckPassword(request.Password)
            ?? await CheckVendorAsync(request.Role, request.VendorId, ct)
            ?? await CheckSitesAsync(request.SiteLocationIds, ct);
        if (error is not null)
        {
            return error;
        }

        if (await db.Users.AnyAsync(u => u.Email == email, ct))
        {
            return Error.Conflict($"A user with email '{email}' already exists.", "email");
        }

        var user = new User
        {
            Email = email,
            DisplayName = request.DisplayName.Trim(),
            Role = request.Role,
            VendorId = request.Role == Role.Vendor ? request.VendorId : null,
            CreatedAt = clock.GetUtcNow(),
        };
        if (request.Password is not null)
        {
            user.PasswordHash = hasher.HashPassword(user, request.Password);
        }

        foreach (var locationId in (request.SiteLocationIds ?? []).Distinct())
        {
            user.Sites.Add(new UserSite { LocationId = locationId });
        }

        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        return user;
    }

    public async Task<Result<User>> UpdateAsync(User user, UpdateUserRequest request, CancellationToken ct)
    {
        var role = request.Role ?? user.Role;
        var error = (request.Role is { } newRole ? CheckRole(newRole) : null)
            ?? CheckPassword(request.Password)
            ?? (request.VendorId is not null || request.Role is not null ? await CheckVendorAsync(role, request.VendorId ?? user.VendorId, ct) : null)
            ?? await CheckSitesAsync(request.SiteLocationIds, ct);
        if (error is not null)
        {
            return error;
        }

        if (request.DisplayName is { } name)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
            {
                return Error.Invalid("displayName", "displayName must be 1 to 200 characters.");
            }

            user.DisplayName = name.Trim();
        }

        user.Role = role;
        user.VendorId = role == Role.Vendor ? request.VendorId ?? user.VendorId : null;
        user.IsActive = request.IsActive ?? user.IsActive;
        if (request.Password is not null)
        {
            user.PasswordHash = hasher.HashPassword(user, request.Password);
        }

        if (request.SiteLocationIds is { } sites)
        {
            user.Sites.Clear();
            foreach (var locationId in sites.Distinct())
            {
                user.Sites.Add(new UserSite { UserId = user.Id, LocationId = locationId });
            }
        }

        await db.SaveChangesAsync(ct);
        return user;
    }

    private static Error? CheckRole(Role role) =>
        Enum.IsDefined(role) ? null : Error.Invalid("role", "role must be one of: administrator, dispatcher, technician, requester, vendor.");

    private static Error? CheckPassword(string? password) =>
        password is not null && password.Length < MinPasswordLength
            ? Error.Invalid("password", $"password must be at least {MinPasswordLength} characters.")
            : null;

    private async Task<Error?> CheckVendorAsync(Role role, long? vendorId, CancellationToken ct)
    {
        if (role != Role.Vendor)
        {
            return null;
        }

        if (vendorId is not { } id)
        {
            return Error.Invalid("vendorId", "A vendor user needs vendorId: the vendor whose work orders they see.");
        }

        return await db.Vendors.AnyAsync(v => v.Id == id, ct) ? null : Error.Invalid("vendorId", $"Vendor {id} does not exist.");
    }

    private async Task<Error?> CheckSitesAsync(IReadOnlyList<long>? locationIds, CancellationToken ct)
    {
        if (locationIds is null || locationIds.Count == 0)
        {
            return null;
        }

        var distinct = locationIds.Distinct().ToList();
        var found = await db.Locations.Where(l => distinct.Contains(l.Id)).Select(l => l.Id).ToListAsync(ct);
        var missing = distinct.Except(found).ToList();
        return missing.Count == 0 ? null : Error.Invalid("siteLocationIds", $"These locations do not exist: {string.Join(", ", missing)}.");
    }
}
