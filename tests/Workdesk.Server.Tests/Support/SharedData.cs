namespace Workdesk.Server.Tests.Support;

/// <summary>
/// Finds the shared data folder that sits beside the repository (../shared/data), or the folder
/// named by WORKDESK_SHARED_DATA.
/// </summary>
public static class SharedData
{
    public static string PathOf(string relative)
    {
        if (Environment.GetEnvironmentVariable("WORKDESK_SHARED_DATA") is { Length: > 0 } configured)
        {
            return Path.Combine(configured, relative);
        }

        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "shared", "data", relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"shared/data/{relative} was not found beside the repository or any folder above the test binaries.");
    }
}
