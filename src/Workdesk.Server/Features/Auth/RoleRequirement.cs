using Workdesk.Domain.People;

namespace Workdesk.Server.Features.Auth;

public static class RoleRequirement
{
    /// <summary>Rejects the request with 403 unless the current user has one of the roles.</summary>
    public static TBuilder RequireRole<TBuilder>(this TBuilder builder, params Role[] roles)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            var currentUser = context.HttpContext.RequestServices.GetRequiredService<CurrentUser>();
            if (!currentUser.IsAuthenticated)
            {
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign in or send an API token.");
            }

            if (!roles.Contains(currentUser.Role))
            {
                var names = string.Join(", ", roles.Select(r => r.ToString()));
                return Results.Problem(
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "Forbidden.",
                    detail: $"This action needs one of these roles: {names}.");
            }

            return await next(context);
        });
        return builder;
    }

    public static readonly Role[] Staff = [Role.Administrator, Role.Dispatcher, Role.Technician];
    public static readonly Role[] Dispatchers = [Role.Administrator, Role.Dispatcher];
    public static readonly Role[] Administrators = [Role.Administrator];
}
