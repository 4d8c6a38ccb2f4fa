using System.Globalization;
using System.Text.Json;
using Workdesk.Domain.Workflows;

namespace Workdesk.Domain.Procedures;

/// <summary>A result as a technician sends it: the value, and for photos and signatures the uploaded image.</summary>
public sealed record StepInput(JsonElement? Value, long? AttachmentId, string? SignerName, string? Note);

/// <summary>Checks procedure definitions and judges recorded step results.</summary>
public static class ProcedureRules
{
    public const int MaxSteps = 300;
    public const int MaxTextLength = 2000;

    public static List<string> Validate(ProcedureDefinition definition)
    {
        var problems = new List<string>();
        var sections = definition.Sections ?? [];
        if (sections.Count == 0)
        {
            problems.Add("A procedure needs at least one section.");
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        var count = 0;
        foreach (var section in sections)
        {
            if (section is null || string.IsNullOrWhiteSpace(section.Title) || section.Title.Length > 200)
            {
                problems.Add("Each section needs a title of 1 to 200 characters.");
                continue;
            }

            if (section.Steps is not { Count: > 0 })
            {
                problems.Add($"Section '{section.Title}' needs at least one step.");
                continue;
            }

            foreach (var step in section.Steps)
            {
                count++;
                CheckStep(step, keys, problems);
            }
        }

        if (count > MaxSteps)
        {
            problems.Add($"A procedure may have at most {MaxSteps} steps; it has {count}.");
        }

        return problems;
    }

    private static void CheckStep(ProcedureStep? step, HashSet<string> keys, List<string> problems)
    {
        if (step is null)
        {
            problems.Add("A section contains an empty step.");
            return;
        }

        if (!WorkflowValidator.IsValidKey(step.Key))
        {
            problems.Add($"Step key '{step.Key}' is invalid: use 1 to 50 lower-case letters, digits and underscores, starting with a letter.");
        }
        else if (!keys.Add(step.Key))
        {
            problems.Add($"Step key '{step.Key}' appears more than once.");
        }

        if (string.IsNullOrWhiteSpace(step.Label) || step.Label.Length > 300)
        {
            problems.Add($"Step '{step.Key}' needs a label of 1 to 300 characters.");
        }

        if (!Enum.IsDefined(step.Kind))
        {
            problems.Add($"Step '{step.Key}' has an unknown kind.");
            return;
        }

        var measured = step.Kind is StepKind.Number or StepKind.Meter;
        if (!measured && (step.Min is not null || step.Max is not null || step.Unit is not null))
        {
            problems.Add($"Step '{step.Key}' may have a unit and limits only as a number or meter step.");
        }

        if (step.Meter is not null && (step.Kind != StepKind.Meter || string.IsNullOrWhiteSpace(step.Meter) || step.Meter.Length > 100))
        {
            problems.Add($"Step '{step.Key}' may name a meter of 1 to 100 characters only as a meter step.");
        }

        if (step.Min is { } min && step.Max is { } max && min > max)
        {
            problems.Add($"Step '{step.Key}' has min {min} above max {max}.");
        }

        var options = step.Options ?? [];
        if (step.Kind == StepKind.Choice && (options.Count == 0 || options.Any(string.IsNullOrWhiteSpace) || options.Distinct(StringComparer.Ordinal).Count() != options.Count))
        {
            problems.Add($"Choice step '{step.Key}' needs distinct, non-empty options.");
        }

        if (step.Kind != StepKind.Choice && options.Count > 0)
        {
            problems.Add($"Step '{step.Key}' is not a choice step, so it cannot have options.");
        }

        var canFail = measured && (step.Min is not null || step.Max is not null) || step.Kind == StepKind.PassFail;
        if (step.FollowUpOnFailure && !canFail)
        {
            problems.Add($"Step '{step.Key}' cannot fail (it needs limits or the pass_fail kind), so it cannot open a follow-up work order.");
        }
    }

    /// <summary>
    /// Judges a result against its step: a measured value outside the limits fails, "fail" fails and
    /// "flag" flags. Returns the outcome, or an error message naming what is wrong with the input.
    /// </summary>
    public static (StepOutcome? Outcome, string? Error) Judge(ProcedureStep step, StepInput input)
    {
        var value = input.Value is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } v ? v : (JsonElement?)null;
        switch (step.Kind)
        {
            case StepKind.Check:
                return value is { ValueKind: JsonValueKind.True }
                    ? (StepOutcome.Done, null)
                    : (null, $"'{step.Label}' is a check: send value true once it is done.");
            case StepKind.PassFail:
                return (value?.ValueKind == JsonValueKind.String ? value.Value.GetString() : null) switch
                {
                    "pass" => (StepOutcome.Passed, null),
                    "fail" => (StepOutcome.Failed, null),
                    "flag" => (StepOutcome.Flagged, null),
                    _ => (null, $"'{step.Label}' takes value \"pass\", \"fail\" or \"flag\"."),
                };
            case StepKind.Number:
            case StepKind.Meter:
                if (value is not { ValueKind: JsonValueKind.Number } number || !number.TryGetDecimal(out var measured))
                {
                    return (null, $"'{step.Label}' needs a number{(step.Unit is null ? "" : " in " + step.Unit)}{DescribeLimits(step)}.");
                }

                var outside = (step.Min is { } min && measured < min) || (step.Max is { } max && measured > max);
                return (outside ? StepOutcome.Failed : StepOutcome.Passed, null);
            case StepKind.Text:
                return value is { ValueKind: JsonValueKind.String } text && text.GetString()!.Trim().Length is > 0 and <= MaxTextLength
                    ? (StepOutcome.Done, null)
                    : (null, $"'{step.Label}' needs a text of 1 to {MaxTextLength} characters.");
            case StepKind.Choice:
                return value is { ValueKind: JsonValueKind.String } choice && step.Options.Contains(choice.GetString()!)
                    ? (StepOutcome.Done, null)
                    : (null, $"'{step.Label}' takes one of: {string.Join(", ", step.Options)}.");
            case StepKind.Photo:
                return input.AttachmentId is null
                    ? (null, $"'{step.Label}' needs a photo: upload it to the work order's attachments and send its attachmentId.")
                    : (StepOutcome.Done, null);
            case StepKind.Signature:
                if (input.AttachmentId is null)
                {
                    return (null, $"'{step.Label}' needs the signature image: upload it to the work order's attachments and send its attachmentId.");
                }

                return string.IsNullOrWhiteSpace(input.SignerName) || input.SignerName.Trim().Length > 200
                    ? (null, $"'{step.Label}' needs signerName, the name of the person signing, of at most 200 characters.")
                    : (StepOutcome.Done, null);
        }

        return (null, $"'{step.Label}' has an unknown kind.");
    }

    /// <summary>Describes the limits for messages, such as " (limits: at most 500 µA)"; empty without limits.</summary>
    public static string DescribeLimits(ProcedureStep step)
    {
        var unit = step.Unit is null ? "" : " " + step.Unit;
        return (step.Min, step.Max) switch
        {
            ({ } min, { } max) => string.Create(CultureInfo.InvariantCulture, $" (limits: {min} to {max}{unit})"),
            ({ } min, null) => string.Create(CultureInfo.InvariantCulture, $" (limits: at least {min}{unit})"),
            (null, { } max) => string.Create(CultureInfo.InvariantCulture, $" (limits: at most {max}{unit})"),
            _ => "",
        };
    }
}
