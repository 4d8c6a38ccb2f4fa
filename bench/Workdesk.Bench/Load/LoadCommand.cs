using System.CommandLine;
using System.Diagnostics;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net.Http.Headers;

namespace Workdesk.Bench.Load;

/// <summary>`workdesk-bench load`: drives a running Workdesk server on this machine and reports throughput and latency.</summary>
internal static class LoadCommand
{
    public const int MaxClients = 256;
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private static readonly Option<string> Url = new("--url")
    {
        Description = "Base URL of the server; only 127.0.0.1, [::1] and localhost are accepted.",
        DefaultValueFactory = _ => "http://127.0.0.1:5080",
    };

    private static readonly Option<string?> Token = new("--token") { Description = "API token (wd_...) of a staff user." };

    private static readonly Option<string?> TokenFile = new("--token-file") { Description = "File whose first line is the API token, as written by `generate --token-file`." };

    private static readonly Option<int> Clients = new("--clients")
    {
        Description = $"Concurrent clients, each sending its next request when the previous response arrived (1 to {MaxClients}).",
        DefaultValueFactory = _ => 16,
    };

    private static readonly Option<TimeSpan> Duration = new("--duration")
    {
        Description = "How long each workload runs, such as 30s or 2m (at most 10 minutes).",
        DefaultValueFactory = _ => TimeSpan.FromSeconds(30),
        CustomParser = ParseDuration,
    };

    private static readonly Option<TimeSpan> Warmup = new("--warmup")
    {
        Description = "How long each workload runs before measuring, to fill caches and compile hot paths (0 to skip).",
        DefaultValueFactory = _ => TimeSpan.FromSeconds(3),
        CustomParser = ParseDuration,
    };

    private static readonly Option<long> MaxRequests = new("--max-requests")
    {
        Description = "Upper bound of measured requests per workload; the workload stops at this count or at --duration.",
        DefaultValueFactory = _ => 1_000_000,
    };

    private static readonly Option<string> WorkloadNames = new("--workloads")
    {
        Description = $"Comma-separated workloads to run in order: {string.Join(", ", Workloads.All)} or {Workloads.Assets} (default: {string.Join(", ", Workloads.All)}, in that order).",
        DefaultValueFactory = _ => string.Join(',', Workloads.All),
    };

    private static readonly Option<string?> LocationIds = new("--location-ids")
    {
        Description = "Comma-separated location ids for the list filter and new work orders (default: the buildings found through the API).",
    };

    private static readonly Option<string> Label = new("--label")
    {
        Description = "Name of the data set in the saved results, such as sqlite-1m; `summarize` groups runs by it.",
        DefaultValueFactory = _ => "unnamed",
    };

    private static readonly Option<int?> ServerPid = new("--server-pid")
    {
        Description = "PID of the server process on this machine; its CPU time per request is reported, which other load on the machine changes less than throughput.",
    };

    private static readonly Option<string?> JsonOut = new("--json-out") { Description = "File to save the results to as JSON, for `summarize`." };

    public static Command Create()
    {
        var command = new Command("load", "Sends requests to a running server on loopback and reports throughput, latency percentiles and errors.");
        foreach (var option in new Option[] { Url, Token, TokenFile, Clients, Duration, Warmup, MaxRequests, WorkloadNames, LocationIds, Label, ServerPid, JsonOut })
        {
            command.Options.Add(option);
        }

        command.SetAction(RunAsync);
        return command;
    }

    private static TimeSpan ParseDuration(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (!Durations.TryParse(text, out var duration) || duration > MaxDuration)
        {
            result.AddError($"'{text}' is not a valid duration: use a number with ms, s or m, such as 30s, up to {Durations.Format(MaxDuration)}.");
        }

        return duration;
    }

    private static async Task<int> RunAsync(ParseResult result, CancellationToken ct)
    {
        var errors = new List<string>();
        if (!LoopbackAddress.TryParse(result.GetValue(Url), out var baseAddress, out var urlError))
        {
            errors.Add(urlError);
        }

        var clients = result.GetValue(Clients);
        if (clients is < 1 or > MaxClients)
        {
            errors.Add($"--clients must be between 1 and {MaxClients}; got {clients}.");
        }

        var maxRequests = result.GetValue(MaxRequests);
        if (maxRequests < 1)
        {
            errors.Add($"--max-requests must be 1 or more; got {maxRequests}.");
        }

        var duration = result.GetValue(Duration);
        if (duration <= TimeSpan.Zero)
        {
            errors.Add("--duration must be longer than 0.");
        }

        var names = result.GetValue(WorkloadNames)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var unknown in names.Where(n => !Workloads.All.Contains(n) && n != Workloads.Assets))
        {
            errors.Add($"--workloads: '{unknown}' is unknown; use {string.Join(", ", Workloads.All)} or {Workloads.Assets}.");
        }

