namespace Workdesk.Data;

/// <summary>
/// The stored outcome of a create request sent with an Idempotency-Key, so that a retry with the
/// same key returns the first result instead of creating a duplicate.
/// </summary>
public sealed class IdempotencyRecord
{
    public long Id { get; set; }

    /// <summary>The user who sent the key; keys of different users never collide.</summary>
    public long UserId { get; set; }

    public required string Key { get; set; }

    /// <summary>Method and route template, such as "POST /api/v1/work-orders".</summary>
    public required string Operation { get; set; }

    /// <summary>Hex SHA-256 of the request body, to detect a reused key with a different body.</summary>
    public required string RequestHash { get; set; }

    public int StatusCode { get; set; }

    public required string ResponseBody { get; set; }

    public string? ResourceLocation { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
