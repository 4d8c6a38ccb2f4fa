using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workdesk.Data;
using Workdesk.Domain.Approvals;
using Workdesk.Domain.People;
using Workdesk.Domain.Procedures;
using Workdesk.Domain.ServiceLevels;
using Workdesk.Server.Infrastructure;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests;

/// <summary>
/// The in-memory copy of reference data that creates read. It must follow every committed change,
/// made by any process, and never keep a change that was rolled back.
/// </summary>
public abstract class ReferenceDataTests(WorkdeskApp app)
{
    private static string NewTag() => Guid.NewGuid().ToString("N")[..8];

    private async Task<long> ReadVersionAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();
        return await db.ReferenceDataVersions.Where(v => v.Id == ReferenceDataVersion.RowId).Select(v => v.Value).SingleAsync();
    }

    [Fact]
    public async Task Create_SeesPolicyWrittenOutsideServer()
    {
        app.SkipIfUnavailable();
        var admin = await app.CreateAdminAsync();
        var category = NewTag();
        var before = await admin.WorkOrderAsync(new { title = "Before the policy", category });
        Assert.Null(before.Sla);

        // A separate context without the server's services, as another server node or the CLI would write.
        await using (var other = DatabaseSetup.CreateContext(app.Services.GetRequiredService<DatabaseSettings>()))
        {
            other.SlaPolicies.Add(new SlaPolicy { Name = "Outside " + category, Rank = 1, Category = category, ResolutionMinutes = 120 });
            await other.SaveChangesAsync();
        }

        var after = await admin.WorkOrderAsync(new { title = "After the policy", category });

        Assert.NotNull(after.Sla);
        Assert.Equal("Outside " + category, after.Sla.PolicyName);
    }

    [Fact]
    public async Task Version_RisesOnPlainSqlChanges()
    {
        app.SkipIfUnavailable();
        var name = "Plain SQL " + NewTag();
        await using var other = DatabaseSetup.CreateContext(app.Services.GetRequiredService<DatabaseSettings>());

        var start = await ReadVersionAsync();
        other.SlaPolicies.Add(new SlaPolicy { Name = name, Rank = 50, Category = name, ResolutionMinutes = 60, IsActive = false });
        await other.SaveChangesAsync();
        var afterInsert = await ReadVersionAsync();
        await other.SlaPolicies.Where(p => p.Name == name).ExecuteUpdateAsync(s => s.SetProperty(p => p.Rank, 51));
        var afterUpdate = await ReadVersionAsync();
        await other.SlaPolicies.Where(p => p.Name == name).ExecuteDeleteAsync();
        var afterDelete = await ReadVersionAsync();

        Assert.True(afterInsert > start, $"An insert left the version at {afterInsert}.");
        Assert.True(afterUpdate > afterInsert, $"An update left the version at {afterUpdate}.");
        Assert.True(afterDelete > afterUpdate, $"A delete left the version at {afterDelete}.");
    }

    [Fact]
    public async Task Create_StopsQueuingForDeletedWebhook()
    {
        app.SkipIfUnavailable();
        var admin = await app.CreateAdminAsync();
        var subscribed = await admin.Client.PostJsonAsync("/api/v1/webhooks", new
        {
            name = "Receiver " + NewTag(), url = "http://127.0.0.1:9/hook", eventTypes = new[] { "work_order.created" },
        });
        await subscribed.ShouldBeAsync(HttpStatusCode.Created);
        var subscriptionId = (await subscribed.ReadAsync<Features.Webhooks.WebhookResponse>()).Id;
        await admin.WorkOrderAsync(new { title = "While subscribed" });

        await (await admin.Client.DeleteAsync($"/api/v1/webhooks/{subscriptionId}")).ShouldBeAsync(HttpStatusCode.NoContent);
        await admin.WorkOrderAsync(new { title = "After unsubscribing" });

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();
        Assert.Equal(0, await db.WebhookDeliveries.CountAsync(d => d.SubscriptionId == subscriptionId));
    }

    [Fact]
    public async Task Token_RevokedWithSqlFailsAtOnce()
    {
        app.SkipIfUnavailable();
        var dispatcher = await app.CreateUserAsync(Role.Dispatcher);
        await (await dispatcher.Client.GetAsync("/api/v1/me")).ShouldBeAsync(HttpStatusCode.OK);

        await using (var other = DatabaseSetup.CreateContext(app.Services.GetRequiredService<DatabaseSettings>()))
        {
            await other.ApiTokens.Where(t => t.UserId == dispatcher.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, DateTimeOffset.UtcNow));
        }

        await (await dispatcher.Client.GetAsync("/api/v1/me")).ShouldBeAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task User_RoleChangeAppliesAtOnce()
    {
        app.SkipIfUnavailable();
        var admin = await app.CreateAdminAsync();
        var dispatcher = await app.CreateUserAsync(Role.Dispatcher);
        await (await dispatcher.Client.GetAsync("/api/v1/users")).ShouldBeAsync(HttpStatusCode.OK);

        var user = await admin.Client.GetAsync($"/api/v1/users/{dispatcher.Id}");
        var patch = await admin.Client.PatchJsonAsync($"/api/v1/users/{dispatcher.Id}", """{"role":"requester"}""", user.ETag());
        await patch.ShouldBeAsync(HttpStatusCode.OK);

        await (await dispatcher.Client.GetAsync("/api/v1/users")).ShouldBeAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task User_DeactivatedWithSqlIsSignedOut()
    {
        app.SkipIfUnavailable();
        var dispatcher = await app.CreateUserAsync(Role.Dispatcher);
        await (await dispatcher.Client.GetAsync("/api/v1/me")).ShouldBeAsync(HttpStatusCode.OK);

        await using (var other = DatabaseSetup.CreateContext(app.Services.GetRequiredService<DatabaseSettings>()))
        {
            await other.Users.Where(u => u.Id == dispatcher.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false));
        }

        await (await dispatcher.Client.GetAsync("/api/v1/me")).ShouldBeAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Cache_KeepsNoRolledBackRule()
    {
        app.SkipIfUnavailable();
        var rolledBack = "Rolled back " + NewTag();
        var committed = "Committed " + NewTag();

        // Inactive rules, so the other tests' work orders open no approvals.
        static ApprovalRule Rule(string name) =>
            new() { Name = name, IsActive = false, Steps = "[]", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
        static Task<List<ApprovalRule>> LoadRules(WorkdeskDbContext db, CancellationToken ct) =>
            db.ApprovalRules.AsNoTracking().ToListAsync(ct);

        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();
            var reference = scope.ServiceProvider.GetRequiredService<ReferenceData>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.ApprovalRules.Add(Rule(rolledBack));
            await db.SaveChangesAsync();

            var inTransaction = await reference.GetAsync("test-approval-rules", LoadRules, CancellationToken.None);
            Assert.Contains(inTransaction, r => r.Name == rolledBack);
            await transaction.RollbackAsync();
        }

        // One committed insert brings the version to the number the rolled-back insert had reached.
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();
            db.ApprovalRules.Add(Rule(committed));
            await db.SaveChangesAsync();
        }

        using (var scope = app.Services.CreateScope())
        {
            var reference = scope.ServiceProvider.GetRequiredService<ReferenceData>();
            var rules = await reference.GetAsync("test-approval-rules", LoadRules, CancellationToken.None);
            Assert.DoesNotContain(rules, r => r.Name == rolledBack);
            Assert.Contains(rules, r => r.Name == committed);
        }
    }

    [Fact]
    public async Task Cache_KeepsNoRolledBackTemplateLink()
    {
        app.SkipIfUnavailable();

        // Types no work order has, so the other tests' creates attach no procedures.
        var rolledBack = "rolled-back-" + NewTag();
        var committed = "committed-" + NewTag();
        static Task<List<ProcedureLink>> LoadLinks(WorkdeskDbContext db, CancellationToken ct) =>
            db.ProcedureLinks.AsNoTracking().ToListAsync(ct);

        long templateId;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();
            var template = new ProcedureTemplate { Name = "Template " + NewTag(), Definition = """{"steps":[]}""", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
            db.ProcedureTemplates.Add(template);
            await db.SaveChangesAsync();
            templateId = template.Id;
        }

        // The link is added only through the tracked template's navigation, so EF Core starts
        // tracking it during the save's change detection.
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();
            var reference = scope.ServiceProvider.GetRequiredService<ReferenceData>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var template = await db.ProcedureTemplates.SingleAsync(t => t.Id == templateId);
            template.Links.Add(new ProcedureLink { WorkOrderType = rolledBack });
            await db.SaveChangesAsync();

            var inTransaction = await reference.GetAsync("test-procedure-links", LoadLinks, CancellationToken.None);
            Assert.Contains(inTransaction, l => l.WorkOrderType == rolledBack);
            await transaction.RollbackAsync();
        }

        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>();
            db.ProcedureLinks.Add(new ProcedureLink { TemplateId = templateId, WorkOrderType = committed });
            await db.SaveChangesAsync();
        }

        using (var scope = app.Services.CreateScope())
        {
            var reference = scope.ServiceProvider.GetRequiredService<ReferenceData>();
            var links = await reference.GetAsync("test-procedure-links", LoadLinks, CancellationToken.None);
            Assert.DoesNotContain(links, l => l.WorkOrderType == rolledBack);
            Assert.Contains(links, l => l.WorkOrderType == committed);
        }
    }
}

public sealed class ReferenceDataSqliteTests(SqliteApp app) : ReferenceDataTests(app), IClassFixture<SqliteApp>;

public sealed class ReferenceDataPostgresTests(PostgresApp app) : ReferenceDataTests(app), IClassFixture<PostgresApp>;
