using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.Auth;

namespace Workdesk.Server.Features.Import;

/// <summary>
/// Writes records as CSV in the format import reads, streaming rows from the database to the
/// output. Requests and work orders are limited to those the user may see, as in the lists.
/// </summary>
public sealed class CsvExporter(WorkdeskDbContext db, ILogger<CsvExporter> logger)
{
    /// <summary>Assets fetched per query when exporting them parents first.</summary>
    private const int AssetChunk = 500;

    /// <summary>
    /// Writes every record of the kind. Text that a spreadsheet would run as a formula (starting
    /// with =, +, -, @) gets an apostrophe in front, which import removes again.
    /// </summary>
    /// <param name="user">The user whose visibility applies, or null for the command line, which exports everything.</param>
    /// <returns>The number of records written, not counting the header.</returns>
    public async Task<long> ExportAsync(DataKind kind, CurrentUser? user, Stream output, CancellationToken ct)
    {
        await using var writer = CsvWriter.Create(output, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true);
        writer.WriteHeader([.. CsvColumns.For(kind).All]);
        var rows = kind switch
        {
            DataKind.Locations => await WriteLocationsAsync(writer, ct),
            DataKind.Assets => await WriteAssetsAsync(writer, ct),
            DataKind.Requests => await WriteRequestsAsync(writer, user, ct),
            DataKind.WorkOrders => await WriteWorkOrdersAsync(writer, user, ct),
        };
        await writer.FlushAsync(ct);
        ImportLog.Exported(logger, DataKinds.Name(kind), rows);
        return rows;
    }

    /// <summary>Writes locations ordered by path, so that every parent comes before its children.</summary>
    private async Task<long> WriteLocationsAsync(CsvWriter writer, CancellationToken ct)
    {
        var query =
            from l in db.Locations.AsNoTracking()
            join p in db.Locations on l.ParentId equals (long?)p.Id into parents
            from p in parents.DefaultIfEmpty()
            orderby l.Path, l.Id
            select new { l.Id, l.ExternalId, l.Name, l.ParentId, ParentExternalId = p != null ? p.ExternalId : null, l.Kind, l.Code, l.Address, l.Latitude, l.Longitude, l.TimeZone };
        long rows = 0;
        await foreach (var l in query.AsAsyncEnumerable().WithCancellation(ct))
        {
            writer.WriteField(CsvColumns.Key("location", l.ExternalId, l.Id));
            writer.WriteField(l.Name);
            writer.WriteField(CsvColumns.Key("location", l.ParentExternalId, l.ParentId));
            writer.WriteField(l.Kind);
            writer.WriteField(l.Code);
            writer.WriteField(l.Address);
            writer.WriteField(l.Latitude, "");
            writer.WriteField(l.Longitude, "");
            writer.WriteField(l.TimeZone);
            await writer.EndRecordAsync(ct);
            rows++;
        }

        return rows;
    }

    /// <summary>
    /// Writes assets parents first, so that import finds each parent before the assets inside it.
    /// </summary>
    // NOTE: the order needs every asset's id and parent id in memory, two longs per asset. The
    // asset rows themselves are read in chunks.
    private async Task<long> WriteAssetsAsync(CsvWriter writer, CancellationToken ct)
    {
        var parents = await db.Assets.AsNoTracking().Select(a => new { a.Id, a.ParentId }).ToDictionaryAsync(a => a.Id, a => a.ParentId, ct);
        var ordered = parents.Keys.OrderBy(id => Depth(id, parents)).ThenBy(id => id).ToList();
        long rows = 0;
        foreach (var chunk in ordered.Chunk(AssetChunk))
        {
            var query =
                from a in db.Assets.AsNoTracking()
                where chunk.Contains(a.Id)
                join l in db.Locations on a.LocationId equals (long?)l.Id into locations
                from l in locations.DefaultIfEmpty()
                join p in db.Assets on a.ParentId equals (long?)p.Id into parentAssets
                from p in parentAssets.DefaultIfEmpty()
                join t in db.AssetTypes on a.AssetTypeId equals (long?)t.Id into types
                from t in types.DefaultIfEmpty()
                select new
                {
                    Asset = a,
                    LocationExternalId = l != null ? l.ExternalId : null,
                    ParentExternalId = p != null ? p.ExternalId : null,
                    TypeName = t != null ? t.Name : null,
                };
            var assets = await query.ToDictionaryAsync(x => x.Asset.Id, ct);
            foreach (var id in chunk)
            {
                if (!assets.TryGetValue(id, out var x))
                {
                    continue;
                }

                var a = x.Asset;
                writer.WriteField(CsvColumns.Key("asset", a.ExternalId, a.Id));
                writer.WriteField(a.Tag);
                writer.WriteField(a.Name);
                writer.WriteField(a.Category);
                writer.WriteField(x.TypeName);
                writer.WriteField(CsvColumns.Key("location", x.LocationExternalId, a.LocationId));
                writer.WriteField(CsvColumns.Key("asset", x.ParentExternalId, a.ParentId));
                writer.WriteField(AssetRows.StatusName(a.Status));
                writer.WriteField(a.Criticality, "");
                writer.WriteField(a.Make);
                writer.WriteField(a.Model);
                writer.WriteField(a.SerialNumber);
                writer.WriteField(CsvValues.FormatDay(a.InstallDate));
                writer.WriteField(CsvValues.FormatDay(a.WarrantyStart));
                writer.WriteField(CsvValues.FormatDay(a.WarrantyEnd));
                writer.WriteField(CsvValues.FormatAmount(a.PurchaseCost));
                writer.WriteField(a.Currency);
                writer.WriteField(a.ExpectedLifeYears, "");
                await writer.EndRecordAsync(ct);
                rows++;
            }
        }

        return rows;
    }

