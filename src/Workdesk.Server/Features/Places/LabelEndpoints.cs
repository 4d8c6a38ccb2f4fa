using Microsoft.EntityFrameworkCore;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.Places;

public static class LabelEndpoints
{
    /// <summary>Most labels on one sheet; a larger subtree is printed one location at a time.</summary>
    public const int MaxLabels = 300;

    public static void MapLabelEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("").WithTags("Request links").RequireAuthorization().RequireRole(RoleRequirement.Staff);
        group.MapGet("/locations/{id:long}/labels.svg", Sheet).WithName("GetLocationLabelSheet")
            .WithSummary("Returns a printable SVG sheet of QR request labels for a location, the locations below it and their assets.");
        group.MapGet("/labels.svg", Selection).WithName("GetLabelSheet")
            .WithSummary("Returns a printable SVG sheet of QR request labels for the chosen locations and assets (comma-separated ids).");
        group.MapGet("/locations/{id:long}/qr.svg", LocationCode).WithName("GetLocationQrCode").WithSummary("Returns the QR code of a location's request link.");
        group.MapGet("/assets/{id:long}/qr.svg", AssetCode).WithName("GetAssetQrCode").WithSummary("Returns the QR code of an asset's request link.");
    }

    private static async Task<IResult> Sheet(long id, Public.PublicLinks links, WorkdeskDbContext db, CancellationToken ct)
    {
        var root = await db.Locations.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, ct);
        if (root is null)
        {
            return Error.NotFound("Location", id).ToProblem();
        }

        var locations = await db.Locations.AsNoTracking().InSubtrees([root.Path])
            .OrderBy(l => l.Path).Take(MaxLabels + 1)
            .Select(l => new { l.Id, l.Name, l.RequestKey })
            .ToListAsync(ct);
        var ids = locations.Select(l => l.Id).ToList();
        var names = locations.ToDictionary(l => l.Id, l => l.Name);
        var assets = await db.Assets.AsNoTracking()
            .Where(a => a.LocationId != null && ids.Contains(a.LocationId.Value))
            .OrderBy(a => a.Tag).Take(MaxLabels + 1)
            .Select(a => new { a.Tag, a.Name, a.LocationId, a.RequestKey })
            .ToListAsync(ct);
        if (locations.Count + assets.Count > MaxLabels)
        {
            return Problems.Invalid("id", $"Location {id} has more than {MaxLabels} locations and assets below it; print the labels of its children one at a time.");
        }

        var labels = locations.Select(l => new Label(l.Name, "Location", links.RequestForm(l.RequestKey)))
            .Concat(assets.Select(a => new Label(a.Tag, $"{a.Name} · {names[a.LocationId!.Value]}", links.RequestForm(a.RequestKey))))
            .ToList();
        return Results.Content(QrLabels.Sheet(labels), "image/svg+xml");
    }

    private static async Task<IResult> Selection(string? locationIds, string? assetIds, Public.PublicLinks links, WorkdeskDbContext db, CancellationToken ct)
    {
        if (!TryParseIds(locationIds, out var locations) || !TryParseIds(assetIds, out var assets))
        {
            return Problems.Invalid("assetIds", "locationIds and assetIds must be comma-separated whole numbers, such as 3,17,42.");
        }

        if (locations.Count + assets.Count is 0 or > MaxLabels)
        {
            return Problems.Invalid("assetIds", $"Choose between 1 and {MaxLabels} locations and assets.");
        }

        var chosenLocations = await db.Locations.AsNoTracking().Where(l => locations.Contains(l.Id)).OrderBy(l => l.Path)
            .Select(l => new Label(l.Name, "Location", l.RequestKey)).ToListAsync(ct);
        var chosenAssets = await db.Assets.AsNoTracking().Where(a => assets.Contains(a.Id)).OrderBy(a => a.Tag)
            .Select(a => new Label(a.Tag, a.Name, a.RequestKey)).ToListAsync(ct);
        if (chosenLocations.Count != locations.Count || chosenAssets.Count != assets.Count)
        {
            return Problems.Invalid("assetIds", "Some of the chosen locations or assets do not exist.");
        }

        var labels = chosenLocations.Concat(chosenAssets).Select(l => l with { Url = links.RequestForm(l.Url) }).ToList();
        return Results.Content(QrLabels.Sheet(labels), "image/svg+xml");
    }

    private static bool TryParseIds(string? text, out List<long> ids)
    {
        ids = [];
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!long.TryParse(part, System.Globalization.CultureInfo.InvariantCulture, out var id))
            {
                return false;
            }

            ids.Add(id);
        }

        ids = [.. ids.Distinct()];
        return true;
    }

    private static async Task<IResult> LocationCode(long id, Public.PublicLinks links, WorkdeskDbContext db, CancellationToken ct)
    {
        var key = await db.Locations.Where(l => l.Id == id).Select(l => l.RequestKey).SingleOrDefaultAsync(ct);
        return key is null ? Error.NotFound("Location", id).ToProblem() : Results.Content(QrLabels.Code(links.RequestForm(key)), "image/svg+xml");
    }

    private static async Task<IResult> AssetCode(long id, Public.PublicLinks links, WorkdeskDbContext db, CancellationToken ct)
    {
        var key = await db.Assets.Where(a => a.Id == id).Select(a => a.RequestKey).SingleOrDefaultAsync(ct);
        return key is null ? Error.NotFound("Asset", id).ToProblem() : Results.Content(QrLabels.Code(links.RequestForm(key)), "image/svg+xml");
    }
}
