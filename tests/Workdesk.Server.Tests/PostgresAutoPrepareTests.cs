using Npgsql;
using Workdesk.Data;

namespace Workdesk.Server.Tests;

public class PostgresAutoPrepareTests
{
    [Fact]
    public void ConnectionString_GetsAutoPrepare()
    {
        var result = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithAutoPrepare("Host=127.0.0.1;Database=workdesk;Username=workdesk"));

        Assert.Equal(100, result.MaxAutoPrepare);
        Assert.Null(result.Options);
        Assert.Equal("workdesk", result.Database);
    }

    [Fact]
    public void GivenOptions_AreKept()
    {
        var result = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithAutoPrepare("Host=127.0.0.1;Options=-c search_path=app"));

        Assert.Equal("-c search_path=app", result.Options);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Max Auto Prepare=0")]
    [InlineData("Host=127.0.0.1;maxautoprepare=20")]
    public void ExplicitSetting_IsKept(string connectionString)
    {
        Assert.Equal(connectionString, DatabaseSetup.WithAutoPrepare(connectionString));
    }
}
