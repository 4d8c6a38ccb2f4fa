using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Workdesk.Data;

namespace Workdesk.Bench.Drills;

/// <summary>How to start the Workdesk server as a child process: its program, data folder and database.</summary>
internal sealed record ServerLaunch(string ServerDll, string DataDirectory, DatabaseSettings Database, string LogFile);

/// <summary>
/// A Workdesk server started by a drill as its own child process on 127.0.0.1, so that the drill
/// can kill it with SIGKILL by its PID, as a power cut or the OOM killer would.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private readonly Process process;

    private ServerProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int Pid => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>Starts the server on a free loopback port and waits until GET /health returns 200.</summary>
    public static async Task<ServerProcess> StartAsync(ServerLaunch launch, TimeSpan timeout, CancellationToken ct)
    {
        if (!File.Exists(launch.ServerDll))
        {
            throw new InvalidOperationException($"The server program '{launch.ServerDll}' does not exist; build src/Workdesk.Server first.");
        }

        var port = FreeLoopbackPort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");

        // The server reads appsettings.json from its own folder, so it runs from there.
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(launch.ServerDll))!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { launch.ServerDll, "serve", "--data-dir", launch.DataDirectory, "--urls", baseAddress.ToString().TrimEnd('/') })
        {
            start.ArgumentList.Add(argument);
        }

        if (launch.Database.Provider == DatabaseProvider.Postgres)
        {
            start.ArgumentList.Add("--database");
            start.ArgumentList.Add("postgres");
            start.ArgumentList.Add("--connection-string");
            start.ArgumentList.Add(launch.Database.ConnectionString);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";

        // The drills count their work orders with a search. By default the server counts only the
        // first 10,000 matches exactly, and a kill drill on a fast machine acknowledges more.
        start.Environment["Workdesk__Search__ExactCountLimit"] = DrillClient.ExactCountLimit.ToString(CultureInfo.InvariantCulture);
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var log = new StreamWriter(launch.LogFile, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => WriteLine(log, e.Data);
        process.ErrorDataReceived += (_, e) => WriteLine(log, e.Data);
        process.Exited += (_, _) => log.Dispose();
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new ServerProcess(process, baseAddress);
        using var health = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {process.ExitCode} during start-up; see {launch.LogFile}.");
            }

            try
            {
                using var response = await health.GetAsync(new Uri("health", UriKind.Relative), ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, ct);
        }

        await server.DisposeAsync();
        throw new TimeoutException($"The server did not respond to GET /health within {timeout.TotalSeconds:F0} s; see {launch.LogFile}.");
    }

    /// <summary>Sends SIGKILL to the server's PID, so it gets no chance to finish anything, and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: false);
        await process.WaitForExitAsync();
    }

    /// <summary>Sends SIGTERM, the normal shutdown request, and waits up to 30 s before killing it.</summary>
    public async Task StopAsync()
    {
        if (process.HasExited)
        {
            return;
        }

        if (SendSignal(process.Id, SigTerm) != 0)
        {
            process.Kill();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        process.Dispose();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void WriteLine(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The last lines can arrive after the process exited and the log was closed.
            }
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
