namespace Workdesk.Domain.People;

/// <summary>A named work order list query that a user saved to open again.</summary>
public sealed class SavedView
{
    public long Id { get; set; }

    public long UserId { get; set; }

    public required string Name { get; set; }

    /// <summary>The list's query string, such as "status=open&amp;priority=high&amp;sort=dueAt".</summary>
    public required string Query { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
