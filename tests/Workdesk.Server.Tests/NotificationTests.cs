using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Workdesk.Data;
using Workdesk.Domain.Notifications;
using Workdesk.Domain.People;
using Workdesk.Server.Features.Notifications;
using Workdesk.Server.Infrastructure;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests;

/// <summary>In-app notifications, per-user channels, the daily digest and editable email templates.</summary>
public abstract class NotificationTests(WorkdeskApp app)
{
    private async Task NotifyAsync(string eventType, string title, params long[] userIds)
    {
        using var scope = app.Services.CreateScope();
        var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
        await notifier.NotifyAsync(userIds, new NotificationMessage(eventType, new Dictionary<string, string?>
        {
            ["workOrderNumber"] = "WO-1", ["title"] = title, ["target"] = "resolution", ["dueAt"] = "2030-03-05 16:00 UTC", ["rule"] = "Test rule", ["link"] = "https://workdesk.example.test/work-orders/1",
        }, WorkOrderId: null), CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>().SaveChangesAsync();
    }

    private Task<int> RunDigestAsync() =>
        new DigestJob(app.Services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System, NullLogger<DigestJob>.Instance)
            .SendDigestsAsync(CancellationToken.None);

    private static async Task<ListPage<NotificationDto>> ListAsync(TestUser user, string query = "") =>
        await (await user.Client.GetAsync("/api/v1/notifications" + query)).ReadAsync<ListPage<NotificationDto>>();

    private static async Task<int> UnreadAsync(TestUser user) =>
        (await (await user.Client.GetAsync("/api/v1/notifications/unread-count")).ReadAsync<UnreadCountResponse>()).Count;

    private static Task<HttpResponseMessage> SetChannelAsync(TestUser user, string eventType, string channel) =>
        user.Client.PutAsJsonAsync("/api/v1/notification-preferences", new { channels = new Dictionary<string, string> { [eventType] = channel } }, HttpExtensions.Json);

    private IEnumerable<string> MessagesTo(string email) =>
        app.Smtp.Messages.Where(m => m.Contains(email, StringComparison.Ordinal));

    [Fact]
    public async Task List_NewestFirstWithUnreadCount()
    {
        var technician = await app.CreateUserAsync(Role.Technician);
        await SetChannelAsync(technician, NotificationEvents.SlaAtRisk, "in_app");

        await NotifyAsync(NotificationEvents.SlaAtRisk, "First", technician.Id);
        await NotifyAsync(NotificationEvents.SlaAtRisk, "Second", technician.Id);
        var page = await ListAsync(technician);

        Assert.Equal(2, page.TotalCount);
        Assert.Equal("[WO-1] At risk: Second", page.Items[0].Title);
        Assert.Equal("[WO-1] At risk: First", page.Items[1].Title);
        Assert.Equal(2, await UnreadAsync(technician));
    }

    [Fact]
    public async Task MarkRead_OneThenAll()
    {
        var technician = await app.CreateUserAsync(Role.Technician);
        await NotifyAsync(NotificationEvents.SlaBreached, "One", technician.Id);
        await NotifyAsync(NotificationEvents.SlaBreached, "Two", technician.Id);
        await NotifyAsync(NotificationEvents.SlaBreached, "Three", technician.Id);
        var items = (await ListAsync(technician)).Items;

        var first = await technician.Client.PostAsync($"/api/v1/notifications/{items[0].Id}/read", null);
        var again = await technician.Client.PostAsync($"/api/v1/notifications/{items[0].Id}/read", null);
        var unreadAfterOne = await UnreadAsync(technician);
        var unreadOnly = await ListAsync(technician, "?unreadOnly=true");
        var all = await (await technician.Client.PostAsync("/api/v1/notifications/read-all", null)).ReadAsync<MarkedReadResponse>();

        await first.ShouldBeAsync(HttpStatusCode.NoContent);
        await again.ShouldBeAsync(HttpStatusCode.NoContent);
        Assert.Equal(2, unreadAfterOne);
        Assert.Equal(2, unreadOnly.TotalCount);
        Assert.Equal(2, all.Marked);
        Assert.Equal(0, await UnreadAsync(technician));
    }

    [Fact]
    public async Task MarkRead_OtherUsersNotification_NotFound()
    {
        var owner = await app.CreateUserAsync(Role.Technician);
        var other = await app.CreateUserAsync(Role.Technician);
        await NotifyAsync(NotificationEvents.SlaBreached, "Private", owner.Id);
        var item = (await ListAsync(owner)).Items.Single();

        var response = await other.Client.PostAsync($"/api/v1/notifications/{item.Id}/read", null);

        await response.ShouldBeAsync(HttpStatusCode.NotFound);
        Assert.Equal(1, await UnreadAsync(owner));
        Assert.Equal(0, (await ListAsync(other)).TotalCount);
    }

    [Fact]
    public async Task Requester_CannotListNotifications()
    {
        var requester = await app.CreateUserAsync(Role.Requester);

        var response = await requester.Client.GetAsync("/api/v1/notifications");

        await response.ShouldBeAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Preference_Off_StoresNothing()
    {
        var technician = await app.CreateUserAsync(Role.Technician);
        var saved = await SetChannelAsync(technician, NotificationEvents.SlaAtRisk, "off");

        await NotifyAsync(NotificationEvents.SlaAtRisk, "Silenced", technician.Id);
        var preferences = await (await technician.Client.GetAsync("/api/v1/notification-preferences")).ReadAsync<List<NotificationPreferenceDto>>();

        await saved.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(0, (await ListAsync(technician)).TotalCount);
        var atRisk = Assert.Single(preferences, p => p.EventType == NotificationEvents.SlaAtRisk);
        Assert.Equal(NotificationChannel.Off, atRisk.Channel);
        Assert.False(atRisk.IsDefault);
        Assert.True(Assert.Single(preferences, p => p.EventType == NotificationEvents.SlaBreached).IsDefault);
    }

    [Theory]
    [InlineData("""{"channels":{"sla.unknown":"email"}}""")]
    [InlineData("""{"channels":{}}""")]
    [InlineData("""{"channels":{"sla.at_risk":"pigeon"}}""")]
    public async Task Preference_Invalid_IsRejected(string body)
    {
        var technician = await app.CreateUserAsync(Role.Technician);

        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        var response = await technician.Client.PutAsync("/api/v1/notification-preferences", content);
        var preferences = await (await technician.Client.GetAsync("/api/v1/notification-preferences")).ReadAsync<List<NotificationPreferenceDto>>();

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.All(preferences, p => Assert.True(p.IsDefault));
    }

    [Fact]
    public async Task EmailChannel_SendsRealMail()
    {
        var technician = await app.CreateUserAsync(Role.Technician);
        await SetChannelAsync(technician, NotificationEvents.SlaBreached, "email");

        await NotifyAsync(NotificationEvents.SlaBreached, "Boiler down", technician.Id);
        await app.DeliverEmailsAsync();
        var mail = Assert.Single(MessagesTo(technician.Email));

        Assert.Contains("[WO-1] Overdue: Boiler down", mail, StringComparison.Ordinal);
        Assert.Contains("Auto-Submitted: auto-replied", mail, StringComparison.Ordinal);
        Assert.Equal(1, (await ListAsync(technician)).TotalCount);
    }

    [Fact]
    public async Task Digest_SendsOneMailOnce()
    {
        var technician = await app.CreateUserAsync(Role.Technician);
        await SetChannelAsync(technician, NotificationEvents.SlaAtRisk, "digest");
        await NotifyAsync(NotificationEvents.SlaAtRisk, "Fan noise", technician.Id);
        await NotifyAsync(NotificationEvents.SlaAtRisk, "Dripping tap", technician.Id);

        await Task.WhenAll(RunDigestAsync(), RunDigestAsync());
        await RunDigestAsync();
        await app.DeliverEmailsAsync();
        var mails = MessagesTo(technician.Email).ToList();

        var mail = Assert.Single(mails);
        Assert.Contains("Workdesk digest: 2 notifications", mail, StringComparison.Ordinal);
        Assert.Contains("[WO-1] At risk: Fan noise", mail, StringComparison.Ordinal);
        Assert.Contains("[WO-1] At risk: Dripping tap", mail, StringComparison.Ordinal);
        Assert.Equal(2, (await ListAsync(technician)).TotalCount);
    }

    [Theory]
    [InlineData("Hello {{titel}}", "Body", "subject")]
    [InlineData("Hello", "Link: {{statusLink}} {{secret}}", "body")]
    [InlineData("Hello {{title", "Body", "subject")]
    [InlineData("", "Body", "subject")]
    [InlineData("Two\nlines", "Body", "subject")]
    [InlineData("Hello", "", "body")]
    public async Task Template_Invalid_NamesFieldAndKeepsDefault(string subject, string body, string field)
    {
        var admin = await app.CreateAdminAsync();

        var response = await admin.Client.PutAsJsonAsync($"/api/v1/email-templates/{TemplateCatalog.RequestReceived}", new { subject, body }, HttpExtensions.Json);
        var template = await (await admin.Client.GetAsync($"/api/v1/email-templates/{TemplateCatalog.RequestReceived}")).ReadAsync<EmailTemplateDto>();

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.True((await response.ReadObjectAsync())["errors"]!.AsObject().ContainsKey(field), $"The problem does not name {field}.");
        Assert.True(template.IsDefault);
    }

    [Fact]
    public async Task Template_UnknownPlaceholder_ListsAllowed()
    {
        var admin = await app.CreateAdminAsync();

        var response = await admin.Client.PutAsJsonAsync($"/api/v1/email-templates/{TemplateCatalog.RequestDeclined}", new { subject = "No", body = "{{because}}" }, HttpExtensions.Json);
        var problem = await response.ReadObjectAsync();

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.Contains("{{because}}", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Contains("{{reason}}", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Template_SavedIsUsedUntilReset()
    {
        var admin = await app.CreateAdminAsync();
        var saved = await admin.Client.PutAsJsonAsync($"/api/v1/email-templates/{NotificationEvents.SlaBreached}", new
        {
            subject = "LATE {{ workOrderNumber }}: {{title}}", body = "Rule {{rule}} says {{title}} is late.",
        }, HttpExtensions.Json);
        var technician = await app.CreateUserAsync(Role.Technician);
        await SetChannelAsync(technician, NotificationEvents.SlaBreached, "in_app");

        await NotifyAsync(NotificationEvents.SlaBreached, "Roof leak", technician.Id);
        var reset = await admin.Client.DeleteAsync($"/api/v1/email-templates/{NotificationEvents.SlaBreached}");
        await NotifyAsync(NotificationEvents.SlaBreached, "Roof leak again", technician.Id);
        var items = (await ListAsync(technician)).Items;

        await saved.ShouldBeAsync(HttpStatusCode.OK);
        await reset.ShouldBeAsync(HttpStatusCode.OK);
        Assert.True((await reset.ReadAsync<EmailTemplateDto>()).IsDefault);
        Assert.Equal("LATE WO-1: Roof leak", items[1].Title);
        Assert.Equal("Rule Test rule says Roof leak is late.", items[1].Body);
        Assert.Equal("[WO-1] Overdue: Roof leak again", items[0].Title);
    }

    [Fact]
    public async Task Template_UnknownEvent_NotFound()
    {
        var admin = await app.CreateAdminAsync();

        var response = await admin.Client.PutAsJsonAsync("/api/v1/email-templates/request.lost", new { subject = "A", body = "B" }, HttpExtensions.Json);

        await response.ShouldBeAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Template_Dispatcher_IsForbidden()
    {
        var dispatcher = await app.CreateUserAsync(Role.Dispatcher);

        var response = await dispatcher.Client.GetAsync("/api/v1/email-templates");

        await response.ShouldBeAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Template_ListsEveryEventWithDefaults()
    {
        var admin = await app.CreateAdminAsync();

        var templates = await (await admin.Client.GetAsync("/api/v1/email-templates")).ReadAsync<List<EmailTemplateDto>>();

        Assert.Equal(TemplateCatalog.All.Select(t => t.EventType).Order(), templates.Select(t => t.EventType).Order());
        Assert.All(templates, t => Assert.NotEmpty(t.Placeholders));
    }
}

public sealed class NotificationSqliteTests(SqliteApp app) : NotificationTests(app), IClassFixture<SqliteApp>;

public sealed class NotificationPostgresTests(PostgresApp app) : NotificationTests(app), IClassFixture<PostgresApp>;