    /// <summary>Counts the parents above an asset; a chain deeper than the dictionary (a cycle) stops there.</summary>
    private static int Depth(long id, Dictionary<long, long?> parents)
    {
        var depth = 0;
        var current = parents.GetValueOrDefault(id);
        while (current is { } parent && depth < parents.Count)
        {
            depth++;
            current = parents.GetValueOrDefault(parent);
        }

        return depth;
    }

    private async Task<long> WriteRequestsAsync(CsvWriter writer, CurrentUser? user, CancellationToken ct)
    {
        var requests = user is null ? db.WorkRequests.AsNoTracking() : db.WorkRequests.AsNoTracking().Visible(user, db);
        var query =
            from r in requests
            join l in db.Locations on r.LocationId equals (long?)l.Id into locations
            from l in locations.DefaultIfEmpty()
            join a in db.Assets on r.AssetId equals (long?)a.Id into assets
            from a in assets.DefaultIfEmpty()
            join w in db.WorkOrders on r.WorkOrderId equals (long?)w.Id into workOrders
            from w in workOrders.DefaultIfEmpty()
            orderby r.Id
            select new
            {
                Request = r,
                LocationExternalId = l != null ? l.ExternalId : null,
                AssetExternalId = a != null ? a.ExternalId : null,
                WorkOrderExternalId = w != null ? w.ExternalId : null,
            };
        long rows = 0;
        await foreach (var x in query.AsAsyncEnumerable().WithCancellation(ct))
        {
            var r = x.Request;
            writer.WriteField(CsvColumns.Key("request", r.ExternalId, r.Id));
            writer.WriteField(r.Title);
            writer.WriteField(r.Description);
            writer.WriteField(RequestRows.Name(r.Status));
            writer.WriteField(RequestRows.Name(r.Source));
            writer.WriteField(r.Category);
            writer.WriteField(CsvColumns.Key("location", x.LocationExternalId, r.LocationId));
            writer.WriteField(CsvColumns.Key("asset", x.AssetExternalId, r.AssetId));
            writer.WriteField(CsvColumns.Key("work-order", x.WorkOrderExternalId, r.WorkOrderId));
            writer.WriteField(r.ContactName);
            writer.WriteField(r.ContactEmail);
            writer.WriteField(r.ContactPhone);
            writer.WriteField(r.Latitude, "");
            writer.WriteField(r.Longitude, "");
            writer.WriteField(r.DeclineReason);
            writer.WriteField(CsvValues.FormatDate(r.CreatedAt));
            writer.WriteField(CsvValues.FormatDate(r.DecidedAt));
            await writer.EndRecordAsync(ct);
            rows++;
        }

        return rows;
    }

    private async Task<long> WriteWorkOrdersAsync(CsvWriter writer, CurrentUser? user, CancellationToken ct)
    {
        var workOrders = user is null ? db.WorkOrders.AsNoTracking() : db.WorkOrders.AsNoTracking().Visible(user, db);
        var query =
            from w in workOrders
            join l in db.Locations on w.LocationId equals (long?)l.Id into locations
            from l in locations.DefaultIfEmpty()
            join a in db.Assets on w.AssetId equals (long?)a.Id into assets
            from a in assets.DefaultIfEmpty()
            join r in db.WorkRequests on w.RequestId equals (long?)r.Id into requests
            from r in requests.DefaultIfEmpty()
            orderby w.Id
            select new
            {
                WorkOrder = w,
                LocationExternalId = l != null ? l.ExternalId : null,
                AssetExternalId = a != null ? a.ExternalId : null,
                RequestExternalId = r != null ? r.ExternalId : null,
            };
        long rows = 0;
        await foreach (var x in query.AsAsyncEnumerable().WithCancellation(ct))
        {
            var w = x.WorkOrder;
            writer.WriteField(CsvColumns.Key("work-order", w.ExternalId, w.Id));
            writer.WriteField(w.Title);
            writer.WriteField(w.Description);
            writer.WriteField(w.Type);
            writer.WriteField(w.Category);
            writer.WriteField(StatusNames.ToApi(w.Priority));
            writer.WriteField(StatusNames.ToApi(w.Status));
            writer.WriteField(w.StatusReason);
            writer.WriteField(CsvColumns.Key("location", x.LocationExternalId, w.LocationId));
            writer.WriteField(CsvColumns.Key("asset", x.AssetExternalId, w.AssetId));
            writer.WriteField(CsvColumns.Key("request", x.RequestExternalId, w.RequestId));
            writer.WriteField(w.Latitude, "");
            writer.WriteField(w.Longitude, "");
            writer.WriteField(CsvValues.FormatDate(w.DueAt));
            writer.WriteField(CsvValues.FormatDate(w.CreatedAt));
            writer.WriteField(CsvValues.FormatDate(w.StartedAt));
            writer.WriteField(CsvValues.FormatDate(w.CompletedAt));
            writer.WriteField(CsvValues.FormatDate(w.ClosedAt));
            await writer.EndRecordAsync(ct);
            rows++;
        }

        return rows;
    }
}
