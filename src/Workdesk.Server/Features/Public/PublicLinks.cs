using Microsoft.Extensions.Options;
using Workdesk.Server.Hosting;

namespace Workdesk.Server.Features.Public;

/// <summary>Absolute links that leave the server, printed on labels or sent by email.</summary>
public sealed class PublicLinks(IOptions<ServerSettings> settings, IHttpContextAccessor http)
{
    /// <summary>
    /// The configured public address, or else the address of the current request, or else the
    /// default listening address.
    /// </summary>
    public string Origin
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(settings.Value.PublicUrl))
            {
                return settings.Value.PublicUrl.TrimEnd('/');
            }

            return http.HttpContext?.Request is { } request
                ? $"{request.Scheme}://{request.Host}{request.PathBase}"
                : WebApp.DefaultUrl;
        }
    }

    public string RequestForm(string placeKey) => $"{Origin}/r/{placeKey}";

    public string StatusPage(string statusToken) => $"{Origin}/status/{statusToken}";

    public string SurveyPage(string surveyToken) => $"{Origin}/survey/{surveyToken}";
}
