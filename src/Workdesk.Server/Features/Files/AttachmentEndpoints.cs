using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workdesk.Data;
using Workdesk.Domain.Common;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Features.Requests;
using Workdesk.Server.Features.WorkOrders;
using Workdesk.Server.Hosting;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Features.Files;

public sealed record AttachmentResponse(
    long Id, string FileName, string ContentType, long Size, string Sha256, DateTimeOffset CreatedAt, long? AssetId = null, long? AssetTypeId = null);

/// <summary>The record a file is attached to; exactly one id is set.</summary>
public sealed record AttachmentOwner(long? WorkOrderId = null, long? RequestId = null, long? AssetId = null, long? AssetTypeId = null)
{
    /// <summary>The history stream that records the upload.</summary>
    public (string Entity, long Id) HistoryKey =>
        WorkOrderId is { } workOrder ? (Activity.WorkOrderEntity, workOrder)
        : RequestId is { } request ? (Activity.WorkRequestEntity, request)
        : AssetId is { } asset ? ("asset", asset)
        : ("asset_type", AssetTypeId!.Value);
}

public static class AttachmentEndpoints
{
    public static void MapAttachmentEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("").WithTags("Attachments").RequireAuthorization();
        group.MapPost("/work-orders/{id:long}/attachments", UploadToWorkOrder).WithName("AttachToWorkOrder").DisableAntiforgery()
            .WithSummary("Uploads a file (multipart field \"file\") to a work order: a photo, PDF or text file.");
        group.MapGet("/work-orders/{id:long}/attachments", ListForWorkOrder).WithName("ListWorkOrderAttachments")
            .WithSummary("Lists a work order's attachments.");
        group.MapPost("/requests/{id:long}/attachments", UploadToRequest).WithName("AttachToRequest").DisableAntiforgery()
            .WithSummary("Uploads a file (multipart field \"file\") to a request.");
        group.MapGet("/requests/{id:long}/attachments", ListForRequest).WithName("ListRequestAttachments")
            .WithSummary("Lists a request's attachments.");
        group.MapPost("/assets/{id:long}/attachments", UploadToAsset).WithName("AttachToAsset").DisableAntiforgery().RequireRole(RoleRequirement.Staff)
            .WithSummary("Uploads a document, manual or photo (multipart field \"file\") to an asset.");
        group.MapGet("/assets/{id:long}/attachments", ListForAsset).WithName("ListAssetAttachments")
            .WithSummary("Lists the asset's documents and those of its type.");
        group.MapPost("/asset-types/{id:long}/attachments", UploadToAssetType).WithName("AttachToAssetType").DisableAntiforgery().RequireRole(RoleRequirement.Staff)
            .WithSummary("Uploads a document (multipart field \"file\") that every asset of the type shows.");
        group.MapGet("/attachments/{id:long}/content", Download).WithName("DownloadAttachment")
            .WithSummary("Downloads an attachment's content.");
    }

    private static async Task<IResult> UploadToWorkOrder(
        long id, IFormFile? file, WorkOrderService workOrders, Uploader uploader, CancellationToken ct) =>
        await workOrders.FindVisibleAsync(id, ct) is null
            ? Error.NotFound("Work order", id).ToProblem()
            : await uploader.SaveAsync(file, new AttachmentOwner(WorkOrderId: id), ct);

    private static async Task<IResult> UploadToRequest(
        long id, IFormFile? file, RequestService requests, Uploader uploader, CancellationToken ct) =>
        await requests.FindVisibleAsync(id, ct) is null
            ? Error.NotFound("Request", id).ToProblem()
            : await uploader.SaveAsync(file, new AttachmentOwner(RequestId: id), ct);

    private static async Task<IResult> UploadToAsset(long id, IFormFile? file, WorkdeskDbContext db, Uploader uploader, CancellationToken ct) =>
        !await db.Assets.AnyAsync(a => a.Id == id, ct)
            ? Error.NotFound("Asset", id).ToProblem()
            : await uploader.SaveAsync(file, new AttachmentOwner(AssetId: id), ct);

    private static async Task<IResult> UploadToAssetType(long id, IFormFile? file, WorkdeskDbContext db, Uploader uploader, CancellationToken ct) =>
        !await db.AssetTypes.AnyAsync(t => t.Id == id, ct)
            ? Error.NotFound("Asset type", id).ToProblem()
            : await uploader.SaveAsync(file, new AttachmentOwner(AssetTypeId: id), ct);

    private static async Task<IResult> ListForAsset(long id, WorkdeskDbContext db, CancellationToken ct)
    {
        var asset = await db.Assets.Where(a => a.Id == id).Select(a => new { a.AssetTypeId }).SingleOrDefaultAsync(ct);
        if (asset is null)
        {
            return Error.NotFound("Asset", id).ToProblem();
        }

        var typeId = asset.AssetTypeId;
        return Results.Ok(await List(db.Attachments.Where(a => a.AssetId == id || (typeId != null && a.AssetTypeId == typeId)), ct));
    }

    private static async Task<IResult> ListForWorkOrder(long id, WorkOrderService workOrders, WorkdeskDbContext db, CancellationToken ct) =>
        await workOrders.FindVisibleAsync(id, ct) is null
            ? Error.NotFound("Work order", id).ToProblem()
            : Results.Ok(await List(db.Attachments.Where(a => a.WorkOrderId == id), ct));

    private static async Task<IResult> ListForRequest(long id, RequestService requests, WorkdeskDbContext db, CancellationToken ct) =>
        await requests.FindVisibleAsync(id, ct) is null
            ? Error.NotFound("Request", id).ToProblem()
            : Results.Ok(await List(db.Attachments.Where(a => a.WorkRequestId == id), ct));

    private static async Task<IResult> Download(
        long id, WorkdeskDbContext db, WorkOrderService workOrders, RequestService requests, FileStore store, CancellationToken ct)
    {
        var attachment = await db.Attachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
        var visible = attachment switch
        {
            { WorkOrderId: { } workOrderId } => await workOrders.FindVisibleAsync(workOrderId, ct) is not null,
            { WorkRequestId: { } requestId } => await requests.FindVisibleAsync(requestId, ct) is not null,

            // Asset documents and manuals are shown to everyone who can see the asset register.
            { AssetId: not null } or { AssetTypeId: not null } => true,
            _ => false,
        };
        if (!visible)
        {
            return Error.NotFound("Attachment", id).ToProblem();
        }

        return Results.Stream(store.OpenRead(attachment!.Sha256), attachment.ContentType, attachment.FileName, enableRangeProcessing: true);
    }

    private static Task<List<AttachmentResponse>> List(IQueryable<Attachment> attachments, CancellationToken ct) =>
        attachments.AsNoTracking().OrderBy(a => a.Id)
            .Select(a => new AttachmentResponse(a.Id, a.FileName, a.ContentType, a.Size, a.Sha256, a.CreatedAt, a.AssetId, a.AssetTypeId))
            .ToListAsync(ct);
}

