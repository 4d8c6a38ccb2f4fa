using System.Globalization;

namespace Workdesk.Bench.Load;

/// <summary>Parses durations written as a number and a unit: "500ms", "30s", "2m", or a plain number of seconds.</summary>
internal static class Durations
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        var (number, scale) = trimmed switch
        {
            _ when trimmed.EndsWith("ms", StringComparison.OrdinalIgnoreCase) => (trimmed[..^2], TimeSpan.FromMilliseconds(1)),
            _ when trimmed.EndsWith('s') || trimmed.EndsWith('S') => (trimmed[..^1], TimeSpan.FromSeconds(1)),
            _ when trimmed.EndsWith('m') || trimmed.EndsWith('M') => (trimmed[..^1], TimeSpan.FromMinutes(1)),
            _ => (trimmed, TimeSpan.FromSeconds(1)),
        };
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || double.IsNaN(value) || double.IsInfinity(value) || value < 0 || value > 24 * 3600)
        {
            return false;
        }

        duration = scale * value;
        return true;
    }

    public static string Format(TimeSpan duration) =>
        duration.TotalSeconds >= 1
            ? duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s"
            : duration.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms";
}
