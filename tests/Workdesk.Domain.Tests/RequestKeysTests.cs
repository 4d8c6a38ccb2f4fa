using Workdesk.Domain.Common;

namespace Workdesk.Domain.Tests;

public class RequestKeysTests
{
    private static readonly DateTimeOffset Morning = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void StatusToken_SortsByCreationTime()
    {
        var earlier = RequestKeys.NewStatusToken(Morning);
        var later = RequestKeys.NewStatusToken(Morning.AddMilliseconds(1));
        var muchLater = RequestKeys.NewStatusToken(Morning.AddYears(30));

        Assert.True(string.CompareOrdinal(earlier, later) < 0);
        Assert.True(string.CompareOrdinal(later, muchLater) < 0);
    }

    [Fact]
    public void StatusToken_HasTimePrefixAndRandomRest()
    {
        var first = RequestKeys.NewStatusToken(Morning);
        var second = RequestKeys.NewStatusToken(Morning);

        Assert.Equal(33, first.Length);
        Assert.Equal(first[..9], second[..9]);
        Assert.NotEqual(first[9..], second[9..]);
        Assert.Matches("^[2-9a-km-np-z]{33}$", first);
    }
}
