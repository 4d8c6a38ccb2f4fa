using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Workdesk.Server.Hosting;

namespace Workdesk.Server.Features.Files;

/// <summary>
/// A content-addressed store on local disk: each file is kept once under the hex SHA-256 of its
/// bytes, so the same photo attached twice takes the space once.
/// </summary>
public sealed class FileStore(IOptions<ServerSettings> settings)
{
    private string Root => settings.Value.FilesDirectory;

    /// <summary>
    /// Copies the stream into the store, stopping once it exceeds <paramref name="maxBytes"/>.
    /// Returns the content hash and size, or null when the content was too large.
    /// </summary>
    public async Task<(string Sha256, long Size)?> SaveAsync(Stream content, long maxBytes, CancellationToken ct)
    {
        Directory.CreateDirectory(Root);
        var temporary = Path.Combine(Root, $"upload-{Guid.NewGuid():N}.tmp");
        try
        {
            long size = 0;
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                    {
                        return null;
                    }

                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }

                // The attachment record is committed after this returns; the bytes must be on disk first.
                await file.FlushAsync(ct);
#pragma warning disable CA1849 // fsync has no asynchronous form.
                file.Flush(flushToDisk: true);
#pragma warning restore CA1849
            }

            var sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            var target = PathFor(sha);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (!File.Exists(target))
            {
                File.Move(temporary, target, overwrite: true);
            }

            return (sha, size);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public Stream OpenRead(string sha256) => new FileStream(PathFor(sha256), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);

    private string PathFor(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException("Expected a lower-case hex SHA-256.", nameof(sha256));
        }

        return Path.Combine(Root, sha256[..2], sha256[2..4], sha256);
    }
}
