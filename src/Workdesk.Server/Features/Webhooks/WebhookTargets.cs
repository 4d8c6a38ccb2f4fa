using System.Net;
using System.Net.Sockets;

namespace Workdesk.Server.Features.Webhooks;

/// <summary>
/// Keeps webhooks from reaching the server's own network: loopback, private, link-local and
/// other internal addresses are refused unless an administrator allowed them. The address is
/// checked when connecting, after name resolution, so a name that later resolves inward is caught too.
/// </summary>
public static class WebhookTargets
{
    public static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast;
        }

        var bytes = address.GetAddressBytes();
        return bytes[0] switch
        {
            0 or 10 or 127 => true,
            100 => bytes[1] is >= 64 and <= 127,
            169 => bytes[1] == 254,
            172 => bytes[1] is >= 16 and <= 31,
            192 => bytes[1] == 168,
            >= 224 => true,
            _ => false,
        };
    }

    /// <summary>Checks the form of a target URL: absolute http or https, with a host.</summary>
    public static string? CheckUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && !string.IsNullOrEmpty(uri.Host)
            ? null
            : $"'{url}' is not an absolute http or https URL.";

    /// <summary>Creates the client that delivers webhooks, refusing internal addresses unless allowed.</summary>
    public static HttpClient CreateClient(bool allowInternal)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            ConnectCallback = async (context, ct) =>
            {
                var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, ct);
                var target = addresses.FirstOrDefault()
                    ?? throw new HttpRequestException($"The webhook host {context.DnsEndPoint.Host} has no address.");
                if (!allowInternal && IsInternal(target))
                {
                    throw new HttpRequestException(
                        $"The webhook target {context.DnsEndPoint.Host} resolves to the internal address {target}; an administrator must allow internal targets (Workdesk:Webhooks:AllowInternalTargets).");
                }

                var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                var connected = false;
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(target, context.DnsEndPoint.Port), ct);
                    connected = true;
                    return new NetworkStream(socket, ownsSocket: true);
                }
                finally
                {
                    if (!connected)
                    {
                        socket.Dispose();
                    }
                }
            },
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(15) };
    }
}
