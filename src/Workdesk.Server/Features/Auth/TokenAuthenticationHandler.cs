using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workdesk.Data;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.Auth;

/// <summary>Authenticates "Authorization: Bearer wd_..." personal API tokens.</summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    WorkdeskDbContext db,
    TimeProvider clock,
    ReferenceData reference)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Token";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var secret = header["Bearer ".Length..].Trim();
        var hash = ApiTokens.Hash(secret);
        var now = clock.GetUtcNow();
        var token = await FindAsync(hash, Context.RequestAborted);
        if (token is null || (token.ExpiresAt is { } expires && expires <= now))
        {
            return AuthenticateResult.Fail("The API token is unknown, revoked or expired.");
        }

        // Recording every use would turn each read into a write; once an hour is enough to show
        // which tokens are still in use.
        if (token.LastUsedAt is null || now - token.LastUsedAt.Value > TimeSpan.FromHours(1))
        {
            await db.ApiTokens.Where(t => t.Id == token.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, token.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>
    /// Finds an unrevoked token by its hash. Tokens found are kept in <see cref="ReferenceData"/>,
    /// which drops them all once any token, user or site changes, so a revocation applies to the
    /// next request. Unknown hashes are not kept.
    /// </summary>
    private async Task<ActiveToken?> FindAsync(string hash, CancellationToken ct)
    {
        var known = await reference.GetAsync(
            "api-tokens", (_, _) => Task.FromResult(new ConcurrentDictionary<string, ActiveToken>(StringComparer.Ordinal)), ct);
        if (known.TryGetValue(hash, out var token))
        {
            return token;
        }

        token = await db.ApiTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash && t.RevokedAt == null)
            .Select(t => new ActiveToken(t.Id, t.UserId, t.ExpiresAt, t.LastUsedAt))
            .SingleOrDefaultAsync(ct);
        if (token is not null)
        {
            known[hash] = token;
        }

        return token;
    }

    private sealed record ActiveToken(long Id, long UserId, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt);
}
