using Serilog.Events;

namespace Workdesk.Server.Hosting;

/// <summary>
/// Levels of the one log line written for each HTTP request. Server errors are errors, slow
/// requests warnings and client errors information, so all three appear with the default settings.
/// A fast successful request is logged at Debug: at thousands of requests a second, writing a line
/// for each took about a fifth of the server's CPU time for reading a work order.
/// </summary>
internal static class RequestLogLevels
{
    /// <summary>A request that takes longer than this is logged as a warning.</summary>
    public const double SlowMilliseconds = 1000;

    /// <summary>Returns the level of a finished request's log line.</summary>
    public static LogEventLevel For(HttpContext context, double elapsedMilliseconds, Exception? exception)
    {
        if (exception is not null || context.Response.StatusCode >= 500)
        {
            return LogEventLevel.Error;
        }

        if (elapsedMilliseconds > SlowMilliseconds)
        {
            return LogEventLevel.Warning;
        }

        return context.Response.StatusCode >= 400 ? LogEventLevel.Information : LogEventLevel.Debug;
    }
}
