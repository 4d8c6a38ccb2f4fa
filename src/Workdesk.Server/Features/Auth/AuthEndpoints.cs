using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.People;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.Auth;

public sealed record SignInRequest(string Email, string Password);

/// <summary>The signed-in user as the API shows it.</summary>
public sealed record MeResponse(long Id, string Email, string DisplayName, Role Role, long? VendorId, IReadOnlyList<string> SitePaths);

public sealed record CreateTokenRequest(string Name, int? ExpiresInDays);

/// <summary>A new API token; <see cref="Token"/> is shown only in this response.</summary>
public sealed record CreatedTokenResponse(long Id, string Name, string Token, DateTimeOffset? ExpiresAt);

public sealed record TokenResponse(long Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt);

public static class AuthEndpoints
{
    public static void MapAuthEndpoints(this IEndpointRouteBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Sign-in");
        auth.MapPost("/sign-in", SignIn).AllowAnonymous().WithName("SignIn")
            .WithSummary("Signs in with email and password and sets the session cookie.");
        auth.MapPost("/sign-out", SignOut).WithName("SignOut").WithSummary("Ends the cookie session.");

        var me = api.MapGroup("/me").WithTags("Sign-in").RequireAuthorization();
        me.MapGet("/", GetMe).WithName("GetMe").WithSummary("Returns the signed-in user.");
        me.MapGet("/tokens", ListTokens).WithName("ListTokens").WithSummary("Lists the user's API tokens without their secrets.");
        me.MapPost("/tokens", CreateToken).WithName("CreateToken")
            .WithSummary("Creates a personal API token; the secret is returned once.");
        me.MapDelete("/tokens/{id:long}", RevokeToken).WithName("RevokeToken").WithSummary("Revokes an API token.");
    }

    private static async Task<IResult> SignIn(
        SignInRequest request, HttpContext http, WorkdeskDbContext db, IPasswordHasher<User> hasher, CancellationToken ct)
    {
        var email = (request.Email ?? "").Trim().ToLowerInvariant();
        var user = await db.Users.SingleOrDefaultAsync(u => u.Email == email, ct);
        var verified = user is { IsActive: true, PasswordHash: not null }
            && hasher.VerifyHashedPassword(user, user.PasswordHash, request.Password ?? "") != PasswordVerificationResult.Failed;
        if (!verified)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Sign-in failed.",
                detail: "The email or password is wrong, or the account is deactivated.");
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, user!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return Results.NoContent();
    }

    private static async Task<IResult> SignOut(HttpContext http, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.NoContent();
    }

    private static async Task<IResult> GetMe(CurrentUser current, WorkdeskDbContext db, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == current.Id, ct);
        return Results.Ok(new MeResponse(user.Id, user.Email, user.DisplayName, user.Role, user.VendorId, current.SitePaths));
    }

    private static async Task<IResult> ListTokens(CurrentUser current, WorkdeskDbContext db, CancellationToken ct)
    {
        var tokens = await db.ApiTokens.AsNoTracking()
            .Where(t => t.UserId == current.Id && t.RevokedAt == null)
            .OrderBy(t => t.Id)
            .Select(t => new TokenResponse(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.LastUsedAt))
            .ToListAsync(ct);
        return Results.Ok(tokens);
    }

    private static async Task<IResult> CreateToken(
        CreateTokenRequest request, CurrentUser current, WorkdeskDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
        {
            return Problems.Invalid("name", "Give the token a name of 1 to 200 characters, such as the integration that uses it.");
        }

        if (request.ExpiresInDays is < 1 or > 3650)
        {
            return Problems.Invalid("expiresInDays", "expiresInDays must be between 1 and 3650, or left out for a token that does not expire.");
        }

        var now = clock.GetUtcNow();
        var (token, secret) = CreateTokenFor(current.Id, request.Name.Trim(), request.ExpiresInDays, now);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return Results.Created($"/api/v1/me/tokens/{token.Id}", new CreatedTokenResponse(token.Id, token.Name, secret, token.ExpiresAt));
    }

    /// <summary>Creates an unsaved token record and its secret; the CLI uses it too.</summary>
    public static (ApiToken Token, string Secret) CreateTokenFor(long userId, string name, int? expiresInDays, DateTimeOffset now)
    {
        var secret = ApiTokens.NewSecret();
        var token = new ApiToken
        {
            UserId = userId,
            Name = name,
            TokenHash = ApiTokens.Hash(secret),
            Prefix = ApiTokens.DisplayPrefix(secret),
            CreatedAt = now,
            ExpiresAt = expiresInDays is { } days ? now.AddDays(days) : null,
        };
        return (token, secret);
    }

    private static async Task<IResult> RevokeToken(long id, CurrentUser current, WorkdeskDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var revoked = await db.ApiTokens
            .Where(t => t.Id == id && t.UserId == current.Id && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
        return revoked == 0 ? Domain.Common.Error.NotFound("API token", id).ToProblem() : Results.NoContent();
    }
}
