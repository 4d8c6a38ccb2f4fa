namespace Workdesk.Server.Tests.Support;

/// <summary>A file that cancels the import once the import, after checking the encoding, reads past <c>cancelAfter</c> bytes.</summary>
internal sealed class CancellingStream(byte[] bytes, int cancelAfter, CancellationTokenSource cancel) : MemoryStream(bytes)
{
    private bool checkedOnce;

    public override long Position
    {
        get => base.Position;
        set
        {
            checkedOnce |= value < base.Position;
            base.Position = value;
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // Small reads, so that the importer writes a few batches before the cancellation.
        var read = await base.ReadAsync(buffer[..Math.Min(buffer.Length, 64)], cancellationToken);
        if (checkedOnce && Position >= cancelAfter)
        {
            await cancel.CancelAsync();
        }

        return read;
    }
}
