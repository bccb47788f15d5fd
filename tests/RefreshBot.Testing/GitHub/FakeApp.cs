using System.Security.Cryptography;

namespace RefreshBot.Testing.GitHub;

/// <summary>A GitHub App registered with the fake: its id and an RSA key pair (the private key PEM is what a user configures).</summary>
public sealed class FakeApp : IDisposable
{
    private readonly RSA _key = RSA.Create(2048);

    internal FakeApp(long id, string slug)
    {
        Id = id;
        Slug = slug;
        PrivateKeyPem = _key.ExportRSAPrivateKeyPem();
        PublicKey = RSA.Create();
        PublicKey.ImportFromPem(_key.ExportSubjectPublicKeyInfoPem());
    }

    public long Id { get; }

    public string Slug { get; }

    /// <summary>PKCS#1 PEM, as GitHub hands it out ("-----BEGIN RSA PRIVATE KEY-----").</summary>
    public string PrivateKeyPem { get; }

    internal RSA PublicKey { get; }

    public void Dispose()
    {
        _key.Dispose();
        PublicKey.Dispose();
    }
}

/// <summary>An installation token the fake issued.</summary>
public sealed record FakeInstallationToken(string Token, long InstallationId, DateTimeOffset ExpiresAt);
