namespace Workdesk.Server.Tests.Support;

/// <summary>
/// Words no other test writes, so that a search finds only what one test created.
/// </summary>
public static class SearchTag
{
    // Letters only, so that every provider's parser reads the tag as one word. Always
    // twelve letters long: tests search for the first six as a prefix.
    public static string New(char first) =>
        first + string.Concat(Enumerable.Range(0, 10).Select(_ => (char)('a' + Random.Shared.Next(26)))) + "x";
}
