using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Workdesk.Server.Features.Auth;

public static class AuthSetup
{
    private const string SelectorScheme = "CookieOrToken";

    /// <summary>
    /// Registers cookie sign-in for the web app and bearer API tokens for integrations; a request
    /// with an Authorization header is judged by its token alone.
    /// </summary>
    public static IServiceCollection AddWorkdeskAuth(this IServiceCollection services)
    {
        services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "Cookie or API token", options =>
            {
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.Count > 0
                        ? TokenAuthenticationHandler.SchemeName
                        : CookieAuthenticationDefaults.AuthenticationScheme;
            })
            .AddCookie(options =>
            {
                options.Cookie.Name = "workdesk.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.SlidingExpiration = true;
                options.ExpireTimeSpan = TimeSpan.FromDays(14);

                // An API returns a status code and never redirects to a sign-in page.
                options.Events.OnRedirectToLogin = context => WriteStatus(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => WriteStatus(context, StatusCodes.Status403Forbidden);
            })
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        return services;
    }

    private static Task WriteStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
