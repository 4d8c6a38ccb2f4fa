using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.Locations;
using Workdesk.Domain.People;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.WorkOrders;

/// <summary>Filters, sort and page of the work order list; every filter is optional.</summary>
public sealed record WorkOrderQuery
{
    /// <summary>Comma-separated statuses, such as "open,in_progress".</summary>
    public string? Status { get; init; }

    /// <summary>Comma-separated priorities, such as "high,urgent".</summary>
    public string? Priority { get; init; }

    /// <summary>A location; its whole subtree matches.</summary>
    public long? LocationId { get; init; }

    public long? AssetId { get; init; }

    public long? AssigneeId { get; init; }

    public long? TeamId { get; init; }

    public long? RequesterId { get; init; }

    public long? VendorId { get; init; }

    public long? ParentId { get; init; }

    public DateTimeOffset? DueFrom { get; init; }

    public DateTimeOffset? DueTo { get; init; }

    public DateTimeOffset? CreatedFrom { get; init; }

    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Words that must all occur in the title, description or comments, ignoring case; the last word also matches the start of a word.</summary>
    public string? Q { get; init; }

    /// <summary>A field to sort by, with a leading '-' for descending: id, createdAt, updatedAt, dueAt, priority, status, title.</summary>
    public string? Sort { get; init; }

    public int? Page { get; init; }

    public int? PageSize { get; init; }
}

public static class WorkOrderList
{
    /// <param name="exactCountLimit">Search matches counted exactly; more make the total a lower bound.</param>
    public static async Task<Result<ListPage<WorkOrderResponse>>> RunAsync(
        WorkOrderQuery query, WorkdeskDbContext db, CurrentUser user, WorkOrderService service, int exactCountLimit, CancellationToken ct)
    {
        var paging = Paging.Resolve(query.Page, query.PageSize);
        if (!paging.IsSuccess)
        {
            return paging.Error!;
        }

        var search = ParseSearch(query, db, user);
        if (!search.IsSuccess)
        {
            return search.Error!;
        }

        var (page, pageSize) = paging.Value;
        var filtered = await FilterAsync(db.WorkOrders.AsNoTracking().Visible(user, db), query, db, ct);
        if (!filtered.IsSuccess)
        {
            return filtered.Error!;
        }

        // The count and the page get plans made for this request's values (see PostgresPlans).
        await using var plannedForValues = await PostgresPlans.BeginPlannedForValuesAsync(db, ct);
        var matching = search.Value;
        int total;
        var totalIsLowerBound = false;
        var walkSortIndex = false;
        IQueryable<WorkOrder> selected;
        if (matching is null)
        {
            total = await filtered.Value!.CountAsync(ct);
            selected = filtered.Value!;
        }
        else
        {
            // The index has one row per work order, so without other filters it can count alone.
            // Counting stops after the limit, so a common word does not cost a count of all its matches.
            var searchOnly = user.SeesAllSites && query with { Q = null, Sort = null, Page = null, PageSize = null } == Unfiltered;
            var matchingIds = searchOnly ? matching : filtered.Value!.Where(w => matching.Contains(w.Id)).Select(w => w.Id);
            // SQLite counts at least past DenseSearchMatches, which decides how it reads the page.
            var countLimit = db.Provider == DatabaseProvider.Sqlite ? Math.Max(exactCountLimit, DenseSearchMatches) : exactCountLimit;
            var counted = await matchingIds.Take(countLimit + 1).CountAsync(ct);
            totalIsLowerBound = counted > exactCountLimit;
            total = Math.Min(counted, exactCountLimit);
            walkSortIndex = HasSortIndex(query.Sort) && counted > Math.Min(countLimit, DenseSearchMatches);
            selected = walkSortIndex && db.Provider == DatabaseProvider.Sqlite
                ? filtered.Value!.Where(w => matching.Contains(w.Id + 0))
                : filtered.Value!.Where(w => matching.Contains(w.Id));
        }

        var sorted = Sort(selected, query.Sort);
        if (!sorted.IsSuccess)
        {
            return sorted.Error!;
        }

        // One query: the page is a subquery that the assignments are joined to, so the filter runs
        // once. A split query would repeat the filter, and a second query by the page's ids would
        // be one more round trip.
        var pageQuery = sorted.Value!
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Include(w => w.Assignments)
            .AsSingleQuery();
        if (walkSortIndex && plannedForValues is not null)
        {
            await WalkSortIndexAsync(db, ct);
        }

        var items = await pageQuery.ToListAsync(ct);
        if (plannedForValues is not null)
        {
            await plannedForValues.CommitAsync(ct);
        }

        var responses = new List<WorkOrderResponse>(items.Count);
        foreach (var item in items)
        {
            responses.Add(await service.DescribeAsync(item, ct));
        }

        return new ListPage<WorkOrderResponse>(responses, page, pageSize, total, totalIsLowerBound);
    }

