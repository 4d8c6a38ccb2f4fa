using System.Globalization;
using Microsoft.AspNetCore.Http.Metadata;

namespace Workdesk.Server.Infrastructure;

/// <summary>
/// Finds the query or route value that its endpoint parameter could not parse, for the problem
/// details of a 400.
/// </summary>
/// <remarks>
/// The endpoints are generated when the server is compiled. When an optional value such as
/// <c>?months=abc</c> does not parse, that code sends an empty 400 instead of throwing, so the
/// value is found again from the endpoint's parameter list.
/// </remarks>
public static class UnreadableParameters
{
    /// <summary>Returns the field and message of the first value that its parameter cannot parse, or null when all parse.</summary>
    public static (string Field, string Detail)? Find(HttpContext http)
    {
        if (http.GetEndpoint() is not { } endpoint)
        {
            return null;
        }

        foreach (var parameter in endpoint.Metadata.GetOrderedMetadata<IParameterBindingMetadata>())
        {
            if (!parameter.HasTryParse)
            {
                continue;
            }

            var type = Nullable.GetUnderlyingType(parameter.ParameterInfo.ParameterType) ?? parameter.ParameterInfo.ParameterType;
            var value = ValueOf(http.Request, parameter.Name);
            if (!string.IsNullOrEmpty(value) && !Parses(type, value))
            {
                // Query names match ignoring case, and the API reference writes them in camel case.
                var field = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(parameter.Name);
                return (field, Describe(field, value, type));
            }
        }

        return null;
    }

    private static string Describe(string field, string value, Type type) =>
        $"'{value}' is not a valid value for '{field}': it must be {Expected(type)}.";

    private static string? ValueOf(HttpRequest request, string name) =>
        request.RouteValues.TryGetValue(name, out var routeValue)
            ? Convert.ToString(routeValue, CultureInfo.InvariantCulture)
            : request.Query[name].FirstOrDefault();

    private static bool Parses(Type type, string value) => type switch
    {
        _ when type == typeof(int) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        _ when type == typeof(long) => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        _ when type == typeof(short) => short.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        _ when type == typeof(double) => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
        _ when type == typeof(decimal) => decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _),
        _ when type == typeof(bool) => bool.TryParse(value, out _),
        _ when type == typeof(DateOnly) => DateOnly.TryParse(value, CultureInfo.InvariantCulture, out _),
        _ when type == typeof(DateTime) => DateTime.TryParse(value, CultureInfo.InvariantCulture, out _),
        _ when type == typeof(DateTimeOffset) => DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, out _),
        _ when type == typeof(Guid) => Guid.TryParse(value, out _),
        _ when type.IsEnum => Enum.TryParse(type, value, ignoreCase: true, out _),

        // NOTE: a type not listed here counts as parsed, so a bad value of it gets a 400 without a detail.
        _ => true,
    };

    /// <summary>Describes a value of the type in the client's terms.</summary>
    private static string Expected(Type type) => type switch
    {
        _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "a whole number",
        _ when type == typeof(double) || type == typeof(decimal) || type == typeof(float) => "a number",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(DateOnly) => "a date such as 2026-03-31",
        _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => "a date and time such as 2026-03-31T09:00:00Z",
        _ when type == typeof(Guid) => "an identifier such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301",
        _ => "one of the values the API reference lists",
    };
}
