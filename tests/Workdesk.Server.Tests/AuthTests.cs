using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workdesk.Data;
using Workdesk.Domain.People;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests;

public abstract class AuthTests(WorkdeskApp app)
{
    [Fact]
    public async Task Api_WithoutCredentials_Returns401()
    {
        app.SkipIfUnavailable();
        var client = app.CreateClient();

        var response = await client.GetAsync("/api/v1/work-orders");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task CookieSignIn_OpensSession()
    {
        var user = await app.CreateUserAsync(Role.Dispatcher);
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true });

        var wrong = await client.PostAsJsonAsync("/api/v1/auth/sign-in", new { email = user.Email, password = "wrong password!" });
        var signIn = await client.PostAsJsonAsync("/api/v1/auth/sign-in", new { email = user.Email.ToUpperInvariant(), password = "correct horse battery" });
        var me = await client.GetAsync("/api/v1/me");
        await client.PostAsync("/api/v1/auth/sign-out", null);
        var afterSignOut = await client.GetAsync("/api/v1/me");

        await wrong.ShouldBeAsync(HttpStatusCode.Unauthorized);
        await signIn.ShouldBeAsync(HttpStatusCode.NoContent);
        await me.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(user.Id, (await me.ReadAsync<MeResponse>()).Id);
        await afterSignOut.ShouldBeAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Token_CreatedListedAndRevoked()
    {
        var user = await app.CreateUserAsync(Role.Technician);

        var created = await user.Client.PostJsonAsync("/api/v1/me/tokens", new { name = "PLC gateway", expiresInDays = 30 });
        var token = await created.ReadAsync<CreatedTokenResponse>();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.Token);
        var withNewToken = await client.GetAsync("/api/v1/me");
        var listed = await (await user.Client.GetAsync("/api/v1/me/tokens")).ReadAsync<List<TokenResponse>>();
        var revoke = await user.Client.DeleteAsync($"/api/v1/me/tokens/{token.Id}");
        var afterRevoke = await client.GetAsync("/api/v1/me");

        await created.ShouldBeAsync(HttpStatusCode.Created);
        await withNewToken.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Contains(listed, t => t.Id == token.Id && token.Token.StartsWith(t.Prefix, StringComparison.Ordinal));
        await revoke.ShouldBeAsync(HttpStatusCode.NoContent);
        await afterRevoke.ShouldBeAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Token_StoredOnlyAsHash()
    {
        var user = await app.CreateUserAsync(Role.Technician);
        var created = await (await user.Client.PostJsonAsync("/api/v1/me/tokens", new { name = "secret check" })).ReadAsync<CreatedTokenResponse>();

        using var scope = app.Services.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>().ApiTokens.SingleAsync(t => t.Id == created.Id);

        Assert.NotEqual(created.Token, stored.TokenHash);
        Assert.Equal(ApiTokens.Hash(created.Token), stored.TokenHash);
    }

    [Fact]
    public async Task UnknownBearerToken_Returns401()
    {
        app.SkipIfUnavailable();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "wd_not-a-real-token");

        var response = await client.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Technician_CannotManageUsers()
    {
        var technician = await app.CreateUserAsync(Role.Technician);

        var response = await technician.Client.PostJsonAsync("/api/v1/users", new { email = "new@example.test", displayName = "New", role = "administrator" });

        await response.ShouldBeAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Admin_CreatesUserWithSites()
    {
        var admin = await app.CreateAdminAsync();
        var site = await admin.LocationAsync("Depot " + Guid.NewGuid().ToString("N")[..6]);
        var email = $"tech-{Guid.NewGuid():N}@example.test";

        var response = await admin.Client.PostJsonAsync("/api/v1/users", new { email, displayName = "Field Tech", role = "technician", password = "long enough password", siteLocationIds = new[] { site.Id } });
        var duplicate = await admin.Client.PostJsonAsync("/api/v1/users", new { email, displayName = "Again", role = "technician" });
        var shortPassword = await admin.Client.PostJsonAsync("/api/v1/users", new { email = "x" + email, displayName = "Short", role = "technician", password = "short" });

        await response.ShouldBeAsync(HttpStatusCode.Created);
        Assert.Equal([site.Id], (await response.ReadAsync<Features.People.UserResponse>()).SiteLocationIds);
        await duplicate.ShouldBeAsync(HttpStatusCode.Conflict);
        await shortPassword.ShouldBeAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesWorkOrders()
    {
        app.SkipIfUnavailable();
        var client = app.CreateClient();

        var document = await client.GetStringAsync("/openapi/v1.json");
        var home = await client.GetAsync("/");
        var reference = await client.GetAsync("/api-reference/");

        Assert.Contains("/api/v1/work-orders", document, StringComparison.Ordinal);
        Assert.Contains("CreateWorkOrder", document, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal("text/html", home.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
    }
}

public sealed class AuthSqliteTests(SqliteApp app) : AuthTests(app), IClassFixture<SqliteApp>;

public sealed class AuthPostgresTests(PostgresApp app) : AuthTests(app), IClassFixture<PostgresApp>;
