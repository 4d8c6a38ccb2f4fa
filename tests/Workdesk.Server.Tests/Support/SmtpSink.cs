using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Workdesk.Server.Tests.Support;

/// <summary>
/// A small SMTP server on 127.0.0.1 that accepts every message and keeps it, so tests exercise a
/// real SMTP exchange. With <see cref="RejectRecipients"/> it responds 550 to RCPT TO instead.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly List<string> messages = [];
    private readonly Task acceptLoop;

    public SmtpSink()
    {
        listener.Start();
        acceptLoop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public bool RejectRecipients { get; set; }

    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (messages)
            {
                return [.. messages];
            }
        }
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var connection = client;
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 localhost test SMTP");
        while (await reader.ReadLineAsync() is { } line)
        {
            var command = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (command)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-localhost");
                    await writer.WriteLineAsync("250 8BITMIME");
                    break;
                case "RCPT":
                    await writer.WriteLineAsync(RejectRecipients ? "550 No such mailbox" : "250 OK");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    var body = new StringBuilder();
                    while (await reader.ReadLineAsync() is { } dataLine && dataLine != ".")
                    {
                        body.AppendLine(dataLine);
                    }

                    lock (messages)
                    {
                        messages.Add(body.ToString());
                    }

                    await writer.WriteLineAsync("250 Queued");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 Bye");
                    return;
                default:
                    await writer.WriteLineAsync("250 OK");
                    break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await acceptLoop;
        stop.Dispose();
    }
}
