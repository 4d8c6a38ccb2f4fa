using Microsoft.Net.Http.Headers;
using Workdesk.Domain.Common;

namespace Workdesk.Server.Infrastructure;

/// <summary>
/// Strong ETags built from a record's id and row version. Updates must send the ETag they read in
/// If-Match, so a form filled in from a stale copy can never overwrite a newer change.
/// </summary>
public static class ETags
{
    public static string For(long id, int version) => $"\"{id}-{version}\"";

    public static void Set(HttpResponse response, long id, int version) =>
        response.Headers.ETag = For(id, version);

    /// <summary>
    /// Checks the request's If-Match header against the record's current version; a missing
    /// header is rejected with 428 because an unconditional update could overwrite someone's edit.
    /// </summary>
    public static IResult? CheckIfMatch(HttpRequest request, long id, int version) =>
        CheckIfMatch(request, For(id, version));

    /// <summary>Checks If-Match against an ETag for records keyed by something other than a numeric id.</summary>
    public static IResult? CheckIfMatch(HttpRequest request, string current)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return Results.Problem(
                statusCode: StatusCodes.Status428PreconditionRequired,
                title: "If-Match header is required.",
                detail: "Send the ETag from the last GET of this record in the If-Match header so that a newer change is not overwritten.",
                extensions: new Dictionary<string, object?> { ["field"] = "If-Match" });
        }

        if (!EntityTagHeaderValue.TryParseList([header], out var tags))
        {
            return Problems.Invalid("If-Match", $"The If-Match header '{header}' is not a valid entity tag list.");
        }

        if (tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || string.Equals(tag.Tag.ToString(), current, StringComparison.Ordinal)))
        {
            return null;
        }

        return new Error(
            ErrorKind.PreconditionFailed,
            $"The record has changed since it was read: its current ETag is {current}. Read it again and reapply your change.",
            "If-Match").ToProblem();
    }
}
