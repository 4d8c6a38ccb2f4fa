using System.Security.Cryptography;

namespace Workdesk.Domain.Common;

/// <summary>Random keys for links that work without signing in.</summary>
public static class RequestKeys
{
    // Digits and lower-case letters without look-alikes (0/o, 1/l), so a printed key can be typed.
    // They are in ordinal order, so that a time written with them sorts as the time does.
    private const string Alphabet = "23456789abcdefghijkmnpqrstuvwxyz";

    /// <summary>Characters of the time prefix of a status token: 45 bits of milliseconds, enough until the year 3084.</summary>
    private const int TimeCharacters = 9;

    /// <summary>Creates a 10-character key for a place's request link: 50 bits, enough that keys cannot be guessed one by one.</summary>
    public static string New() => RandomNumberGenerator.GetString(Alphabet, 10);

    /// <summary>
    /// Creates a 33-character token for a requester's status page: the time in milliseconds, then
    /// 24 random characters (120 bits). The time prefix makes new tokens sort after older ones, so
    /// a new token goes at the end of the unique index instead of on a random page of it. With
    /// random tokens, that index took 17 % of the bytes a 200,000-row import wrote.
    /// </summary>
    public static string NewStatusToken() => NewStatusToken(DateTimeOffset.UtcNow);

    /// <summary>Creates a status token with the time prefix of <paramref name="now"/>.</summary>
    public static string NewStatusToken(DateTimeOffset now)
    {
        Span<char> token = stackalloc char[TimeCharacters + 24];
        var milliseconds = now.ToUnixTimeMilliseconds();
        for (var i = TimeCharacters - 1; i >= 0; i--)
        {
            token[i] = Alphabet[(int)(milliseconds & 31)];
            milliseconds >>= 5;
        }

        RandomNumberGenerator.GetItems(Alphabet, token[TimeCharacters..]);
        return new string(token);
    }
}
