using System.Net;
using System.Net.Sockets;

namespace Workdesk.Bench.Load;

/// <summary>
/// Keeps the load runner on this machine: the base URL must name 127.0.0.1, ::1 or localhost, and
/// every connection is checked again when it is opened, so no request can reach another host.
/// </summary>
internal static class LoopbackAddress
{
    /// <summary>Parses the server's base URL. On failure, <paramref name="error"/> names the problem and the form to pass instead.</summary>
    public static bool TryParse(string? text, out Uri baseAddress, out string error)
    {
        baseAddress = null!;
        if (string.IsNullOrWhiteSpace(text) || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri))
        {
            error = $"--url '{text}' is not an absolute URL. Pass the server's base URL, such as http://127.0.0.1:5080.";
            return false;
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            error = $"--url '{text}' must start with http:// or https://.";
            return false;
        }

        if (!IsLoopbackHost(uri))
        {
            error = $"--url '{text}' names the host '{uri.Host}'. The load runner only sends requests to this machine: " +
                "use 127.0.0.1, [::1] or localhost.";
            return false;
        }

        if (!string.IsNullOrEmpty(uri.UserInfo) || uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            error = $"--url '{text}' must be the server's base URL alone, such as http://127.0.0.1:5080, without a path, query or user name.";
            return false;
        }

        baseAddress = uri;
        error = "";
        return true;
    }

    private static bool IsLoopbackHost(Uri uri) =>
        uri.HostNameType switch
        {
            UriHostNameType.IPv4 => IPAddress.Parse(uri.Host).Equals(IPAddress.Loopback),
            UriHostNameType.IPv6 => IPAddress.Parse(uri.Host.Trim('[', ']')).Equals(IPAddress.IPv6Loopback),
            UriHostNameType.Dns => string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase),
            _ => false,
        };

    /// <summary>
    /// Creates a handler that connects only to loopback addresses. It maps "localhost" to 127.0.0.1
    /// and ::1 without asking DNS, ignores proxy settings and follows no redirects.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(int maxConnections) => new()
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        UseCookies = false,
        MaxConnectionsPerServer = maxConnections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        ConnectCallback = ConnectAsync,
    };

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var candidates = ResolveLoopback(context.DnsEndPoint.Host);
        Exception? last = null;
        foreach (var address in candidates)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
        }

        throw new HttpRequestException($"Could not connect to {context.DnsEndPoint.Host}:{context.DnsEndPoint.Port} on loopback.", last);
    }

    internal static IPAddress[] ResolveLoopback(string host)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return [IPAddress.Loopback, IPAddress.IPv6Loopback];
        }

        if (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address))
        {
            return [address];
        }

        throw new HttpRequestException($"The load runner connects only to loopback addresses, not to '{host}'.");
    }
}
