using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.Notifications;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.Notifications;

/// <summary>An email template: the wording in use, whether it is the built-in default, and the placeholders it may contain.</summary>
public sealed record EmailTemplateDto(
    string EventType, string Description, string Subject, string Body, bool IsDefault, IReadOnlyList<string> Placeholders, string DefaultSubject, string DefaultBody);

/// <summary>New wording for an email. Placeholders are written {{name}}, from the template's list.</summary>
public sealed record SaveEmailTemplateRequest(string Subject, string Body);

/// <summary>Administration of the emails Workdesk sends.</summary>
public static class EmailTemplateEndpoints
{
    public static void MapEmailTemplateEndpoints(this IEndpointRouteBuilder api)
    {
        var templates = api.MapGroup("/email-templates").WithTags("Notifications").RequireAuthorization().RequireRole(RoleRequirement.Administrators);
        templates.MapGet("/", List).WithName("ListEmailTemplates").WithSummary("Lists every email event with the wording in use and its placeholders.");
        templates.MapGet("/{eventType}", Get).WithName("GetEmailTemplate").WithSummary("Returns the email template of one event.");
        templates.MapPut("/{eventType}", Save).WithName("SaveEmailTemplate")
            .WithSummary("Replaces the wording of one email; an unknown or malformed placeholder is rejected with 400.");
        templates.MapDelete("/{eventType}", Reset).WithName("ResetEmailTemplate").WithSummary("Goes back to the built-in wording of one email.");
    }

    private static async Task<IResult> List(WorkdeskDbContext db, CancellationToken ct)
    {
        var saved = await db.EmailTemplates.AsNoTracking().ToDictionaryAsync(t => t.EventType, StringComparer.Ordinal, ct);
        return Results.Ok(TemplateCatalog.All.Select(d => ToDto(d, saved.GetValueOrDefault(d.EventType))).ToList());
    }

    private static async Task<IResult> Get(string eventType, WorkdeskDbContext db, CancellationToken ct)
    {
        var definition = TemplateCatalog.Find(eventType);
        if (definition is null)
        {
            return UnknownEvent(eventType);
        }

        var saved = await db.EmailTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.EventType == eventType, ct);
        return Results.Ok(ToDto(definition, saved));
    }

    private static async Task<IResult> Save(string eventType, SaveEmailTemplateRequest request, WorkdeskDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var definition = TemplateCatalog.Find(eventType);
        if (definition is null)
        {
            return UnknownEvent(eventType);
        }

        var error = EmailTemplates.Validate(definition, request.Subject, request.Body);
        if (error is not null)
        {
            return error.ToProblem();
        }

        var template = await db.EmailTemplates.SingleOrDefaultAsync(t => t.EventType == eventType, ct);
        if (template is null)
        {
            template = new EmailTemplate { EventType = eventType, Subject = "", Body = "" };
            db.EmailTemplates.Add(template);
        }

        template.Subject = request.Subject.Trim();
        template.Body = request.Body;
        template.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return Results.Ok(ToDto(definition, template));
    }

    private static async Task<IResult> Reset(string eventType, WorkdeskDbContext db, CancellationToken ct)
    {
        var definition = TemplateCatalog.Find(eventType);
        if (definition is null)
        {
            return UnknownEvent(eventType);
        }

        await db.EmailTemplates.Where(t => t.EventType == eventType).ExecuteDeleteAsync(ct);
        return Results.Ok(ToDto(definition, null));
    }

    private static IResult UnknownEvent(string eventType) =>
        Results.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Not found.",
            detail: $"No email template exists for '{eventType}'. Known events: {string.Join(", ", TemplateCatalog.All.Select(t => t.EventType))}.");

    private static EmailTemplateDto ToDto(TemplateDefinition definition, EmailTemplate? saved) => new(
        definition.EventType, definition.Description, saved?.Subject ?? definition.Subject, saved?.Body ?? definition.Body, saved is null,
        definition.Placeholders, definition.Subject, definition.Body);
}
