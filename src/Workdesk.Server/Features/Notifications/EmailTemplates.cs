using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.Notifications;

namespace Workdesk.Server.Features.Notifications;

/// <summary>A rendered email: the subject line and the plain-text body.</summary>
public sealed record RenderedEmail(string Subject, string Body);

/// <summary>
/// Fills in email templates. The administrator's wording is used where one was saved, the
/// built-in default otherwise. Saved templates are read once per request or job scope.
/// </summary>
public sealed partial class EmailTemplates(WorkdeskDbContext db)
{
    public const int MaxSubjectLength = 300;
    public const int MaxBodyLength = 20_000;

    private Dictionary<string, EmailTemplate>? saved;

    /// <summary>Renders the template of the event; a placeholder with no value renders as empty text.</summary>
    public async Task<RenderedEmail> RenderAsync(string eventType, IReadOnlyDictionary<string, string?> values, CancellationToken ct)
    {
        saved ??= await db.EmailTemplates.AsNoTracking().ToDictionaryAsync(t => t.EventType, StringComparer.Ordinal, ct);
        var definition = TemplateCatalog.Find(eventType) ?? throw new ArgumentException($"No email template is defined for the event '{eventType}'.", nameof(eventType));
        var (subject, body) = saved.TryGetValue(eventType, out var custom) ? (custom.Subject, custom.Body) : (definition.Subject, definition.Body);
        var renderedSubject = Fill(subject, values).ReplaceLineEndings(" ").Trim();
        if (renderedSubject.Length > MaxSubjectLength)
        {
            renderedSubject = renderedSubject[..(MaxSubjectLength - 3)] + "...";
        }

        var renderedBody = Fill(body, values);
        if (renderedBody.Length > MaxBodyLength)
        {
            renderedBody = renderedBody[..(MaxBodyLength - 3)] + "...";
        }

        return new RenderedEmail(renderedSubject, renderedBody);
    }

    /// <summary>Checks a template before it is saved: required parts, lengths, and that every placeholder is known.</summary>
    public static Error? Validate(TemplateDefinition definition, string? subject, string? body)
    {
        if (string.IsNullOrWhiteSpace(subject) || subject.Length > MaxSubjectLength || subject.Contains('\n', StringComparison.Ordinal) || subject.Contains('\r', StringComparison.Ordinal))
        {
            return Error.Invalid("subject", $"subject is required: one line of at most {MaxSubjectLength} characters.");
        }

        if (string.IsNullOrWhiteSpace(body) || body.Length > MaxBodyLength)
        {
            return Error.Invalid("body", $"body is required, at most {MaxBodyLength} characters.");
        }

        return CheckPlaceholders("subject", subject, definition) ?? CheckPlaceholders("body", body, definition);
    }

    private static Error? CheckPlaceholders(string field, string text, TemplateDefinition definition)
    {
        var allowed = string.Join(", ", definition.Placeholders.Select(p => "{{" + p + "}}"));
        foreach (Match match in Placeholder().Matches(text))
        {
            var name = match.Groups["name"].Value;
            if (!definition.Placeholders.Contains(name, StringComparer.Ordinal))
            {
                return Error.Invalid(field, $"{{{{{name}}}}} is not a placeholder of {definition.EventType}. Use one of: {allowed}.");
            }
        }

        var rest = Placeholder().Replace(text, "");
        return rest.Contains("{{", StringComparison.Ordinal) || rest.Contains("}}", StringComparison.Ordinal)
            ? Error.Invalid(field, $"{field} has an unclosed or malformed placeholder. Write placeholders as {{{{name}}}}, one of: {allowed}.")
            : null;
    }

    private static string Fill(string text, IReadOnlyDictionary<string, string?> values) =>
        Placeholder().Replace(text, match => values.GetValueOrDefault(match.Groups["name"].Value) ?? "");

    [GeneratedRegex(@"\{\{\s*(?<name>[A-Za-z][A-Za-z0-9]*)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
