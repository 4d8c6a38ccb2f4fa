namespace Workdesk.Server.Features.Import;

/// <summary>Resolves the external ids that rows use to point at other records.</summary>
internal static class RowReferences
{
    public static async Task<Field<long?>> LocationAsync(ImportRow row, string column, ImportContext context, CancellationToken ct)
    {
        var key = row.Text(column, CsvColumns.MaxExternalIdLength);
        if (key.Value is not { } externalId)
        {
            return new(key.Present, null);
        }

        var location = await context.FindLocationAsync(externalId, ct);
        if (location is null)
        {
            row.AddError($"{column} '{externalId}' matches no location (import the locations first)");
        }

        return new(true, location?.Id);
    }

    public static async Task<Field<long?>> AssetAsync(ImportRow row, string column, ImportContext context, CancellationToken ct)
    {
        var key = row.Text(column, CsvColumns.MaxExternalIdLength);
        if (key.Value is not { } externalId)
        {
            return new(key.Present, null);
        }

        var assetId = await context.FindAssetIdAsync(externalId, ct);
        if (assetId is null)
        {
            row.AddError($"{column} '{externalId}' matches no asset (import the assets first)");
        }

        return new(true, assetId);
    }
}
