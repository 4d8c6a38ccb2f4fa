using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Workdesk.Server.Infrastructure;

/// <summary>
/// Turns malformed request bodies into 400 problem details naming the JSON path, and any other
/// exception into a 500 that hides internals and logs the error with the request id.
/// </summary>
public sealed partial class UnexpectedErrorHandler(IProblemDetailsService problems, ILogger<UnexpectedErrorHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        int status;
        string title;
        string detail;
        if (exception is BadHttpRequestException badRequest)
        {
            status = badRequest.StatusCode;
            title = "The request is invalid.";
            detail = Describe(badRequest);
            LogBadRequest(logger, httpContext.TraceIdentifier, detail);
        }
        else
        {
            status = StatusCodes.Status500InternalServerError;
            title = "An unexpected error occurred.";
            detail = $"The server could not complete the request. Report the request id {httpContext.TraceIdentifier} to your administrator.";
            LogUnexpected(logger, exception, httpContext.TraceIdentifier);
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    private static string Describe(BadHttpRequestException exception)
    {
        var json = exception.InnerException as JsonException;
        if (json?.Path is { Length: > 1 } path)
        {
            return $"The value of '{path.TrimStart('$', '.')}' in the JSON body is invalid: check its type and spelling against the API reference.";
        }

        return json is not null
            ? $"The JSON body could not be read: {json.Message}"
            : exception.Message;
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Rejected bad request {RequestId}: {Detail}")]
    private static partial void LogBadRequest(ILogger logger, string requestId, string detail);

    [LoggerMessage(EventId = 11, Level = LogLevel.Error, Message = "Unexpected error in request {RequestId}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string requestId);
}
