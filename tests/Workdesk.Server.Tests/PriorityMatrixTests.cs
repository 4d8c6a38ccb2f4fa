using System.Net;
using Workdesk.Domain.People;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.Workflows;
using Workdesk.Server.Features.WorkOrders;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests;

/// <summary>The urgency by impact matrix. It is one per database, so this class owns its database's matrix.</summary>
public abstract class PriorityMatrixTests(WorkdeskApp app)
{
    private static object Matrix(Priority highHigh) => new
    {
        cells = from urgency in new[] { "low", "medium", "high" }
                from impact in new[] { "low", "medium", "high" }
                select new { urgency, impact, priority = urgency == "high" && impact == "high" ? StatusNames.ToApi(highHigh) : "low" },
    };

    [Fact]
    public async Task Matrix_ComputesAndCanBeChanged()
    {
        var admin = await app.CreateAdminAsync();
        var dispatcher = await app.CreateUserAsync(Role.Dispatcher);

        var defaults = await (await dispatcher.Client.GetAsync("/api/v1/priority-matrix")).ReadAsync<PriorityMatrixDto>();
        var computed = await admin.WorkOrderAsync(new { title = "Flooded basement", urgency = "high", impact = "high" });
        var plain = await admin.WorkOrderAsync(new { title = "Squeaky hinge", priority = "low" });
        var byDispatcher = await dispatcher.Client.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/api/v1/priority-matrix")
        {
            Content = System.Net.Http.Json.JsonContent.Create(Matrix(Priority.High), options: HttpExtensions.Json),
        });
        var saved = await admin.Client.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/api/v1/priority-matrix")
        {
            Content = System.Net.Http.Json.JsonContent.Create(Matrix(Priority.High), options: HttpExtensions.Json),
        });
        var afterChange = await admin.WorkOrderAsync(new { title = "Flooded car park", urgency = "high", impact = "high" });

        Assert.Equal(9, defaults.Cells.Count);
        Assert.Equal(Priority.Urgent, defaults.Cells.Single(c => c.Urgency == Level.High && c.Impact == Level.High).Priority);
        Assert.Equal(Priority.Urgent, computed.Priority);
        Assert.Equal(Level.High, computed.Urgency);
        Assert.Null(plain.Urgency);
        Assert.Equal(Priority.Low, plain.Priority);
        await byDispatcher.ShouldBeAsync(HttpStatusCode.Forbidden);
        await saved.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(Priority.High, afterChange.Priority);
        var unchanged = await (await admin.Client.GetAsync($"/api/v1/work-orders/{computed.Id}")).ReadAsync<WorkOrderResponse>();
        Assert.Equal(Priority.Urgent, unchanged.Priority);
    }

    [Fact]
    public async Task Matrix_BadInputIsRejected()
    {
        var admin = await app.CreateAdminAsync();

        var incomplete = await admin.Client.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/api/v1/priority-matrix")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { cells = new[] { new { urgency = "low", impact = "low", priority = "low" } } }, options: HttpExtensions.Json),
        });
        var onlyUrgency = await admin.Client.PostJsonAsync("/api/v1/work-orders", new { title = "Half", urgency = "high" });
        var both = await admin.Client.PostJsonAsync("/api/v1/work-orders", new { title = "Both", urgency = "high", impact = "low", priority = "low" });

        await incomplete.ShouldBeAsync(HttpStatusCode.BadRequest);
        await onlyUrgency.ShouldBeAsync(HttpStatusCode.BadRequest);
        await both.ShouldBeAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Patch_UrgencyAndImpactRecompute()
    {
        var admin = await app.CreateAdminAsync();
        var created = await admin.Client.PostJsonAsync("/api/v1/work-orders", new { title = "Leak under sink", priority = "urgent" });
        var id = (await created.ReadAsync<WorkOrderResponse>()).Id;

        var half = await admin.Client.PatchJsonAsync($"/api/v1/work-orders/{id}", """{"urgency":"low"}""", created.ETag());
        var patched = await admin.Client.PatchJsonAsync($"/api/v1/work-orders/{id}", """{"urgency":"low","impact":"low"}""", created.ETag());

        await half.ShouldBeAsync(HttpStatusCode.BadRequest);
        await patched.ShouldBeAsync(HttpStatusCode.OK);
        var body = await patched.ReadAsync<WorkOrderResponse>();
        Assert.Equal(Priority.Low, body.Priority);
        Assert.Equal(Level.Low, body.Impact);
    }
}

public sealed class PriorityMatrixSqliteTests(SqliteApp app) : PriorityMatrixTests(app), IClassFixture<SqliteApp>;

public sealed class PriorityMatrixPostgresTests(PostgresApp app) : PriorityMatrixTests(app), IClassFixture<PostgresApp>;
