using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace RefreshBot.Testing.Tokens;

/// <summary>
/// Signs registry JWTs (RS256) with a fresh RSA key. The key's self-signed certificate is both the
/// registry's <c>rootcertbundle</c> and the token's <c>x5c</c> header chain, which CNCF distribution
/// 2.8 verifies against that bundle.
/// </summary>
internal sealed class TokenSigner : IDisposable
{
    private readonly RSA _key;
    private readonly X509Certificate2 _certificate;

    public TokenSigner()
    {
        _key = RSA.Create(2048);
        var request = new CertificateRequest("CN=refreshbot-test-token-issuer", _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, true));
        var now = DateTimeOffset.UtcNow;
        _certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        CertificatePem = _certificate.ExportCertificatePem() + "\n";
    }

    public string CertificatePem { get; }

    public string Sign(object claims)
    {
        var header = new Dictionary<string, object>
        {
            ["typ"] = "JWT",
            ["alg"] = "RS256",
            ["x5c"] = new[] { Convert.ToBase64String(_certificate.RawData) },
        };
        var signingInput = Base64Url(JsonSerializer.SerializeToUtf8Bytes(header)) + "." + Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url(signature);
    }

    public void Dispose()
    {
        _certificate.Dispose();
        _key.Dispose();
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
