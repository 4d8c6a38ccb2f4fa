using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workdesk.Server.Infrastructure;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests;

/// <summary>
/// A request whose write waited out SQLite's busy timeout, as during a large import from the
/// command line, gets a 503 with Retry-After instead of an unexpected error.
/// </summary>
public sealed class DatabaseBusyTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private async Task<(int Status, string? RetryAfter, JsonElement Body)> HandleAsync(Exception exception)
    {
        using var scope = app.Services.CreateScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Response.Body = new MemoryStream();
        var handler = new UnexpectedErrorHandler(
            scope.ServiceProvider.GetRequiredService<IProblemDetailsService>(),
            scope.ServiceProvider.GetRequiredService<ILogger<UnexpectedErrorHandler>>());

        Assert.True(await handler.TryHandleAsync(context, exception, CancellationToken.None));

        context.Response.Body.Position = 0;
        var body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Response.Body);
        return (context.Response.StatusCode, context.Response.Headers.RetryAfter.FirstOrDefault(), body);
    }

    [Fact]
    public async Task BusyDatabase_Returns503WithRetryAfter()
    {
        var (status, retryAfter, body) = await HandleAsync(new SqliteException("SQLite Error 5: 'database is locked'.", 5));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        Assert.Equal("5", retryAfter);
        Assert.Equal("The database is busy.", body.GetProperty("title").GetString());
        Assert.Contains("Try again in 5 seconds", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LockedTableInsideSave_Returns503()
    {
        var save = new DbUpdateException("An error occurred while saving the entity changes.", new SqliteException("SQLite Error 6: 'database table is locked'.", 6));

        var (status, retryAfter, _) = await HandleAsync(save);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        Assert.Equal("5", retryAfter);
    }

    [Fact]
    public async Task OtherSqliteError_Returns500()
    {
        var (status, retryAfter, body) = await HandleAsync(new SqliteException("SQLite Error 19: 'UNIQUE constraint failed'.", 19));

        Assert.Equal(StatusCodes.Status500InternalServerError, status);
        Assert.Null(retryAfter);
        Assert.Equal("An unexpected error occurred.", body.GetProperty("title").GetString());
    }
}
