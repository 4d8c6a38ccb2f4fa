using System.Net;
using System.Text.RegularExpressions;
using Workdesk.Domain.People;
using Workdesk.Server.Features.People;
using Workdesk.Server.Features.Places;
using Workdesk.Server.Features.Requests;
using Workdesk.Server.Features.Surveys;
using Workdesk.Server.Infrastructure;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests;

/// <summary>The satisfaction survey: its link in the completion email, the public answer page and the report.</summary>
public abstract partial class SurveyTests(WorkdeskApp app)
{
    /// <summary>Records a request with a contact email at the place, approves it, completes its work order and returns the survey token from the email.</summary>
    private async Task<string> CompleteRequestAsync(TestUser admin, LocationResponse room, long? teamId = null)
    {
        var email = $"survey-{Guid.NewGuid():N}@example.test";
        var submitted = await admin.Client.PostJsonAsync("/api/v1/requests", new
        {
            title = "Light flickers " + Guid.NewGuid().ToString("N")[..6], locationId = room.Id, contactEmail = email,
        });
        await submitted.ShouldBeAsync(HttpStatusCode.Created);
        var request = await submitted.ReadAsync<WorkRequestResponse>();
        var approved = await (await admin.Client.PostJsonAsync($"/api/v1/requests/{request.Id}/approve", new { })).ReadAsync<ApproveResponse>();
        var workOrder = approved.WorkOrders.Single();
        var etag = ETags.For(workOrder.Id, workOrder.Version);
        if (teamId is { } team)
        {
            var assigned = await admin.Client.PatchJsonAsync($"/api/v1/work-orders/{workOrder.Id}", $$"""{"assigneeTeamIds":[{{team}}]}""", etag);
            await assigned.ShouldBeAsync(HttpStatusCode.OK);
            etag = assigned.ETag();
        }

        var started = await admin.Client.PostJsonAsync($"/api/v1/work-orders/{workOrder.Id}/status", new { status = "in_progress" }, ifMatch: etag);
        var completed = await admin.Client.PostJsonAsync($"/api/v1/work-orders/{workOrder.Id}/status", new { status = "completed", customFields = new { failure_problem = "not_working", failure_cause = "wear", failure_remedy = "repaired" } }, ifMatch: started.ETag());
        await completed.ShouldBeAsync(HttpStatusCode.OK);
        await app.DeliverEmailsAsync();
        var mail = app.Smtp.Messages.Last(m => m.Contains(email, StringComparison.Ordinal) && m.Contains("Done:", StringComparison.Ordinal));
        return SurveyLink().Match(mail).Groups["token"].Value;
    }

    private static Task<HttpResponseMessage> AnswerAsync(HttpClient client, string token, object body) =>
        client.PostJsonAsync($"/api/v1/public/surveys/{token}", body);

    [GeneratedRegex(@"https://workdesk\.example\.test/survey/(?<token>[A-Za-z0-9]+)")]
    private static partial Regex SurveyLink();

    [Fact]
    public async Task CompletionMail_LinksSurveyAnsweredOnce()
    {
        var admin = await app.CreateAdminAsync();
        var room = await admin.LocationAsync("Office " + Guid.NewGuid().ToString("N")[..6]);
        var token = await CompleteRequestAsync(admin, room);
        var anonymous = app.CreateClient();

        var before = await (await anonymous.GetAsync($"/api/v1/public/surveys/{token}")).ReadAsync<PublicSurveyResponse>();
        var first = await AnswerAsync(anonymous, token, new { rating = 4, comment = "Quick and tidy" });
        var second = await AnswerAsync(anonymous, token, new { rating = 1 });
        var after = await (await anonymous.GetAsync($"/api/v1/public/surveys/{token}")).ReadAsync<PublicSurveyResponse>();

        Assert.NotEmpty(token);
        Assert.False(before.Answered);
        await first.ShouldBeAsync(HttpStatusCode.OK);
        await second.ShouldBeAsync(HttpStatusCode.Conflict);
        Assert.True(after.Answered);
        Assert.Equal(4, after.Rating);
        Assert.Equal("Quick and tidy", after.Comment);
    }

