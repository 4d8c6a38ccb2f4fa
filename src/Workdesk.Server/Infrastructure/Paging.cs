using Workdesk.Domain.Common;

namespace Workdesk.Server.Infrastructure;

/// <summary>One page of a list, with the total number of matching records.</summary>
/// <param name="TotalCountIsLowerBound">
/// Whether <paramref name="TotalCount"/> is a lower bound rather than the exact number. A text search
/// sets it when it finds more matches than it counts exactly (Workdesk:Search:ExactCountLimit).
/// </param>
public sealed record ListPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount, bool TotalCountIsLowerBound = false);

public static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>Validates page and page size, applying the defaults for missing values.</summary>
    public static Result<(int Page, int PageSize)> Resolve(int? page, int? pageSize)
    {
        var resolvedPage = page ?? 1;
        var resolvedSize = pageSize ?? DefaultPageSize;
        if (resolvedPage < 1)
        {
            return Error.Invalid("page", $"page must be 1 or more; got {resolvedPage}.");
        }

        if (resolvedSize is < 1 or > MaxPageSize)
        {
            return Error.Invalid("pageSize", $"pageSize must be between 1 and {MaxPageSize}; got {resolvedSize}.");
        }

        return (resolvedPage, resolvedSize);
    }
}
