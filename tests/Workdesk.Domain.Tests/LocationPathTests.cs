using Workdesk.Domain.Locations;

namespace Workdesk.Domain.Tests;

public class LocationPathTests
{
    [Theory]
    [InlineData("/1/7/", "/1/7/", true)]
    [InlineData("/1/7/", "/1/7/42/", true)]
    [InlineData("/1/7/", "/1/70/", false)]
    [InlineData("/1/7/", "/1/", false)]
    [InlineData("/1/7/", "/2/7/", false)]
    public void SubtreeRange_ContainsExactlyDescendants(string root, string candidate, bool inside)
    {
        var (lower, upper) = Location.SubtreeRange(root);

        var contained = string.CompareOrdinal(candidate, lower) >= 0 && string.CompareOrdinal(candidate, upper) < 0;

        Assert.Equal(inside, contained);
    }
}
