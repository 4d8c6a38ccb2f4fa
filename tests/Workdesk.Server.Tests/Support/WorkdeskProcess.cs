using System.Diagnostics;
using System.Text;

namespace Workdesk.Server.Tests.Support;

/// <summary>Runs the built `workdesk` program as its own process, the way a user starts it.</summary>
public sealed class WorkdeskProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly object gate = new();

    private WorkdeskProcess(Process process)
    {
        this.process = process;
    }

    public string Output
    {
        get
        {
            lock (gate)
            {
                return output.ToString();
            }
        }
    }

    public static WorkdeskProcess Start(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "workdesk.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var running = new WorkdeskProcess(Process.Start(start)!);
        running.process.OutputDataReceived += (_, e) => running.Append(e.Data);
        running.process.ErrorDataReceived += (_, e) => running.Append(e.Data);
        running.process.BeginOutputReadLine();
        running.process.BeginErrorReadLine();
        return running;
    }

    /// <summary>Runs a command to its end and returns its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, params string[] arguments)
    {
        await using var running = Start(workingDirectory, arguments);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await running.process.WaitForExitAsync(timeout.Token);
        return (running.process.ExitCode, running.Output);
    }

    /// <summary>Waits until a printed line contains <paramref name="text"/> and returns that line.</summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var line = Output.Split('\n').FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            if (line is not null)
            {
                return line.Trim();
            }

            if (process.HasExited)
            {
                break;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The server did not print '{text}'. It printed:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (gate)
        {
            output.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
