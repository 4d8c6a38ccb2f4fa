namespace Workdesk.Server.Tests.Support;

/// <summary>Finds the shared data folder that sits beside the repository (../shared/data).</summary>
public static class SharedData
{
    public static string PathOf(string relative)
    {
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
