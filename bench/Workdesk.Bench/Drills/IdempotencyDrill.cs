using System.Collections.Concurrent;
using System.Net;

namespace Workdesk.Bench.Drills;

/// <summary>
/// Sends creates with an Idempotency-Key each and repeats every tenth key: half of the repeats
/// at the same moment as the first request, half after it returned. Checks that every key created
/// exactly one work order and that each repeat returned that work order.
/// </summary>
internal static class IdempotencyDrill
{
    public static async Task<DrillResult> RunAsync(HttpClient client, int creates, int clients, TextWriter output, CancellationToken ct)
    {
        var result = new DrillResult("idempotency drill");
        var runId = DrillIds.New();
        var idsByKey = new ConcurrentDictionary<string, ConcurrentBag<long>>();
        var failures = new ConcurrentDictionary<string, int>();
        long replayed = 0;

        async Task SendAsync(int number, string key)
        {
            var (status, created, wasReplayed) = await DrillClient.CreateAsync(client, $"Idempotency drill {runId} number {number}", key, ct);
            if (status != HttpStatusCode.Created || created is null)
            {
                failures.AddOrUpdate($"HTTP {(int)status}", 1, (_, n) => n + 1);
                return;
            }

            idsByKey.GetOrAdd(key, _ => []).Add(created.Id);
            if (wasReplayed)
            {
                Interlocked.Increment(ref replayed);
            }
        }

        var repeatedKeys = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, creates), new ParallelOptions { MaxDegreeOfParallelism = clients, CancellationToken = ct }, async (number, _) =>
        {
            var key = $"{runId}-{number}";
            if (number % 10 != 0)
            {
                await SendAsync(number, key);
                return;
            }

            Interlocked.Increment(ref repeatedKeys);
            if (number % 20 == 0)
            {
                await Task.WhenAll(SendAsync(number, key), SendAsync(number, key));
            }
            else
            {
                await SendAsync(number, key);
                await SendAsync(number, key);
            }
        });

        var requests = creates + repeatedKeys;
        var distinctIds = idsByKey.Values.SelectMany(ids => ids).Distinct().Count();
        var keysWithTwoIds = idsByKey.Count(pair => pair.Value.Distinct().Count() != 1);
        result.Figures["keys"] = creates;
        result.Figures["repeated keys"] = repeatedKeys;
        result.Figures["requests"] = requests;
        result.Figures["responses marked Idempotency-Replayed"] = replayed;
        await output.WriteLineAsync($"{requests} create requests for {creates} keys, {repeatedKeys} of them sent twice");

        result.Check("every request returned 201 with a work order", failures.IsEmpty,
            failures.IsEmpty ? $"{requests} responses" : string.Join(", ", failures.Select(f => $"{f.Value} x {f.Key}")));
        result.Check("each key returned one work order id", keysWithTwoIds == 0 && idsByKey.Count == creates,
            $"{idsByKey.Count} keys answered, {keysWithTwoIds} with more than one id");
        result.Check("repeats were replayed", replayed == repeatedKeys, $"{replayed} replayed for {repeatedKeys} repeated keys");

        var stored = await DrillClient.CountMatchesAsync(client, runId, ct);
        result.Figures["drill work orders in the database"] = stored;
        result.Check("zero duplicates", stored == creates && distinctIds == creates, $"{stored} work orders stored and {distinctIds} ids returned for {creates} keys");
        return result;
    }
}
