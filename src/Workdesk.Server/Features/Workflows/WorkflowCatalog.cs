using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.Workflows;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Hosting;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.Workflows;

/// <summary>A work order type with the version new work orders get.</summary>
public sealed record TypeSummary(string Key, string Name, int CurrentVersion, bool BuiltIn);

/// <summary>
/// Reads work order types and their workflow versions. Built-in types that an administrator never
/// changed exist only in code, so every read merges the stored rows with <see cref="BuiltInWorkflows"/>.
/// Stored types and definitions come from <see cref="ReferenceData"/>, which reloads them when any
/// server node or the CLI saved a change.
/// </summary>
public sealed class WorkflowCatalog(WorkdeskDbContext db, TimeProvider clock, ReferenceData reference)
{
    /// <summary>Serializer options for stored definitions; the same names and enum spellings the API uses.</summary>
    public static readonly JsonSerializerOptions Json = WebApp.CreateJsonOptions();

    private readonly Dictionary<(string, int), WorkflowDefinition?> definitions = [];

    public async Task<List<TypeSummary>> ListAsync(CancellationToken ct)
    {
        var stored = await db.WorkOrderTypes.AsNoTracking().OrderBy(t => t.Key).Take(1000).ToListAsync(ct);
        var types = BuiltInWorkflows.Types
            .Where(b => stored.All(s => s.Key != b.Key))
            .Select(b => new TypeSummary(b.Key, b.Name, 1, true))
            .Concat(stored.Select(s => new TypeSummary(s.Key, s.Name, s.CurrentVersion, BuiltInWorkflows.IsBuiltIn(s.Key))));
        return [.. types.OrderBy(t => t.Key, StringComparer.Ordinal)];
    }

    public async Task<TypeSummary?> FindAsync(string key, CancellationToken ct)
    {
        if ((await StoredTypesAsync(ct)).TryGetValue(key, out var stored))
        {
            return stored;
        }

        return BuiltInWorkflows.Types.Where(b => b.Key == key).Select(b => new TypeSummary(b.Key, b.Name, 1, true)).FirstOrDefault();
    }

    /// <summary>Rejects a type key that is neither built in nor created by an administrator.</summary>
    public async Task<Error?> CheckTypeAsync(string? key, CancellationToken ct) =>
        key is null || BuiltInWorkflows.IsBuiltIn(key) || (await StoredTypesAsync(ct)).ContainsKey(key)
            ? null
            : await CheckTypeAsync(db, key, ct);

    private Task<Dictionary<string, TypeSummary>> StoredTypesAsync(CancellationToken ct) =>
        reference.GetAsync("work-order-types", async (context, token) =>
            (await context.WorkOrderTypes.AsNoTracking().ToListAsync(token))
                .ToDictionary(t => t.Key, t => new TypeSummary(t.Key, t.Name, t.CurrentVersion, BuiltInWorkflows.IsBuiltIn(t.Key)), StringComparer.Ordinal),
            ct);

    /// <summary>Rejects a type key that is neither built in nor created by an administrator.</summary>
    public static async Task<Error?> CheckTypeAsync(WorkdeskDbContext db, string? key, CancellationToken ct)
    {
        if (key is null || BuiltInWorkflows.IsBuiltIn(key) || await db.WorkOrderTypes.AnyAsync(t => t.Key == key, ct))
        {
            return null;
        }

        var stored = await db.WorkOrderTypes.OrderBy(t => t.Key).Select(t => t.Key).Take(1000).ToListAsync(ct);
        var known = BuiltInWorkflows.Types.Select(t => t.Key).Union(stored).Order(StringComparer.Ordinal);
        return Error.Invalid("type", $"type '{key}' is unknown. Use one of: {string.Join(", ", known)}.");
    }

    /// <summary>Returns one version of a type's workflow, or null when the type or version does not exist.</summary>
    public async Task<WorkflowDefinition?> GetDefinitionAsync(string key, int version, CancellationToken ct)
    {
        if (definitions.TryGetValue((key, version), out var cached))
        {
            return cached;
        }

        var shared = await reference.GetAsync(
            "workflow-definitions", (_, _) => Task.FromResult(new ConcurrentDictionary<(string, int), WorkflowDefinition?>()), ct);
        if (shared.TryGetValue((key, version), out cached))
        {
            definitions[(key, version)] = cached;
            return cached;
        }

        var text = await db.WorkflowVersions.AsNoTracking()
            .Where(v => v.TypeKey == key && v.Number == version)
            .Select(v => v.Definition)
            .SingleOrDefaultAsync(ct);
        var definition = text is not null
            ? JsonSerializer.Deserialize<WorkflowDefinition>(text, Json)
            : version == 1 && BuiltInWorkflows.IsBuiltIn(key) ? BuiltInWorkflows.Create(key) : null;
        definitions[(key, version)] = definition;
        shared[(key, version)] = definition;
        return definition;
    }

    /// <summary>
    /// Returns the workflow a work order follows: its type at the version it is pinned to. A type
    /// that neither is built in nor was created here, which only rows written around the API can
    /// have, gets the standard lifecycle without required fields.
    /// </summary>
    public async Task<WorkflowDefinition> GetForAsync(WorkOrder workOrder, CancellationToken ct) =>
        await GetDefinitionAsync(workOrder.Type, workOrder.WorkflowVersion, ct)
        ?? BuiltInWorkflows.Create(workOrder.Type);

    /// <summary>Lists the version numbers stored for a type, newest first, with version 1 of an unchanged built-in type.</summary>
    public async Task<List<int>> ListVersionsAsync(string key, CancellationToken ct)
    {
        var numbers = await db.WorkflowVersions.AsNoTracking().Where(v => v.TypeKey == key)
            .OrderByDescending(v => v.Number).Select(v => v.Number).Take(1000).ToListAsync(ct);
        if (numbers.Count == 0 && BuiltInWorkflows.IsBuiltIn(key))
        {
            numbers.Add(1);
        }

        return numbers;
    }

    /// <summary>
    /// Saves a validated definition as the type's next version and makes it current. For a built-in
    /// type saved for the first time, version 1 is stored as well, so the work orders pinned to it
    /// keep reading the same definition. Returns the new version number.
    /// </summary>
    public async Task<int> SaveVersionAsync(string key, string name, WorkflowDefinition definition, long? userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var type = await db.WorkOrderTypes.SingleOrDefaultAsync(t => t.Key == key, ct);
        int number;
        if (type is null)
        {
            var builtIn = BuiltInWorkflows.IsBuiltIn(key);
            number = builtIn ? 2 : 1;
            type = new WorkOrderType { Key = key, Name = name, CreatedAt = now };
            db.WorkOrderTypes.Add(type);
            if (builtIn)
            {
                AddVersion(key, 1, BuiltInWorkflows.Create(key), null, now);
            }
        }
        else
        {
            number = await db.WorkflowVersions.Where(v => v.TypeKey == key).MaxAsync(v => (int?)v.Number, ct) + 1 ?? 1;
        }

        AddVersion(key, number, definition, userId, now);
        type.Name = name;
        type.CurrentVersion = number;
        type.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        definitions[(key, number)] = definition;
        return number;
    }

    private void AddVersion(string key, int number, WorkflowDefinition definition, long? userId, DateTimeOffset now) =>
        db.WorkflowVersions.Add(new WorkflowVersion
        {
            TypeKey = key,
            Number = number,
            Definition = JsonSerializer.Serialize(definition, Json),
            CreatedAt = now,
            CreatedById = userId,
        });
}
