using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workdesk.Domain.People;
using Workdesk.Server.Features.WorkOrders;
using Workdesk.Server.Hosting;
using Workdesk.Server.Infrastructure;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests;

/// <summary>
/// The exact count limit of text searches (Workdesk:Search:ExactCountLimit), set to
/// <see cref="Limit"/> so that a few work orders go past it.
/// </summary>
public abstract class WorkOrderSearchCountTests(WorkdeskApp app)
{
    public const int Limit = 3;

    private static string NewTag() => SearchTag.New('c');

    private static async Task<List<long>> CreateManyAsync(TestUser user, string title, int count, long? requesterId = null)
    {
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            var response = await user.Client.PostJsonAsync("/api/v1/work-orders", new { title, requesterId });
            await response.ShouldBeAsync(HttpStatusCode.Created);
            ids.Add((await response.ReadAsync<WorkOrderResponse>()).Id);
        }

        return ids;
    }

    private static async Task<ListPage<WorkOrderResponse>> ListAsync(TestUser user, string query)
    {
        var response = await user.Client.GetAsync("/api/v1/work-orders?" + query);
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return await response.ReadAsync<ListPage<WorkOrderResponse>>();
    }

    [Fact]
    public async Task Count_BelowLimit_IsExact()
    {
        var admin = await app.CreateAdminAsync();
        var tag = NewTag();
        var ids = await CreateManyAsync(admin, $"Pump seal {tag}", Limit - 1);

        var page = await ListAsync(admin, $"q={tag}");

        Assert.Equal(Limit - 1, page.TotalCount);
        Assert.False(page.TotalCountIsLowerBound);
        Assert.Equal(ids.Order(), page.Items.Select(w => w.Id).Order());
    }

    [Fact]
    public async Task Count_AtLimit_IsExact()
    {
        var admin = await app.CreateAdminAsync();
        var tag = NewTag();
        await CreateManyAsync(admin, $"Pump seal {tag}", Limit);

        var page = await ListAsync(admin, $"q={tag}");

        Assert.Equal(Limit, page.TotalCount);
        Assert.False(page.TotalCountIsLowerBound);
    }

    [Fact]
    public async Task Count_AboveLimit_IsLowerBound()
    {
        var admin = await app.CreateAdminAsync();
        var tag = NewTag();
        var ids = await CreateManyAsync(admin, $"Pump seal {tag}", Limit + 2);

        var page = await ListAsync(admin, $"q={tag}");

        Assert.Equal(Limit, page.TotalCount);
        Assert.True(page.TotalCountIsLowerBound);
        Assert.Equal(ids.Order(), page.Items.Select(w => w.Id).Order());
    }

    [Fact]
    public async Task Count_AboveLimit_PagesPastIt()
    {
        var admin = await app.CreateAdminAsync();
        var tag = NewTag();
        var ids = await CreateManyAsync(admin, $"Pump seal {tag}", Limit + 2);

        var second = await ListAsync(admin, $"q={tag}&sort=id&pageSize={Limit}&page=2");

        Assert.Equal(ids.Skip(Limit), second.Items.Select(w => w.Id));
        Assert.True(second.TotalCountIsLowerBound);
    }

    [Fact]
    public async Task Count_WithOtherFilter_IsLowerBound()
    {
        var admin = await app.CreateAdminAsync();
        var tag = NewTag();
        await CreateManyAsync(admin, $"Pump seal {tag}", Limit + 1);

        var page = await ListAsync(admin, $"q={tag}&status=open");

        Assert.Equal(Limit, page.TotalCount);
        Assert.True(page.TotalCountIsLowerBound);
        Assert.Equal(Limit + 1, page.Items.Count);
    }

    [Fact]
    public async Task Count_RequesterSeesOwnOnly()
    {
        var admin = await app.CreateAdminAsync();
        var requester = await app.CreateUserAsync(Role.Requester);
        var tag = NewTag();
        await CreateManyAsync(admin, $"Pump seal {tag}", Limit + 2);
        var own = await CreateManyAsync(admin, $"Pump seal {tag}", 1, requesterId: requester.Id);

        var page = await ListAsync(requester, $"q={tag}");

        Assert.Equal(1, page.TotalCount);
        Assert.False(page.TotalCountIsLowerBound);
        Assert.Equal(own, page.Items.Select(w => w.Id));
    }

    [Fact]
    public async Task Count_WithoutSearch_IsExact()
    {
        var admin = await app.CreateAdminAsync();
        var tag = NewTag();
        await CreateManyAsync(admin, $"Pump seal {tag}", Limit + 2);

        var page = await ListAsync(admin, "pageSize=1");

        Assert.True(page.TotalCount >= Limit + 2, $"totalCount {page.TotalCount} is below the {Limit + 2} work orders just created.");
        Assert.False(page.TotalCountIsLowerBound);
    }
}

public sealed class SmallSearchCountSqliteApp : SqliteApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Workdesk:Search:ExactCountLimit", WorkOrderSearchCountTests.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed class SmallSearchCountPostgresApp : PostgresApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Workdesk:Search:ExactCountLimit", WorkOrderSearchCountTests.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed class WorkOrderSearchCountSqliteTests(SmallSearchCountSqliteApp app) : WorkOrderSearchCountTests(app), IClassFixture<SmallSearchCountSqliteApp>;

public sealed class WorkOrderSearchCountPostgresTests(SmallSearchCountPostgresApp app) : WorkOrderSearchCountTests(app), IClassFixture<SmallSearchCountPostgresApp>;

/// <summary>A limit below 1 is a configuration error that stops the server from starting.</summary>
public sealed class SearchCountSettingTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public void LimitBelowOne_FailsStartupValidation(string limit)
    {
        // This is the check the host runs before it starts anything. A whole test host that fails
        // to start races with its own disposal when many tests run at once.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Workdesk:Search:ExactCountLimit"] = limit })
            .Build();
        var services = new ServiceCollection();
        WebApp.AddCoreServices(services, configuration);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Workdesk:Search:ExactCountLimit", error.Message, StringComparison.Ordinal);
    }
}
