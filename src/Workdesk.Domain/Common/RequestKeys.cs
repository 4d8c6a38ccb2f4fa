using System.Security.Cryptography;

namespace Workdesk.Domain.Common;

/// <summary>Random keys for links that work without signing in.</summary>
public static class RequestKeys
{
    // Lower-case letters and digits without look-alikes (0/o, 1/l), so a printed key can be typed.
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    /// <summary>Creates a 10-character key for a place's request link: 50 bits, enough that keys cannot be guessed one by one.</summary>
    public static string New() => RandomNumberGenerator.GetString(Alphabet, 10);

    /// <summary>Creates a 24-character token for a requester's status page: 120 bits.</summary>
    public static string NewStatusToken() => RandomNumberGenerator.GetString(Alphabet, 24);
}
