using System.Net;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.Hosting;
using MimeKit;

namespace Workdesk.Server.Tests.Support;

/// <summary>Starts the built-in SMTP intake listener on a free port of 127.0.0.1 and sends mail to it with MailKit.</summary>
public static class IntakeListener
{
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public static void Configure(IWebHostBuilder builder, int port)
    {
        builder.UseSetting("Workdesk:EmailIntake:Enabled", "true");
        builder.UseSetting("Workdesk:EmailIntake:Host", "127.0.0.1");
        builder.UseSetting("Workdesk:EmailIntake:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Sends the message over a real SMTP session; waits for the listener to accept connections after the host starts.</summary>
    public static async Task SendAsync(int port, MimeMessage message)
    {
        using var client = new SmtpClient();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None);
                break;
            }
            catch (SocketException) when (attempt < 50)
            {
                await Task.Delay(100);
            }
        }

        await client.SendAsync(message);
        await client.DisconnectAsync(quit: true);
    }
}

public sealed class IntakeSqliteApp : SqliteApp
{
    public int IntakePort { get; } = IntakeListener.FreePort();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        IntakeListener.Configure(builder, IntakePort);
    }
}

public sealed class IntakePostgresApp : PostgresApp
{
    public int IntakePort { get; } = IntakeListener.FreePort();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        IntakeListener.Configure(builder, IntakePort);
    }
}
