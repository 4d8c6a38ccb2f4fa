using Microsoft.Extensions.Options;
using Workdesk.Data;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Hosting;

namespace Workdesk.Server.Features.Admin;

/// <summary>Where the data lives and which version runs, for the administrator's system page.</summary>
public sealed record SystemResponse(string Version, string Provider, string Database, string DataDirectory);

public static class SystemEndpoints
{
    public static void MapSystemEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/system", Get).WithTags("Administration").WithName("GetSystem")
            .RequireAuthorization().RequireRole(RoleRequirement.Administrators)
            .WithSummary("Returns the server version and where its data lives.");
    }

    public static string Version =>
        typeof(SystemEndpoints).Assembly.GetName().Version?.ToString(3) ?? "unknown";

    private static IResult Get(DatabaseSettings database, IOptions<ServerSettings> settings) =>
        Results.Ok(new SystemResponse(
            Version,
            database.Provider.ToString().ToLowerInvariant(),
            database.Describe(),
            settings.Value.FullDataDirectory));
}
