using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Workdesk.Server.Infrastructure;

/// <summary>
/// Turns malformed request bodies into 400 problem details naming the JSON path. A SQLite database
/// that stayed locked becomes a 503 with Retry-After. Any other exception becomes a 500 that hides
/// internals and logs the error with the request id.
/// </summary>
public sealed partial class UnexpectedErrorHandler(IProblemDetailsService problems, ILogger<UnexpectedErrorHandler> logger) : IExceptionHandler
{
    /// <summary>The Retry-After of a 503 for a locked database.</summary>
    public const int BusyRetrySeconds = 5;

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        int status;
        string title;
        string detail;
        string? field = null;
        if (exception is BadHttpRequestException badRequest)
        {
            status = badRequest.StatusCode;
            title = "The request is invalid.";
            (field, detail) = Describe(badRequest, httpContext);
            LogBadRequest(logger, httpContext.TraceIdentifier, detail);
        }
        else if (IsDatabaseBusy(exception))
        {
            status = StatusCodes.Status503ServiceUnavailable;
            title = "The database is busy.";
            detail = $"Another long write, such as a large import from the command line, holds the database. Try again in {BusyRetrySeconds} seconds.";
            httpContext.Response.Headers.RetryAfter = BusyRetrySeconds.ToString(CultureInfo.InvariantCulture);
            LogBusy(logger, exception, httpContext.TraceIdentifier);
        }
        else
        {
            status = StatusCodes.Status500InternalServerError;
            title = "An unexpected error occurred.";
            detail = $"The server could not complete the request. Report the request id {httpContext.TraceIdentifier} to your administrator.";
            LogUnexpected(logger, exception, httpContext.TraceIdentifier);
        }

        httpContext.Response.StatusCode = status;
        var problem = new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        };
        if (field is not null)
        {
            problem.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        }

        return await problems.TryWriteAsync(problem);
    }

    /// <summary>
    /// Returns whether SQLite gave up waiting for another connection's write: SQLITE_BUSY or
    /// SQLITE_LOCKED after the busy timeout, possibly inside EF Core's update exception.
    /// </summary>
    private static bool IsDatabaseBusy(Exception exception) =>
        (exception as SqliteException ?? exception.InnerException as SqliteException) is { SqliteErrorCode: SqliteBusy or SqliteLocked };

    /// <summary>Says what was wrong with the request in the client's terms, and which field it was when known.</summary>
    private static (string? Field, string Detail) Describe(BadHttpRequestException exception, HttpContext httpContext)
    {
        var json = exception.InnerException as JsonException;
        if (json?.Path is { Length: > 1 } path)
        {
            var field = path.TrimStart('$', '.');
            return (field, $"The value of '{field}' in the JSON body is invalid: check its type and spelling against the API reference.");
        }

        if (json is not null)
        {
            return (null, $"The JSON body could not be read: {json.Message}");
        }

        if (UnboundParameter().Match(exception.Message) is { Success: true } unbound)
        {
            var name = unbound.Groups["name"].Value;
            return UnreadableParameters.Find(httpContext)
                ?? (name, $"'{unbound.Groups["value"].Value}' is not a valid value for '{name}': check it against the API reference.");
        }

        return MissingParameter().Match(exception.Message) is { Success: true } missing
            ? (missing.Groups["name"].Value, $"'{missing.Groups["name"].Value}' is required.")
            : (null, exception.Message);
    }

    [GeneratedRegex("""^Failed to bind parameter "\S+ (?<name>\w+)" from "(?<value>.*)"\.?$""")]
    private static partial Regex UnboundParameter();

    [GeneratedRegex("""^Required parameter "\S+ (?<name>\w+)" was not provided""")]
    private static partial Regex MissingParameter();

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Rejected bad request {RequestId}: {Detail}")]
    private static partial void LogBadRequest(ILogger logger, string requestId, string detail);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "Request {RequestId} failed because the database stayed locked by another write")]
    private static partial void LogBusy(ILogger logger, Exception exception, string requestId);

    [LoggerMessage(EventId = 11, Level = LogLevel.Error, Message = "Unexpected error in request {RequestId}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string requestId);
}
