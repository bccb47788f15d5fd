using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RefreshBot.Testing.GitHub;

/// <summary>Who is calling: a token's login, and for installation tokens the installation it is limited to.</summary>
internal sealed record Caller(string Login, long? InstallationId, FakeApp? App);

/// <summary>
/// Tokens the fake accepts (personal access tokens, expiring installation tokens) and GitHub App JWTs
/// (RS256, verified against the app's public key, <c>iss</c> = app id, at most 10 minutes long).
/// </summary>
internal sealed class GitHubCredentials(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, string> _personal = new();
    private readonly ConcurrentDictionary<string, FakeInstallationToken> _installation = new();
    private readonly ConcurrentDictionary<long, FakeApp> _apps = new();

    public IReadOnlyList<FakeInstallationToken> InstallationTokens => [.. _installation.Values.OrderBy(t => t.ExpiresAt)];

    public void AddPersonal(string token, string login) => _personal[token] = login;

    public void AddApp(FakeApp app) => _apps[app.Id] = app;

    public FakeInstallationToken IssueInstallationToken(long installationId, TimeSpan lifetime)
    {
        var token = "ghs_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(18)).ToLowerInvariant();
        var issued = new FakeInstallationToken(token, installationId, time.GetUtcNow().Add(lifetime));
        _installation[token] = issued;
        return issued;
    }

    /// <summary>Basic credentials for git: a personal token with any user, an installation token with any user.</summary>
    public bool AcceptsGitPassword(string password) =>
        _personal.ContainsKey(password) || (_installation.TryGetValue(password, out var t) && t.ExpiresAt > time.GetUtcNow());

    /// <summary>The caller behind an <c>Authorization</c> header value (<c>token|Token|Bearer &lt;t&gt;</c>), or null.</summary>
    public Caller? Authenticate(string authorization)
    {
        var space = authorization.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0)
        {
            return null;
        }

        var scheme = authorization[..space];
        var value = authorization[(space + 1)..].Trim();
        if (!scheme.Equals("token", StringComparison.OrdinalIgnoreCase) && !scheme.Equals("bearer", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (_personal.TryGetValue(value, out var login))
        {
            return new Caller(login, null, null);
        }

        if (_installation.TryGetValue(value, out var token))
        {
            return token.ExpiresAt > time.GetUtcNow() ? new Caller("refreshbot[bot]", token.InstallationId, null) : null;
        }

        return VerifyJwt(value) is { } app ? new Caller(app.Slug + "[bot]", null, app) : null;
    }

    private FakeApp? VerifyJwt(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            using var header = JsonDocument.Parse(Base64Url(parts[0]));
            using var payload = JsonDocument.Parse(Base64Url(parts[1]));
            if (header.RootElement.GetProperty("alg").GetString() != "RS256")
            {
                return null;
            }

            var issuer = payload.RootElement.GetProperty("iss");
            var appId = issuer.ValueKind == JsonValueKind.Number ? issuer.GetInt64() : long.Parse(issuer.GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            if (!_apps.TryGetValue(appId, out var app))
            {
                return null;
            }

            var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
            if (!app.PublicKey.VerifyData(signed, Base64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                return null;
            }

            var now = time.GetUtcNow().ToUnixTimeSeconds();
            var issuedAt = payload.RootElement.GetProperty("iat").GetInt64();
            var expires = payload.RootElement.GetProperty("exp").GetInt64();
            // GitHub: exp no more than 10 minutes into the future; iat may be back-dated for clock drift.
            var valid = expires > now && issuedAt <= now + 60 && expires - now <= 600 + 60;
            return valid ? app : null;
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException or CryptographicException)
        {
            return null;
        }
    }

    private static byte[] Base64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        return Convert.FromBase64String(padded);
    }
}