    private static readonly WorkOrderQuery Unfiltered = new();

    /// <summary>Matches above which a search's page is read by walking the sort index instead of sorting every match.</summary>
    public const int DenseSearchMatches = 5_000;

    /// <summary>
    /// Returns the ids of the work orders that match <c>q</c>, null without <c>q</c>, or a query
    /// that matches nothing when <c>q</c> has no word at all, such as "--".
    /// </summary>
    private static Result<IQueryable<long>?> ParseSearch(WorkOrderQuery query, WorkdeskDbContext db, CurrentUser user)
    {
        if (string.IsNullOrWhiteSpace(query.Q))
        {
            return Result<IQueryable<long>?>.From(null);
        }

        var words = TextSearch.ParseWords(query.Q);
        if (!words.IsSuccess)
        {
            return words.Error!;
        }

        return words.Value!.Count == 0
            ? Result<IQueryable<long>?>.From(db.WorkOrders.Where(w => false).Select(w => w.Id))
            : Result<IQueryable<long>?>.From(TextSearch.MatchingWorkOrderIds(db, words.Value, includeInternalComments: user.Role.IsStaff()));
    }

    /// <summary>
    /// Returns whether the sort has an index. A search with many matches then reads its page in the
    /// order of that index and tests each work order against the matches, instead of looking up
    /// every match and sorting them all.
    /// </summary>
    /// <remarks>
    /// With many matches the first page is found after a short walk of the index (at 1M work orders
    /// and 86,000 matches: 20 ms against 170 to 800 ms for the lookups on SQLite, measured with the
    /// benchmark data set). With few matches the lookups are cheaper, because the walk may read the
    /// whole index. On SQLite the query compares "Id + 0", which cannot use the primary key, so
    /// SQLite takes the sort index. PostgreSQL takes it only when
    /// <see cref="WalkSortIndexAsync"/> turns off its other scans.
    /// NOTE: the walk is short only when the matches are spread along the sort order. When the
    /// first tens of thousands of work orders in that order all miss the words, the walk reads
    /// them all: on PostgreSQL, 27,500 such rows took 110 to 140 ms.
    /// </remarks>
    private static bool HasSortIndex(string? sort) =>
        (sort ?? "-createdAt").Trim().TrimStart('-', '+') is "createdAt" or "updatedAt" or "dueAt" or "id";

    /// <summary>
    /// Turns off PostgreSQL's bitmap scans, sequential scans and parallel workers for the rest of
    /// the list's transaction, so that the planner walks the sort index and looks up each work
    /// order's search row by its key.
    /// </summary>
    /// <remarks>
    /// The planner underestimates how many rows match several words, so it chose to read every
    /// match through the GIN index, or the whole table, and sort them. On the 1M benchmark data set
    /// (EXPLAIN ANALYZE, PostgreSQL 15) the walk took 5 ms instead of 200 ms for "no hot water"
    /// (20,726 matches) and 14 ms instead of 220 ms for "grohe valve". For "smoke detector" it took
    /// 25 ms instead of 530 ms, because with sequential scans allowed the plan read the whole table.
    /// </remarks>
    private static Task<int> WalkSortIndexAsync(WorkdeskDbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync("SET LOCAL enable_bitmapscan = off; SET LOCAL enable_seqscan = off; SET LOCAL max_parallel_workers_per_gather = 0", ct);

    private static async Task<Result<IQueryable<WorkOrder>>> FilterAsync(
        IQueryable<WorkOrder> q, WorkOrderQuery query, WorkdeskDbContext db, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(query.Status))
        {
            var statuses = new List<WorkOrderStatus>();
            foreach (var part in query.Status.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!StatusNames.TryParse(part, out WorkOrderStatus status))
                {
                    return Error.Invalid("status", $"status '{part}' is unknown. Use one or more of: {string.Join(", ", Enum.GetValues<WorkOrderStatus>().Select(StatusNames.ToApi))}.");
                }

                statuses.Add(status);
            }

            // One array parameter (json_each on SQLite, = ANY on PostgreSQL) keeps the SQL the same
            // for every list of statuses, so EF Core 10 reuses its cached command. With one parameter
            // per status it built the SQL again on each request, under a lock.
            q = q.Where(w => EF.Parameter(statuses).Contains(w.Status));
        }