    [Theory]
    [InlineData(0, null, "rating")]
    [InlineData(6, null, "rating")]
    [InlineData(3, 2001, "comment")]
    public async Task Answer_Invalid_ChangesNothing(int rating, int? commentLength, string field)
    {
        var admin = await app.CreateAdminAsync();
        var room = await admin.LocationAsync("Hall " + Guid.NewGuid().ToString("N")[..6]);
        var token = await CompleteRequestAsync(admin, room);
        var anonymous = app.CreateClient();

        var response = await AnswerAsync(anonymous, token, new { rating, comment = commentLength is { } length ? new string('x', length) : null });
        var survey = await (await anonymous.GetAsync($"/api/v1/public/surveys/{token}")).ReadAsync<PublicSurveyResponse>();

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.True((await response.ReadObjectAsync())["errors"]!.AsObject().ContainsKey(field), $"The problem does not name {field}.");
        Assert.False(survey.Answered);
    }

    [Fact]
    public async Task UnknownToken_NotFound()
    {
        var anonymous = app.CreateClient();

        var read = await anonymous.GetAsync("/api/v1/public/surveys/nosuchsurveytoken");
        var answer = await AnswerAsync(anonymous, "nosuchsurveytoken", new { rating = 5 });

        await read.ShouldBeAsync(HttpStatusCode.NotFound);
        await answer.ShouldBeAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Report_GroupsBySiteTeamAndMonth()
    {
        var admin = await app.CreateAdminAsync();
        var site = await admin.LocationAsync("Campus " + Guid.NewGuid().ToString("N")[..6]);
        var room = await admin.LocationAsync("Room 1", site.Id);
        var teamResponse = await admin.Client.PostJsonAsync("/api/v1/teams", new { name = "Electricians " + Guid.NewGuid().ToString("N")[..6] });
        var team = await teamResponse.ReadAsync<TeamResponse>();
        var anonymous = app.CreateClient();
        await (await AnswerAsync(anonymous, await CompleteRequestAsync(admin, room, team.Id), new { rating = 5 })).ShouldBeAsync(HttpStatusCode.OK);
        await (await AnswerAsync(anonymous, await CompleteRequestAsync(admin, room, team.Id), new { rating = 2 })).ShouldBeAsync(HttpStatusCode.OK);
        await CompleteRequestAsync(admin, room, team.Id);

        var bySite = await (await admin.Client.GetAsync("/api/v1/reports/satisfaction?groupBy=site")).ReadAsync<SatisfactionReportResponse>();
        var byTeam = await (await admin.Client.GetAsync("/api/v1/reports/satisfaction?groupBy=team")).ReadAsync<SatisfactionReportResponse>();
        var byMonth = await (await admin.Client.GetAsync("/api/v1/reports/satisfaction?groupBy=month")).ReadAsync<SatisfactionReportResponse>();

        var siteGroup = Assert.Single(bySite.Groups, g => g.Key == site.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2, siteGroup.Count);
        Assert.Equal(3.5, siteGroup.Average);
        Assert.Equal(site.Name, siteGroup.Label);
        var teamGroup = Assert.Single(byTeam.Groups, g => g.Key == team.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2, teamGroup.Count);
        Assert.Equal(team.Name, teamGroup.Label);
        var month = DateTimeOffset.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Assert.Single(byMonth.Groups, g => g.Key == month).Count >= 2);
    }

    [Theory]
    [InlineData("?groupBy=vendor", "groupBy")]
    [InlineData("?from=2026-05-01T00:00:00Z&to=2026-04-01T00:00:00Z", "from")]
    public async Task Report_InvalidQuery_NamesField(string query, string field)
    {
        var admin = await app.CreateAdminAsync();

        var response = await admin.Client.GetAsync("/api/v1/reports/satisfaction" + query);

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.True((await response.ReadObjectAsync())["errors"]!.AsObject().ContainsKey(field), $"The problem does not name {field}.");
    }

    [Fact]
    public async Task Report_Technician_IsForbidden()
    {
        var technician = await app.CreateUserAsync(Role.Technician);

        var response = await technician.Client.GetAsync("/api/v1/reports/satisfaction");

        await response.ShouldBeAsync(HttpStatusCode.Forbidden);
    }
}

public sealed class SurveySqliteTests(SqliteApp app) : SurveyTests(app), IClassFixture<SqliteApp>;

public sealed class SurveyPostgresTests(PostgresApp app) : SurveyTests(app), IClassFixture<PostgresApp>;
