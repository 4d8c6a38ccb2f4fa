using System.Linq.Expressions;
using Workdesk.Data;
using Workdesk.Domain.Locations;
using Workdesk.Domain.People;
using Workdesk.Domain.Requests;
using Workdesk.Domain.WorkOrders;

namespace Workdesk.Server.Features.Auth;

/// <summary>
/// The record-level visibility rules. Every list, count, search and single read goes through
/// these filters, so what a user can count is exactly what they can open.
/// </summary>
public static class AccessScope
{
    /// <summary>Keeps the work orders the user may see.</summary>
    public static IQueryable<WorkOrder> Visible(this IQueryable<WorkOrder> query, CurrentUser user, WorkdeskDbContext db)
    {
        switch (user.Role)
        {
            case Role.Requester:
                return query.Where(w => w.RequesterId == user.Id || w.CreatedById == user.Id);
            case Role.Vendor:
                var vendorId = user.VendorId ?? -1;
                return query.Where(w => w.VendorId == vendorId);
            case Role.Administrator:
            case Role.Dispatcher:
            case Role.Technician:
                if (user.SeesAllSites)
                {
                    return query;
                }

                var sites = db.Locations.InSubtrees(user.SitePaths).Select(l => (long?)l.Id);
                return query.Where(w => sites.Contains(w.LocationId));
        }

        return query.Where(w => false);
    }

    /// <summary>Keeps the requests the user may see; vendors see none.</summary>
    public static IQueryable<WorkRequest> Visible(this IQueryable<WorkRequest> query, CurrentUser user, WorkdeskDbContext db)
    {
        switch (user.Role)
        {
            case Role.Requester:
                return query.Where(r => r.RequesterId == user.Id);
            case Role.Vendor:
                return query.Where(r => false);
            case Role.Administrator:
            case Role.Dispatcher:
            case Role.Technician:
                if (user.SeesAllSites)
                {
                    return query;
                }

                var sites = db.Locations.InSubtrees(user.SitePaths).Select(l => (long?)l.Id);
                return query.Where(r => sites.Contains(r.LocationId));
        }

        return query.Where(r => false);
    }

    /// <summary>Keeps the locations inside any of the subtrees rooted at the given paths.</summary>
    public static IQueryable<Location> InSubtrees(this IQueryable<Location> locations, IEnumerable<string> paths)
    {
        var location = Expression.Parameter(typeof(Location), "l");
        var path = Expression.Property(location, nameof(Location.Path));
        var compareTo = typeof(string).GetMethod(nameof(string.CompareTo), [typeof(string)])!;
        Expression? any = null;
        foreach (var root in paths)
        {
            var (lower, upper) = Location.SubtreeRange(root);
            var inRange = Expression.AndAlso(
                Expression.GreaterThanOrEqual(Expression.Call(path, compareTo, Parameter(lower)), Expression.Constant(0)),
                Expression.LessThan(Expression.Call(path, compareTo, Parameter(upper)), Expression.Constant(0)));
            any = any is null ? inRange : Expression.OrElse(any, inRange);
        }

        return locations.Where(Expression.Lambda<Func<Location, bool>>(any ?? Expression.Constant(false), location));
    }

    /// <summary>Wraps a value so that EF Core sends it as a SQL parameter, not a literal.</summary>
    private static MemberExpression Parameter(string value) =>
        Expression.Property(Expression.Constant(new StringHolder(value)), nameof(StringHolder.Value));

    private sealed record StringHolder(string Value);
}
