using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.Workflows;

namespace Workdesk.Server.Features.Workflows;

/// <summary>Reads, checks and merges the custom field values of a work order.</summary>
public sealed class CustomFieldValues(WorkdeskDbContext db)
{
    public const int MaxTextLength = 2000;
    public const int MaxStoredLength = 20_000;

    public static Dictionary<string, JsonElement> Read(string? json) =>
        string.IsNullOrEmpty(json)
            ? new Dictionary<string, JsonElement>(StringComparer.Ordinal)
            : new Dictionary<string, JsonElement>(JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!, StringComparer.Ordinal);

    public static string? Write(IReadOnlyDictionary<string, JsonElement> values) =>
        values.Count == 0 ? null : JsonSerializer.Serialize(values.OrderBy(v => v.Key, StringComparer.Ordinal).ToDictionary());

    /// <summary>Returns a copy of the current values with the incoming ones set; an incoming null removes the value.</summary>
    public static Dictionary<string, JsonElement> Merge(IReadOnlyDictionary<string, JsonElement> current, IReadOnlyDictionary<string, JsonElement> incoming)
    {
        var merged = new Dictionary<string, JsonElement>(current, StringComparer.Ordinal);
        foreach (var (key, value) in incoming)
        {
            if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            {
                merged.Remove(key);
            }
            else
            {
                merged[key] = value.Clone();
            }
        }

        return merged;
    }

    /// <summary>Lists the fields among <paramref name="required"/> that have no value, as "Label (key)".</summary>
    public static List<string> Missing(IEnumerable<string> required, IReadOnlyList<FieldDefinition> fields, IReadOnlyDictionary<string, JsonElement> values) =>
        [.. required.Where(key => !values.ContainsKey(key))
            .Select(key => fields.FirstOrDefault(f => f.Key == key) is { } field ? $"{field.Label} ({key})" : key)];

    /// <summary>Checks each incoming value against its field's kind; null values, which clear a field, always pass.</summary>
    public async Task<Error?> CheckAsync(IReadOnlyList<FieldDefinition> fields, IReadOnlyDictionary<string, JsonElement> incoming, CancellationToken ct)
    {
        foreach (var (key, value) in incoming)
        {
            var field = fields.FirstOrDefault(f => f.Key == key);
            if (field is null)
            {
                var known = fields.Count == 0 ? "this type has no custom fields" : "use one of: " + string.Join(", ", fields.Select(f => f.Key));
                return Error.Invalid($"customFields.{key}", $"'{key}' is not a custom field of this work order type; {known}.");
            }

            if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            {
                continue;
            }

            var error = CheckKind(field, value) ?? await CheckReferenceAsync(field, value, ct);
            if (error is not null)
            {
                return Error.Invalid($"customFields.{key}", error);
            }
        }

        return null;
    }

    /// <summary>Rejects values that would not fit in the work order's custom field column.</summary>
    public static Error? CheckSize(IReadOnlyDictionary<string, JsonElement> values) =>
        Write(values) is { Length: > MaxStoredLength } text
            ? Error.Invalid("customFields", $"The custom field values take {text.Length} characters as JSON; at most {MaxStoredLength} fit.")
            : null;

    private static string? CheckKind(FieldDefinition field, JsonElement value)
    {
        var label = $"{field.Label} ({field.Key})";
        switch (field.Kind)
        {
            case FieldKind.Text:
                return value.ValueKind != JsonValueKind.String || value.GetString()!.Length > MaxTextLength
                    ? $"{label} must be text of at most {MaxTextLength} characters."
                    : null;
            case FieldKind.Number:
                return value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out _)
                    ? $"{label} must be a number{(field.Unit is null ? "" : " in " + field.Unit)}, such as 12.5."
                    : null;
            case FieldKind.Date:
                return value.ValueKind != JsonValueKind.String
                    || !DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                    ? $"{label} must be a date written as YYYY-MM-DD, such as 2026-03-01."
                    : null;
            case FieldKind.Choice:
                return value.ValueKind != JsonValueKind.String || !field.Options.Contains(value.GetString()!)
                    ? $"{label} must be one of: {string.Join(", ", field.Options)}."
                    : null;
            case FieldKind.MultiChoice:
                if (value.ValueKind != JsonValueKind.Array)
                {
                    return $"{label} must be an array of options from: {string.Join(", ", field.Options)}.";
                }

                var chosen = value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : null).ToList();
                return chosen.Any(c => c is null || !field.Options.Contains(c)) || chosen.Distinct().Count() != chosen.Count
                    ? $"{label} must list distinct options from: {string.Join(", ", field.Options)}."
                    : null;
            case FieldKind.User:
            case FieldKind.Asset:
            case FieldKind.Location:
                return value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out _)
                    ? $"{label} must be the id of a {field.Kind.ToString().ToLowerInvariant()}."
                    : null;
        }

        return $"{label} has an unknown kind.";
    }

    private async Task<string?> CheckReferenceAsync(FieldDefinition field, JsonElement value, CancellationToken ct)
    {
        if (field.Kind is not (FieldKind.User or FieldKind.Asset or FieldKind.Location))
        {
            return null;
        }

        var id = value.GetInt64();
        var exists = field.Kind switch
        {
            FieldKind.User => await db.Users.AnyAsync(u => u.Id == id, ct),
            FieldKind.Asset => await db.Assets.AnyAsync(a => a.Id == id, ct),
            _ => await db.Locations.AnyAsync(l => l.Id == id, ct),
        };
        return exists ? null : $"{field.Label} ({field.Key}): {field.Kind.ToString().ToLowerInvariant()} {id} was not found.";
    }
}