        if (!string.IsNullOrWhiteSpace(query.Priority))
        {
            var priorities = new List<Priority>();
            foreach (var part in query.Priority.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!StatusNames.TryParse(part, out Priority priority))
                {
                    return Error.Invalid("priority", $"priority '{part}' is unknown. Use one or more of: low, medium, high, urgent.");
                }

                priorities.Add(priority);
            }

            q = q.Where(w => EF.Parameter(priorities).Contains(w.Priority));
        }

        if (query.LocationId is { } locationId)
        {
            var path = await db.Locations.Where(l => l.Id == locationId).Select(l => l.Path).SingleOrDefaultAsync(ct);
            if (path is null)
            {
                return Error.Invalid("locationId", $"Location {locationId} does not exist.");
            }

            var subtree = db.Locations.InSubtrees([path]).Select(l => (long?)l.Id);
            q = q.Where(w => subtree.Contains(w.LocationId));
        }

        if (query.AssetId is { } assetId)
        {
            q = q.Where(w => w.AssetId == assetId);
        }

        if (query.AssigneeId is { } assigneeId)
        {
            q = q.Where(w => db.WorkOrderAssignments.Any(a => a.WorkOrderId == w.Id && a.UserId == assigneeId));
        }

        if (query.TeamId is { } teamId)
        {
            q = q.Where(w => db.WorkOrderAssignments.Any(a => a.WorkOrderId == w.Id && a.TeamId == teamId));
        }

        if (query.RequesterId is { } requesterId)
        {
            q = q.Where(w => w.RequesterId == requesterId);
        }

        if (query.VendorId is { } vendorId)
        {
            q = q.Where(w => w.VendorId == vendorId);
        }

        if (query.ParentId is { } parentId)
        {
            q = q.Where(w => w.ParentId == parentId);
        }

        if (query.DueFrom is { } dueFrom)
        {
            q = q.Where(w => w.DueAt >= dueFrom.ToUniversalTime());
        }

        if (query.DueTo is { } dueTo)
        {
            q = q.Where(w => w.DueAt < dueTo.ToUniversalTime());
        }

        if (query.CreatedFrom is { } createdFrom)
        {
            q = q.Where(w => w.CreatedAt >= createdFrom.ToUniversalTime());
        }

        if (query.CreatedTo is { } createdTo)
        {
            q = q.Where(w => w.CreatedAt < createdTo.ToUniversalTime());
        }

        return Result<IQueryable<WorkOrder>>.From(q);
    }

    private static Result<IQueryable<WorkOrder>> Sort(IQueryable<WorkOrder> q, string? sort)
    {
        var field = (sort ?? "-createdAt").Trim();
        var descending = field.StartsWith('-');
        field = field.TrimStart('-', '+');
        IOrderedQueryable<WorkOrder>? ordered = field switch
        {
            "id" => descending ? q.OrderByDescending(w => w.Id) : q.OrderBy(w => w.Id),
            "createdAt" => descending ? q.OrderByDescending(w => w.CreatedAt) : q.OrderBy(w => w.CreatedAt),
            "updatedAt" => descending ? q.OrderByDescending(w => w.UpdatedAt) : q.OrderBy(w => w.UpdatedAt),
            "dueAt" => descending ? q.OrderByDescending(w => w.DueAt) : q.OrderBy(w => w.DueAt),
            "resolutionDueAt" => descending ? q.OrderByDescending(w => w.ResolutionDueAt) : q.OrderBy(w => w.ResolutionDueAt),
            "priority" => descending ? q.OrderByDescending(w => w.Priority) : q.OrderBy(w => w.Priority),
            "status" => descending ? q.OrderByDescending(w => w.Status) : q.OrderBy(w => w.Status),
            "title" => descending ? q.OrderByDescending(w => w.Title) : q.OrderBy(w => w.Title),
            _ => null,
        };
        if (ordered is null)
        {
            return Error.Invalid("sort", $"sort '{sort}' is unknown. Use one of id, createdAt, updatedAt, dueAt, resolutionDueAt, priority, status, title, with a leading '-' for descending.");
        }

        // The id breaks ties so that paging never shows a row twice or skips one.
        return Result<IQueryable<WorkOrder>>.From(descending ? ordered.ThenByDescending(w => w.Id) : ordered.ThenBy(w => w.Id));
    }
}
