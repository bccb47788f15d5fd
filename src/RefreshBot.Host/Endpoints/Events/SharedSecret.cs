using System.Security.Cryptography;
using System.Text;
using RefreshBot.Host.Config;

namespace RefreshBot.Host.Endpoints.Events;

/// <summary>Secret comparisons in constant time (neither the content nor the length leaks through timing).</summary>
internal static class SharedSecret
{
    /// <summary>True when <paramref name="presented"/> is exactly the secret.</summary>
    public static bool Matches(string? presented, SecretText secret)
    {
        // Hashing first makes both sides the same length, so FixedTimeEquals also hides the secret's length.
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(secret.Reveal()));
        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(presented ?? ""));
        return CryptographicOperations.FixedTimeEquals(expected, actual) && presented is not null;
    }

    /// <summary>
    /// GitHub's <c>X-Hub-Signature-256: sha256=&lt;hex&gt;</c>: the HMAC-SHA256 of the raw body keyed with the webhook secret.
    /// </summary>
    public static bool SignatureMatches(string? header, byte[] body, SecretText secret)
    {
        const string Prefix = "sha256=";
        if (header is null || !header.StartsWith(Prefix, StringComparison.Ordinal) || header.Length != Prefix.Length + 64)
        {
            return false;
        }

        byte[] presented;
        try
        {
            presented = Convert.FromHexString(header.AsSpan(Prefix.Length));
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret.Reveal()), body);
        return CryptographicOperations.FixedTimeEquals(expected, presented);
    }
}
