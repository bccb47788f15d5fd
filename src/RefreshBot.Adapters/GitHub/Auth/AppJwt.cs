using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RefreshBot.Adapters.GitHub.Auth;

/// <summary>
/// The short-lived RS256 JWT a GitHub App authenticates with (<c>iss</c> = app id, <c>iat</c> 60 s in the past
/// against clock drift, <c>exp</c> 9 minutes ahead — GitHub allows at most 10).
/// </summary>
internal static class AppJwt
{
    public static readonly TimeSpan Backdate = TimeSpan.FromSeconds(60);

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(9);

    public static string Create(long appId, RSA key, DateTimeOffset now)
    {
        var issuedAt = (now - Backdate).ToUnixTimeSeconds();
        var expires = (now + Lifetime).ToUnixTimeSeconds();
        var header = Base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}"u8);
        var payload = Base64Url(Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture, $"{{\"iat\":{issuedAt},\"exp\":{expires},\"iss\":\"{appId}\"}}")));
        var signingInput = header + "." + payload;
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url(signature);
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
