using Microsoft.AspNetCore.Http;
using Serilog.Events;
using Workdesk.Server.Hosting;

namespace Workdesk.Server.Tests;

public class RequestLogLevelTests
{
    [Theory]
    [InlineData(200, 3, LogEventLevel.Debug)]
    [InlineData(304, 3, LogEventLevel.Debug)]
    [InlineData(201, 1500, LogEventLevel.Warning)]
    [InlineData(400, 3, LogEventLevel.Information)]
    [InlineData(404, 3, LogEventLevel.Information)]
    [InlineData(412, 1500, LogEventLevel.Warning)]
    [InlineData(500, 3, LogEventLevel.Error)]
    [InlineData(503, 1500, LogEventLevel.Error)]
    public void Level_FollowsStatusAndDuration(int status, double milliseconds, LogEventLevel expected)
    {
        var context = new DefaultHttpContext();
        context.Response.StatusCode = status;

        Assert.Equal(expected, RequestLogLevels.For(context, milliseconds, exception: null));
    }

    [Fact]
    public void Exception_IsError()
    {
        var context = new DefaultHttpContext();

        Assert.Equal(LogEventLevel.Error, RequestLogLevels.For(context, 3, new InvalidOperationException("failed")));
    }
}
