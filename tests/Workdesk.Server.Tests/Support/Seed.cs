using System.Net;
using Workdesk.Server.Features.People;
using Workdesk.Server.Features.Places;
using Workdesk.Server.Features.WorkOrders;

namespace Workdesk.Server.Tests.Support;

/// <summary>Creates records through the API, failing the test with the response body when a call fails.</summary>
public static class Seed
{
    public static async Task<LocationResponse> LocationAsync(this TestUser user, string name, long? parentId = null)
    {
        var response = await user.Client.PostJsonAsync("/api/v1/locations", new { name, parentId });
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return await response.ReadAsync<LocationResponse>();
    }

    public static async Task<WorkOrderResponse> WorkOrderAsync(this TestUser user, object body)
    {
        var response = await user.Client.PostJsonAsync("/api/v1/work-orders", body);
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return await response.ReadAsync<WorkOrderResponse>();
    }

    public static async Task<VendorResponse> VendorAsync(this TestUser user, string name)
    {
        var response = await user.Client.PostJsonAsync("/api/v1/vendors", new { name });
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return await response.ReadAsync<VendorResponse>();
    }
}
