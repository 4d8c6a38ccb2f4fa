using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Server.Features.Auth;

namespace Workdesk.Server.Infrastructure;

/// <summary>What a successful create produced: the body to return and where the new record lives.</summary>
public sealed record Created(object Body, string Location, long Id, int Version);

/// <summary>
/// Runs creates sent with an Idempotency-Key header so that a retry returns the first result. The
/// key's record is written in the same transaction as the record it created, so a crash between
/// the two cannot leave a created record whose retry would create it again.
/// </summary>
public sealed class Idempotency(
    WorkdeskDbContext db, CurrentUser currentUser, TimeProvider clock, JsonSerializerOptions json, SqliteGroupCommit groupCommit, ILogger<Idempotency> logger)
{
    public const string HeaderName = "Idempotency-Key";
    private const int MaxKeyLength = 200;

    /// <summary>
    /// Runs <paramref name="create"/> in one transaction with the key's record, or replays the
    /// result of an earlier request with the same key.
    /// </summary>
    /// <param name="checksFirst">
    /// Starts the transaction at the create's first save instead of before it runs. Only for a
    /// create whose reads before that save are checks that a concurrent write cannot turn false,
    /// such as whether a referenced record exists: on SQLite they then run while other creates
    /// write. A uniqueness check is not such a read.
    /// </param>
    public async Task<IResult> CreateAsync(
        HttpContext http, string operation, object request, Func<CancellationToken, Task<Result<Created>>> create, bool checksFirst = false)
    {
        var ct = http.RequestAborted;
        var key = http.Request.Headers[HeaderName].ToString();
        if (string.IsNullOrEmpty(key))
        {
            return Respond(http, await RunInTransactionAsync(create, checksFirst, ct), replayed: false);
        }

        if (key.Length > MaxKeyLength)
        {
            return Problems.Invalid(HeaderName, $"The Idempotency-Key header must be at most {MaxKeyLength} characters; a UUID is a good choice.");
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, request.GetType(), json)));
        var earlier = await FindAsync(key, ct);
        if (earlier is not null)
        {
            return Replay(http, earlier, operation, hash);
        }

        try
        {
            var result = await RunInTransactionAsync(create, checksFirst, ct, created => db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                UserId = currentUser.Id,
                Key = key,
                Operation = operation,
                RequestHash = hash,
                StatusCode = StatusCodes.Status201Created,
                ResponseBody = JsonSerializer.Serialize(created.Body, created.Body.GetType(), json),
                ResourceLocation = created.Location,
                CreatedAt = clock.GetUtcNow(),
            }));
            return Respond(http, result, replayed: false);
        }
        catch (DbUpdateException e)
        {
            // Two requests with the same key raced; the other one committed first.
            db.ChangeTracker.Clear();
            earlier = await FindAsync(key, ct);
            if (earlier is null)
            {
                throw;
            }

            logger.LogInformation(e, "Concurrent request with the same idempotency key {IdempotencyKey} replayed", key);
            return Replay(http, earlier, operation, hash);
        }
    }

    private async Task<Result<Created>> RunInTransactionAsync(
        Func<CancellationToken, Task<Result<Created>>> create, bool checksFirst, CancellationToken ct, Action<Created>? beforeCommit = null)
    {
        // A failed save ends the whole create, and its transaction or savepoint is rolled back, so
        // the SAVEPOINT and RELEASE statements that EF would wrap around each save are not needed.
        var savepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            if (db.Provider == DatabaseProvider.Sqlite)
            {
                return await groupCommit.RunAsync(db, c => CreateAndRecordAsync(create, beforeCommit, c), checksFirst, ct);
            }

            return await RunInOwnTransactionAsync(c => CreateAndRecordAsync(create, beforeCommit, c), checksFirst, ct);
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = savepoints;
        }
    }

    private async Task<Result<Created>> RunInOwnTransactionAsync(
        Func<CancellationToken, Task<Result<Created>>> work, bool checksFirst, CancellationToken ct)
    {
        IDbContextTransaction? transaction = null;
        async Task BeginAsync(CancellationToken c) => transaction = await db.Database.BeginTransactionAsync(c);

        // The checks and the transaction share one pooled connection, so Npgsql resets it with its
        // seven statements once for them all instead of once for each.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await db.StartWritingAsync(BeginAsync, checksFirst, ct);
            var result = await work(ct);
            if (result.IsSuccess && transaction is not null)
            {
                await transaction.CommitAsync(ct);
            }

            return result;
        }
        finally
        {
            db.BeforeFirstWrite = null;
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }

            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<Result<Created>> CreateAndRecordAsync(
        Func<CancellationToken, Task<Result<Created>>> create, Action<Created>? beforeCommit, CancellationToken ct)
    {
        var result = await create(ct);
        if (result.IsSuccess && beforeCommit is not null)
        {
            beforeCommit(result.Value!);
            await db.SaveChangesAsync(ct);
        }

        return result;
    }

    private Task<IdempotencyRecord?> FindAsync(string key, CancellationToken ct) =>
        db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.UserId == currentUser.Id && r.Key == key, ct);

    private static IResult Respond(HttpContext http, Result<Created> result, bool replayed)
    {
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem();
        }

        var created = result.Value!;
        ETags.Set(http.Response, created.Id, created.Version);
        http.Response.Headers["Idempotency-Replayed"] = replayed ? "true" : "false";
        return Results.Created(created.Location, created.Body);
    }

    private static IResult Replay(HttpContext http, IdempotencyRecord earlier, string operation, string hash)
    {
        if (!string.Equals(earlier.Operation, operation, StringComparison.Ordinal) || !string.Equals(earlier.RequestHash, hash, StringComparison.Ordinal))
        {
            return Results.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Idempotency-Key reused with a different request.",
                detail: "This Idempotency-Key was already used for a different request. Use a new key for a new request; reuse a key only to retry the identical request.",
                extensions: new Dictionary<string, object?> { ["field"] = HeaderName });
        }

        http.Response.Headers["Idempotency-Replayed"] = "true";
        if (earlier.ResourceLocation is not null)
        {
            http.Response.Headers.Location = earlier.ResourceLocation;
        }

        return Results.Content(earlier.ResponseBody, "application/json", Encoding.UTF8, earlier.StatusCode);
    }
}
