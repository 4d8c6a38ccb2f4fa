using System.Security.Cryptography;
using System.Text;

namespace Workdesk.Server.Features.Auth;

/// <summary>Creates personal API tokens and computes the hash under which they are stored.</summary>
public static class ApiTokens
{
    public const string TokenPrefix = "wd_";

    /// <summary>Creates a token secret: "wd_" followed by 32 random bytes in URL-safe base64.</summary>
    public static string NewSecret()
    {
        var bytes = RandomNumberGenerator.GetBytes(32);
        return TokenPrefix + Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>The visible beginning of a token, stored so that users can tell their tokens apart.</summary>
    public static string DisplayPrefix(string secret) => secret[..Math.Min(10, secret.Length)];
}
