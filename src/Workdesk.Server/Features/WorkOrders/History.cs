using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.WorkOrders;

namespace Workdesk.Server.Features.WorkOrders;

/// <summary>Appends history entries to the same unit of work as the change they describe.</summary>
public sealed class History(WorkdeskDbContext db, TimeProvider clock, long? actorId)
{
    public void Record(string entityType, long entityId, string action, string? field = null, object? oldValue = null, object? newValue = null) =>
        db.Activities.Add(Entry(entityType, entityId, action, field, oldValue, newValue));

    /// <summary>Writes an entry at once instead of at the next save, where one insert is all a change writes.</summary>
    public Task InsertAsync(string entityType, long entityId, string action, string? field, object? oldValue, object? newValue, CancellationToken ct) =>
        Infrastructure.RecordInsert<Activity>.InsertAsync(db, Entry(entityType, entityId, action, field, oldValue, newValue), ct);

    /// <summary>Records a field change when the value actually changed.</summary>
    public void FieldChanged(string entityType, long entityId, string field, object? oldValue, object? newValue)
    {
        var before = Format(oldValue);
        var after = Format(newValue);
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            Record(entityType, entityId, "field_changed", field, before, after);
        }
    }

    /// <summary>Lists the recorded changes of one record, oldest first.</summary>
    public static Task<List<ActivityResponse>> ListAsync(WorkdeskDbContext db, string entityType, long entityId, CancellationToken ct) =>
        db.Activities.AsNoTracking()
            .Where(a => a.EntityType == entityType && a.EntityId == entityId)
            .OrderBy(a => a.Id)
            .Select(a => new ActivityResponse(a.Id, a.At, a.ActorId, a.Action, a.Field, a.OldValue, a.NewValue))
            .ToListAsync(ct);

    private Activity Entry(string entityType, long entityId, string action, string? field, object? oldValue, object? newValue) => new()
    {
        EntityType = entityType,
        EntityId = entityId,
        At = clock.GetUtcNow(),
        ActorId = actorId,
        Action = action,
        Field = field,
        OldValue = Format(oldValue),
        NewValue = Format(newValue),
    };

    public static string? Format(object? value)
    {
        var text = value switch
        {
            null => null,
            string s => s,
            WorkOrderStatus status => StatusNames.ToApi(status),
            Priority priority => StatusNames.ToApi(priority),
            Level level => level.ToString().ToLowerInvariant(),
            DateTimeOffset at => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            DateTime local => local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
        return text is { Length: > 2000 } ? text[..1997] + "..." : text;
    }
}
