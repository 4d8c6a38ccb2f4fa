using System.Net;
using System.Net.Sockets;

namespace Workdesk.Server.Tests.Support;

/// <summary>An HTTP endpoint on 127.0.0.1 that records webhook posts and responds with the queued status codes (200 once they run out).</summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Queue<int> statuses = new();
    private readonly List<(Dictionary<string, string> Headers, string Body)> received = [];

    public WebhookReceiver()
    {
        Port = FreePort();
        Url = $"http://127.0.0.1:{Port}/hook/";
        listener.Prefixes.Add(Url);
        listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Url { get; }

    public IReadOnlyList<(Dictionary<string, string> Headers, string Body)> Received
    {
        get
        {
            lock (received)
            {
                return [.. received];
            }
        }
    }

    public void AnswerNext(params int[] codes)
    {
        lock (statuses)
        {
            foreach (var code in codes)
            {
                statuses.Enqueue(code);
            }
        }
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (HttpListenerException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k]!);
            lock (received)
            {
                received.Add((headers, body));
            }

            int status;
            lock (statuses)
            {
                status = statuses.Count > 0 ? statuses.Dequeue() : 200;
            }

            context.Response.StatusCode = status;
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
    }
}
