using System.Net;
using Workdesk.Bench.Load;

namespace Workdesk.Bench.Tests;

public class LoopbackAddressTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://127.0.0.1:5080/")]
    [InlineData("https://127.0.0.1")]
    [InlineData("http://[::1]:5080")]
    [InlineData("http://localhost:5080")]
    [InlineData("http://LOCALHOST:5080")]
    public void TryParse_accepts_loopback(string url)
    {
        Assert.True(LoopbackAddress.TryParse(url, out var uri, out var error), error);
        Assert.Equal("/", uri.AbsolutePath);
    }

    [Theory]
    [InlineData("http://10.0.0.5:5080")]
    [InlineData("http://192.168.1.10")]
    [InlineData("http://127.0.0.2:5080")]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://example.com")]
    [InlineData("http://localhost.example.com")]
    [InlineData("http://[::2]:5080")]
    [InlineData("http://[::ffff:10.0.0.5]:5080")]
    public void TryParse_rejects_other_hosts(string url)
    {
        Assert.False(LoopbackAddress.TryParse(url, out _, out var error));
        Assert.Contains("127.0.0.1, [::1] or localhost", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("127.0.0.1:5080")]
    [InlineData("ftp://127.0.0.1")]
    [InlineData("http://user:secret@127.0.0.1:5080")]
    [InlineData("http://127.0.0.1:5080/api/v1")]
    [InlineData("http://127.0.0.1:5080/?q=1")]
    public void TryParse_rejects_malformed_urls(string url)
    {
        Assert.False(LoopbackAddress.TryParse(url, out _, out var error));
        Assert.Contains("--url", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveLoopback_maps_localhost_without_dns()
    {
        Assert.Equal([IPAddress.Loopback, IPAddress.IPv6Loopback], LoopbackAddress.ResolveLoopback("localhost"));
        Assert.Equal([IPAddress.IPv6Loopback], LoopbackAddress.ResolveLoopback("[::1]"));
    }

    [Theory]
    [InlineData("10.0.0.5")]
    [InlineData("example.com")]
    [InlineData("[::ffff:10.0.0.5]")]
    public void ResolveLoopback_rejects_other_hosts(string host)
    {
        // Only the address check runs: the guard throws before any socket is created.
        var error = Assert.Throws<HttpRequestException>(() => LoopbackAddress.ResolveLoopback(host));
        Assert.Contains(host, error.Message, StringComparison.Ordinal);
    }
}
