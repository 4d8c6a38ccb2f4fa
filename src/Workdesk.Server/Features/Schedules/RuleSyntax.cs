using System.Text.RegularExpressions;

namespace Workdesk.Server.Features.Schedules;

/// <summary>
/// Checks each part of an RRULE against the RFC 5545 syntax before Ical.Net reads it. Ical.Net
/// 5.2.4 ignores some malformed values without an error, such as UNTIL=2027-02-01T00:00:00Z,
/// which would leave a rule that never ends.
/// </summary>
public static class RuleSyntax
{
    private const string Weekday = "(MO|TU|WE|TH|FR|SA|SU)";

    private static readonly Dictionary<string, (Regex Format, string Example)> Parts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["FREQ"] = (new Regex("^(SECONDLY|MINUTELY|HOURLY|DAILY|WEEKLY|MONTHLY|YEARLY)$", RegexOptions.IgnoreCase), "FREQ=MONTHLY"),
        ["UNTIL"] = (new Regex(@"^\d{8}(T\d{6}Z?)?$"), "UNTIL=20270201 (a date) or UNTIL=20270201T000000Z (a UTC time, basic format without dashes or colons)"),
        ["COUNT"] = (new Regex(@"^\d{1,6}$"), "COUNT=10"),
        ["INTERVAL"] = (new Regex(@"^[1-9]\d{0,5}$"), "INTERVAL=3"),
        ["BYSECOND"] = (NumberList(), "BYSECOND=0"),
        ["BYMINUTE"] = (NumberList(), "BYMINUTE=0,30"),
        ["BYHOUR"] = (NumberList(), "BYHOUR=8"),
        ["BYDAY"] = (new Regex($@"^([+-]?\d{{1,2}})?{Weekday}(,([+-]?\d{{1,2}})?{Weekday})*$", RegexOptions.IgnoreCase), "BYDAY=MO,WE or BYDAY=2TU"),
        ["BYMONTHDAY"] = (NumberList(), "BYMONTHDAY=1 or BYMONTHDAY=-1"),
        ["BYYEARDAY"] = (NumberList(), "BYYEARDAY=100"),
        ["BYWEEKNO"] = (NumberList(), "BYWEEKNO=1,27"),
        ["BYMONTH"] = (NumberList(), "BYMONTH=4,5,6"),
        ["BYSETPOS"] = (NumberList(), "BYSETPOS=-1"),
        ["WKST"] = (new Regex($"^{Weekday}$", RegexOptions.IgnoreCase), "WKST=MO"),
    };

    private static Regex NumberList() => new(@"^[+-]?\d{1,3}(,[+-]?\d{1,3})*$");

    /// <summary>Returns why a part of the rule (without the "RRULE:" prefix) is invalid, naming the part, or null.</summary>
    public static string? Check(string rule)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in rule.Split(';'))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return $"The rule part \"{part}\" is not of the form NAME=VALUE, such as FREQ=WEEKLY; separate parts with semicolons.";
            }

            var name = part[..equals].Trim();
            var value = part[(equals + 1)..].Trim();
            if (!Parts.TryGetValue(name, out var syntax))
            {
                return $"The rule part \"{name}\" is unknown. Use FREQ, UNTIL, COUNT, INTERVAL, BYSECOND, BYMINUTE, BYHOUR, BYDAY, BYMONTHDAY, BYYEARDAY, BYWEEKNO, BYMONTH, BYSETPOS or WKST.";
            }

            if (!seen.Add(name))
            {
                return $"The rule part {name.ToUpperInvariant()} is given twice; give it once.";
            }

            if (!syntax.Format.IsMatch(value))
            {
                return $"The rule part {name.ToUpperInvariant()}={value} is invalid; write it such as {syntax.Example}.";
            }
        }

        return seen.Contains("FREQ") ? null : "The rule needs a FREQ part, such as FREQ=WEEKLY.";
    }
}
