using System.Collections.Concurrent;
using System.Net;

namespace Workdesk.Bench.Drills;

/// <summary>
/// Lets many clients update the description of one work order at the same time, each with the ETag
/// it read in If-Match and retrying after 412. Checks that exactly one update succeeded per
/// version, that every rejected one got 412, and that every client's update is in the history.
/// </summary>
internal static class IfMatchDrill
{
    public const int MaxAttemptsPerClient = 1_000;

    public static async Task<DrillResult> RunAsync(HttpClient client, int clients, TextWriter output, CancellationToken ct)
    {
        var result = new DrillResult("If-Match drill");
        var runId = DrillIds.New();
        var (status, order, _) = await DrillClient.CreateAsync(client, $"If-Match drill {runId}", null, ct);
        if (status != HttpStatusCode.Created || order is null)
        {
            result.Check("create the work order to update", false, $"HTTP {(int)status}");
            return result;
        }

        var successes = new ConcurrentBag<(int Client, string BasedOn, string NewETag)>();
        var rejections = new ConcurrentDictionary<string, int>();
        long preconditionFailed = 0;
        var gaveUp = 0;
        using var start = new SemaphoreSlim(0, clients);

        async Task UpdateAsync(int clientNumber)
        {
            await start.WaitAsync(ct);
            for (var attempt = 0; attempt < MaxAttemptsPerClient; attempt++)
            {
                var (getStatus, _, etag) = await DrillClient.GetAsync(client, order.Id, ct);
                if (getStatus != HttpStatusCode.OK || etag is null)
                {
                    rejections.AddOrUpdate($"GET HTTP {(int)getStatus}", 1, (_, n) => n + 1);
                    continue;
                }

                var (patchStatus, newETag) = await DrillClient.PatchDescriptionAsync(client, order.Id, Value(runId, clientNumber), etag, ct);
                if (patchStatus == HttpStatusCode.OK && newETag is not null)
                {
                    successes.Add((clientNumber, etag, newETag));
                    return;
                }

                if (patchStatus == HttpStatusCode.PreconditionFailed)
                {
                    Interlocked.Increment(ref preconditionFailed);
                }
                else
                {
                    rejections.AddOrUpdate($"PATCH HTTP {(int)patchStatus}", 1, (_, n) => n + 1);
                }
            }

            Interlocked.Increment(ref gaveUp);
        }

        var tasks = Enumerable.Range(1, clients).Select(n => Task.Run(() => UpdateAsync(n), CancellationToken.None)).ToArray();
        start.Release(clients);
        await Task.WhenAll(tasks);

        result.Figures["clients"] = clients;
        result.Figures["successful updates"] = successes.Count;
        result.Figures["412 responses"] = preconditionFailed;
        await output.WriteLineAsync($"{clients} clients updated work order {order.Id}: {successes.Count} updates, {preconditionFailed} x 412");

        result.Check("every client's update succeeded once", successes.Count == clients && gaveUp == 0,
            $"{successes.Count} of {clients} succeeded, {gaveUp} gave up after {MaxAttemptsPerClient} attempts");
        result.Check("every rejected update got 412", rejections.IsEmpty,
            rejections.IsEmpty ? $"{preconditionFailed} x 412 and nothing else" : string.Join(", ", rejections.Select(r => $"{r.Value} x {r.Key}")));

        var basedOn = successes.Select(s => s.BasedOn).ToList();
        result.Check("exactly one update succeeded per version", basedOn.Distinct().Count() == basedOn.Count,
            $"{basedOn.Count} successes based on {basedOn.Distinct().Count()} distinct ETags");

        var (_, final, finalETag) = await DrillClient.GetAsync(client, order.Id, ct);
        result.Check("the version rose by one per update", final?.Version == order.Version + clients,
            $"version {order.Version} before, {final?.Version} after, ETag {finalETag}");

        var last = successes.FirstOrDefault(s => s.NewETag == finalETag);
        result.Check("the last update is the current value", last.NewETag is not null && final?.Description == Value(runId, last.Client),
            $"description is '{final?.Description}'");

        var changes = await DrillClient.FieldChangesAsync(client, order.Id, "description", ct);
        var expected = Enumerable.Range(1, clients).Select(n => Value(runId, n)).Order().ToList();
        result.Check("no update lost: each is in the history once", changes.Order().SequenceEqual(expected),
            $"{changes.Count} description changes recorded for {clients} updates");
        return result;
    }

    private static string Value(string runId, int clientNumber) => $"{runId} set by client {clientNumber}";
}
