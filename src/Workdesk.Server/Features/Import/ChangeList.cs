namespace Workdesk.Server.Features.Import;

/// <summary>The fields a row changes on an existing record, with their old and new values.</summary>
internal sealed class ChangeList
{
    private readonly List<(string Field, object? OldValue, object? NewValue)> changes = [];

    public IReadOnlyList<(string Field, object? OldValue, object? NewValue)> Items => changes;

    public bool Any => changes.Count > 0;

    /// <summary>
    /// Returns the incoming value when the file has the column, else the current one, and notes
    /// the change when the two differ.
    /// </summary>
    public T Apply<T>(string field, T current, Field<T> incoming)
    {
        if (!incoming.Present || EqualityComparer<T>.Default.Equals(current, incoming.Value))
        {
            return current;
        }

        changes.Add((field, current, incoming.Value));
        return incoming.Value;
    }

    public T Apply<T>(string field, T current, T incoming) => Apply(field, current, new Field<T>(true, incoming));
}
