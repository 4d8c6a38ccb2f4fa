namespace Workdesk.Server.Features.Import;

/// <summary>A kind of record that CSV files import and export.</summary>
public enum DataKind
{
    Locations,
    Assets,
    Requests,
    WorkOrders,
}

/// <summary>The layout of an imported file: Workdesk's own columns, or a city's 311 export.</summary>
public enum ImportFormat
{
    Workdesk,
    Boston311,
    Nyc311,
}

/// <summary>The names of kinds and formats on the command line, in URLs and in reports.</summary>
public static class DataKinds
{
    public const string KindNames = "locations, assets, requests, work-orders";

    public const string FormatNames = "workdesk, boston311, nyc311";

    public static string Name(DataKind kind) => kind switch
    {
        DataKind.Locations => "locations",
        DataKind.Assets => "assets",
        DataKind.Requests => "requests",
        DataKind.WorkOrders => "work-orders",
    };

    public static string Name(ImportFormat format) => format switch
    {
        ImportFormat.Workdesk => "workdesk",
        ImportFormat.Boston311 => "boston311",
        ImportFormat.Nyc311 => "nyc311",
    };

    public static bool TryParseKind(string? text, out DataKind kind)
    {
        foreach (var candidate in Enum.GetValues<DataKind>())
        {
            if (string.Equals(Name(candidate), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>Parses a format name; a missing or empty name is the Workdesk format.</summary>
    public static bool TryParseFormat(string? text, out ImportFormat format)
    {
        format = ImportFormat.Workdesk;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        foreach (var candidate in Enum.GetValues<ImportFormat>())
        {
            if (string.Equals(Name(candidate), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                format = candidate;
                return true;
            }
        }

        return false;
    }
}
