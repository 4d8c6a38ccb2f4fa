using System.Collections.Concurrent;
using Workdesk.Domain.Workflows;

namespace Workdesk.Server.Features.Workflows;

/// <summary>
/// Workflow definitions by type key and version number, shared by all requests of this server.
/// A stored version never changes and is never deleted, so an entry stays true once it was read
/// from a committed row. Server nodes that save new versions add new numbers, which miss here.
/// </summary>
public sealed class WorkflowDefinitionCache
{
    private readonly ConcurrentDictionary<(string Key, int Version), WorkflowDefinition> definitions = new();

    public bool TryGet(string key, int version, out WorkflowDefinition definition) =>
        definitions.TryGetValue((key, version), out definition!);

    public void Add(string key, int version, WorkflowDefinition definition) =>
        definitions.TryAdd((key, version), definition);
}
