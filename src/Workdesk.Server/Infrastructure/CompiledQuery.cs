using System.Collections.Concurrent;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Workdesk.Data;

namespace Workdesk.Server.Infrastructure;

/// <summary>
/// A query that EF Core translates once per model instead of looking it up in its query cache on
/// every run, for the queries that every request runs.
/// </summary>
/// <remarks>
/// EF Core rejects a compiled query run against another model than its first run, and the SQLite
/// and PostgreSQL contexts have different models, so each model gets its own compiled copy.
/// </remarks>
public sealed class CompiledQuery<TArgument, TResult>(Expression<Func<WorkdeskDbContext, TArgument, CancellationToken, TResult>> query)
{
    private readonly ConcurrentDictionary<IModel, Func<WorkdeskDbContext, TArgument, CancellationToken, Task<TResult>>> compiled = new();

    public Task<TResult> RunAsync(WorkdeskDbContext db, TArgument argument, CancellationToken ct) =>
        compiled.GetOrAdd(db.Model, _ => EF.CompileAsyncQuery(query))(db, argument, ct);
}
