namespace Workdesk.Server.Features.Files;

/// <summary>
/// The attachment types accepted and how to recognise them from their first bytes, so a file
/// cannot claim to be a photo while being something else.
/// </summary>
public static class FileTypes
{
    private static readonly Dictionary<string, byte[][]> Signatures = new(StringComparer.OrdinalIgnoreCase)
    {
        ["image/jpeg"] = [[0xFF, 0xD8, 0xFF]],
        ["image/png"] = [[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]],
        ["image/gif"] = [[0x47, 0x49, 0x46, 0x38]],
        ["image/webp"] = [[0x52, 0x49, 0x46, 0x46]],
        ["application/pdf"] = [[0x25, 0x50, 0x44, 0x46, 0x2D]],
        ["text/plain"] = [],
        ["text/csv"] = [],
    };

    public static IEnumerable<string> Accepted => Signatures.Keys;

    /// <summary>Returns whether the declared type is accepted and the content's first bytes match it.</summary>
    public static bool Matches(string contentType, ReadOnlySpan<byte> head)
    {
        if (!Signatures.TryGetValue(contentType, out var signatures))
        {
            return false;
        }

        if (signatures.Length == 0)
        {
            // Text has no signature; a NUL byte at the start means it is binary after all.
            return !head.Contains((byte)0);
        }

        foreach (var signature in signatures)
        {
            if (head.StartsWith(signature))
            {
                return true;
            }
        }

        return false;
    }
}