/// <summary>Checks an uploaded file, stores its bytes and records the attachment with a history entry.</summary>
public sealed class Uploader(WorkdeskDbContext db, FileStore store, CurrentUser user, TimeProvider clock, IOptions<ServerSettings> settings)
{
    public async Task<IResult> SaveAsync(IFormFile? file, AttachmentOwner owner, CancellationToken ct)
    {
        var stored = await StoreAsync(file, "file", owner, imagesOnly: false, ct);
        return stored.Match(attachment => Results.Created(
            $"/api/v1/attachments/{attachment.Id}/content",
            new AttachmentResponse(attachment.Id, attachment.FileName, attachment.ContentType, attachment.Size, attachment.Sha256, attachment.CreatedAt)));
    }

    /// <summary>
    /// Checks the file's size and type against its content, stores the bytes and adds the attachment
    /// with a history entry; <paramref name="field"/> names the form field in errors.
    /// </summary>
    public async Task<Result<Attachment>> StoreAsync(
        IFormFile? file, string field, AttachmentOwner owner, bool imagesOnly, CancellationToken ct)
    {
        var maxBytes = settings.Value.MaxAttachmentBytes;
        if (file is null || file.Length == 0)
        {
            return Error.Invalid(field, $"Send the file as multipart/form-data in a field named \"{field}\"; it must not be empty.");
        }

        if (file.Length > maxBytes)
        {
            return Error.Invalid(field, $"The file is {file.Length} bytes; the limit is {maxBytes} bytes.");
        }

        var contentType = file.ContentType.Split(';')[0].Trim().ToLowerInvariant();
        var head = new byte[16];
        int headLength;
        await using (var peek = file.OpenReadStream())
        {
            headLength = await peek.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        }

        var typeAllowed = !imagesOnly || contentType.StartsWith("image/", StringComparison.Ordinal);
        if (!typeAllowed || !FileTypes.Matches(contentType, head.AsSpan(0, headLength)))
        {
            var accepted = imagesOnly ? FileTypes.Accepted.Where(t => t.StartsWith("image/", StringComparison.Ordinal)) : FileTypes.Accepted;
            return Error.Invalid(field, $"The file's type '{contentType}' is not accepted or does not match its content. Accepted types: {string.Join(", ", accepted)}.");
        }

        await using var content = file.OpenReadStream();
        if (await store.SaveAsync(content, maxBytes, ct) is not { } saved)
        {
            return Error.Invalid(field, $"The file is larger than the limit of {maxBytes} bytes.");
        }

        var fileName = Path.GetFileName(file.FileName);
        var attachment = new Attachment
        {
            WorkOrderId = owner.WorkOrderId,
            WorkRequestId = owner.RequestId,
            AssetId = owner.AssetId,
            AssetTypeId = owner.AssetTypeId,
            FileName = string.IsNullOrWhiteSpace(fileName) ? "attachment" : fileName[..Math.Min(fileName.Length, 255)],
            ContentType = contentType,
            Size = saved.Size,
            Sha256 = saved.Sha256,
            UploadedById = user.IsAuthenticated ? user.Id : null,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Attachments.Add(attachment);
        await db.SaveChangesAsync(ct);
        var (entity, entityId) = owner.HistoryKey;
        new History(db, clock, attachment.UploadedById).Record(entity, entityId, "attachment_added", "attachment", null, attachment.FileName);
        await db.SaveChangesAsync(ct);
        return attachment;
    }
}
