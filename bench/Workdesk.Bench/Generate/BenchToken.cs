using System.Security.Cryptography;
using System.Text;

namespace Workdesk.Bench.Generate;

/// <summary>
/// An API token in the server's format: "wd_" and 32 random bytes in URL-safe base64. The database
/// stores the lower-case hex SHA-256 of the token's UTF-8 bytes and its first 10 characters.
/// </summary>
internal sealed record BenchToken(string Secret)
{
    public static BenchToken Create()
    {
        var bytes = RandomNumberGenerator.GetBytes(32);
        return new BenchToken("wd_" + Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_'));
    }

    public string Hash => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Secret)));

    public string Prefix => Secret[..Math.Min(10, Secret.Length)];
}
