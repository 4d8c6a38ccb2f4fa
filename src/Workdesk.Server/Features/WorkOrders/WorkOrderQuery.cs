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
/// <param name="Status">Comma-separated statuses, such as "open,in_progress".</param>
/// <param name="Priority">Comma-separated priorities, such as "high,urgent".</param>
/// <param name="LocationId">A location; its whole subtree matches.</param>
/// <param name="Q">Words that the title and description, or one comment, contain, ignoring case; the last word also matches the start of a word.</param>
/// <param name="Sort">A field to sort by, with a leading '-' for descending: id, createdAt, updatedAt, dueAt, priority, status, title.</param>
public sealed record WorkOrderQuery(
    string? Status,
    string? Priority,
    long? LocationId,
    long? AssetId,
    long? AssigneeId,
    long? TeamId,
    long? RequesterId,
    long? VendorId,
    long? ParentId,
    DateTimeOffset? DueFrom,
    DateTimeOffset? DueTo,
    DateTimeOffset? CreatedFrom,
    DateTimeOffset? CreatedTo,
    string? Q,
    string? Sort,
    int? Page,
    int? PageSize);

public static class WorkOrderList
{
    public static async Task<Result<ListPage<WorkOrderResponse>>> RunAsync(
        WorkOrderQuery query, WorkdeskDbContext db, CurrentUser user, WorkOrderService service, CancellationToken ct)
    {
        var paging = Paging.Resolve(query.Page, query.PageSize);
        if (!paging.IsSuccess)
        {
            return paging.Error!;
        }

        var filtered = await FilterAsync(db.WorkOrders.AsNoTracking().Visible(user, db), query, db, user, ct);
        if (!filtered.IsSuccess)
        {
            return filtered.Error!;
        }

        var sorted = Sort(filtered.Value!, query.Sort);
        if (!sorted.IsSuccess)
        {
            return sorted.Error!;
        }

        var (page, pageSize) = paging.Value;
        var total = await filtered.Value!.CountAsync(ct);
        var items = await sorted.Value!
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .ToListAsync(ct);

        // Assignments are read by the page's ids; an Include would repeat the whole filter.
        var ids = items.Select(w => w.Id).ToList();
        var assignments = (await db.WorkOrderAssignments.AsNoTracking().Where(a => ids.Contains(a.WorkOrderId)).ToListAsync(ct))
            .ToLookup(a => a.WorkOrderId);
        foreach (var item in items)
        {
            item.Assignments = [.. assignments[item.Id]];
        }
        var responses = new List<WorkOrderResponse>(items.Count);
        foreach (var item in items)
        {
            responses.Add(await service.DescribeAsync(item, ct));
        }

        return new ListPage<WorkOrderResponse>(responses, page, pageSize, total);
    }

    private static async Task<Result<IQueryable<WorkOrder>>> FilterAsync(
        IQueryable<WorkOrder> q, WorkOrderQuery query, WorkdeskDbContext db, CurrentUser user, CancellationToken ct)
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

            q = q.Where(w => statuses.Contains(w.Status));
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

            q = q.Where(w => priorities.Contains(w.Priority));
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

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var words = TextSearch.ParseWords(query.Q);
            if (!words.IsSuccess)
            {
                return words.Error!;
            }

            // Text without a single letter or digit, such as "--", cannot occur in any word.
            if (words.Value!.Count == 0)
            {
                return Result<IQueryable<WorkOrder>>.From(q.Where(w => false));
            }

            var matching = TextSearch.MatchingWorkOrderIds(db, words.Value, includeInternalComments: user.Role.IsStaff());
            q = q.Where(w => matching.Contains(w.Id));
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