        var locationIds = ParseIds(result.GetValue(LocationIds), errors);
        var server = OpenServerProcess(result.GetValue(ServerPid), errors);
        var token = await ReadTokenAsync(result, errors, ct);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                await Console.Error.WriteLineAsync("error: " + error);
            }

            return 2;
        }

        using var serverProcess = server;
        using var client = CreateClient(baseAddress, token!, clients);
        var limits = new LoadLimits(clients, duration, maxRequests);
        try
        {
            var run = await RunWorkloadsAsync(
                client, limits, result.GetValue(Warmup), names, locationIds, result.GetValue(Label)!, Console.Out, ct, server);
            if (result.GetValue(JsonOut) is { } path)
            {
                await LoadReport.SaveAsync(path, run, ct);
            }

            return 0;
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"error: load against {baseAddress} failed: {e.Message}");
            return 1;
        }
    }

    /// <summary>Creates the HTTP client the workloads share: loopback only, the token as a bearer header.</summary>
    public static HttpClient CreateClient(Uri baseAddress, string token, int clients)
    {
        var client = new HttpClient(LoopbackAddress.CreateHandler(clients), disposeHandler: true)
        {
            BaseAddress = baseAddress,
            Timeout = RequestTimeout,
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>
    /// Finds the locations and ids to use, then warms up and measures each workload in turn. With a
    /// <paramref name="server"/> process, each result includes its CPU time per request.
    /// </summary>
    public static async Task<LoadRun> RunWorkloadsAsync(
        HttpClient client, LoadLimits limits, TimeSpan warmup, IReadOnlyList<string> names, IReadOnlyList<long>? locationIds,
        string label, TextWriter output, CancellationToken ct, Process? server = null)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var loadAtStart = LoadReport.ReadLoadAverage();
        var facts = await Workloads.DiscoverAsync(client, locationIds, ct);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{client.BaseAddress}: {facts.WorkOrderCount:N0} work orders (largest id {facts.MaxWorkOrderId}), {facts.LocationIds.Count} locations to filter by, {limits.Clients} clients, {Durations.Format(limits.Duration)} per workload"));

        var runner = new LoadRunner(client);
        var results = new List<WorkloadResult>();
        foreach (var name in names)
        {
            var workload = Workloads.For(name, facts);
            if (warmup > TimeSpan.Zero)
            {
                await runner.RunAsync(workload, limits with { Duration = warmup }, ct);
            }

            var cpuBefore = CpuTime(server);
            var measured = await runner.RunAsync(workload, limits, ct);
            if (cpuBefore is { } before && CpuTime(server) is { } after && measured.Requests > 0)
            {
                measured = measured with { ServerCpuMillisecondsPerRequest = (after - before).TotalMilliseconds / measured.Requests };
            }

            results.Add(measured);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {name}: {measured.Requests} requests, {measured.RequestsPerSecond:F1} req/s, p50 {measured.Latency.P50:F2} ms, p99 {measured.Latency.P99:F2} ms, {measured.Errors} errors"));
        }

        var loadAtEnd = LoadReport.ReadLoadAverage();
        await output.WriteLineAsync();
        await output.WriteAsync(LoadReport.FormatTable(results));
        if (loadAtStart is not null && loadAtEnd is not null)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"1-minute load average: {loadAtStart:F2} at the start, {loadAtEnd:F2} at the end, on {Environment.ProcessorCount} cores"));
        }

        return new LoadRun(
            label, client.BaseAddress?.ToString() ?? "", startedAt, limits.Clients, limits.Duration.TotalSeconds, facts, results, loadAtStart, loadAtEnd);
    }

    private static Process? OpenServerProcess(int? pid, List<string> errors)
    {
        if (pid is not { } id)
        {
            return null;
        }

        try
        {
            return Process.GetProcessById(id);
        }
        catch (ArgumentException)
        {
            errors.Add($"--server-pid {id}: no process has this id on this machine.");
            return null;
        }
    }

    /// <summary>Returns the process's user and system CPU time so far, or null when it has exited.</summary>
    private static TimeSpan? CpuTime(Process? process)
    {
        if (process is null)
        {
            return null;
        }

        try
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static List<long>? ParseIds(string? text, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var ids = new List<long>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                ids.Add(id);
            }
            else
            {
                errors.Add($"--location-ids: '{part}' is not a positive integer id.");
            }
        }

        return ids;
    }

    private static async Task<string?> ReadTokenAsync(ParseResult result, List<string> errors, CancellationToken ct)
    {
        var token = result.GetValue(Token);
        var file = result.GetValue(TokenFile);
        if ((token is null) == (file is null))
        {
            errors.Add("Pass exactly one of --token and --token-file.");
            return null;
        }

        if (file is not null)
        {
            if (!File.Exists(file))
            {
                errors.Add($"--token-file '{file}' does not exist.");
                return null;
            }

            token = (await File.ReadAllLinesAsync(file, ct)).FirstOrDefault();
        }

        if (string.IsNullOrWhiteSpace(token))
        {
            errors.Add("The API token is empty.");
            return null;
        }

        return token.Trim();
    }
}
