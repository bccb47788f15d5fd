using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using RefreshBot.Adapters.Credentials;
using RefreshBot.Application.Ports;

namespace RefreshBot.Adapters.Registry.Auth;

/// <summary>
/// Asks a token realm for a bearer token (Docker token flow): <c>GET realm?service=..&amp;scope=..</c> with
/// optional Basic credentials, or the OAuth2 <c>POST</c> refresh_token grant when an identity token is held.
/// Lifetime: <c>expires_in</c> (at least 60 s, the spec's default), from <c>issued_at</c> when given,
/// refreshed 10 % (at most 30 s) early.
/// </summary>
internal sealed class TokenRequester(TimeProvider time)
{
    private const int MaxTokenResponseBytes = 1024 * 1024;

    public async Task<BearerToken> RequestAsync(
        Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send,
        Uri realm, string? service, string scope, RegistryCredential? credential, CancellationToken cancellationToken)
    {
        using var request = credential is { HasIdentityToken: true }
            ? RefreshTokenGrant(realm, service, scope, credential.IdentityToken!)
            : TokenGet(realm, service, scope, credential);
        using var response = await send(request, cancellationToken);
        var body = await RegistryErrorBody.ReadCappedAsync(response.Content, MaxTokenResponseBytes, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            var kind = status is 408 or 429 or >= 500 ? RegistryErrorKind.Transient : RegistryErrorKind.Auth;
            throw new RegistryTransportException(kind,
                $"token service {realm.Authority} answered {status}{RegistryErrorBody.Describe(body)}");
        }

        return Parse(body, realm);
    }

    private static HttpRequestMessage TokenGet(Uri realm, string? service, string scope, RegistryCredential? credential)
    {
        var query = new StringBuilder(realm.Query.Length > 1 ? realm.Query[1..] + "&" : "");
        if (service is not null)
        {
            query.Append("service=").Append(Uri.EscapeDataString(service)).Append('&');
        }

        query.Append("scope=").Append(Uri.EscapeDataString(scope));
        var request = new HttpRequestMessage(HttpMethod.Get, new UriBuilder(realm) { Query = query.ToString() }.Uri);
        if (credential is { HasPassword: true })
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes(credential.Username + ":" + credential.Password)));
        }

        return request;
    }

    private static HttpRequestMessage RefreshTokenGrant(Uri realm, string? service, string scope, string identityToken)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = identityToken,
            ["client_id"] = "refreshbot",
            ["scope"] = scope,
        };
        if (service is not null)
        {
            form["service"] = service;
        }

        return new HttpRequestMessage(HttpMethod.Post, realm) { Content = new FormUrlEncodedContent(form) };
    }

    private BearerToken Parse(byte[] body, Uri realm)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var token = Text(root, "token") ?? Text(root, "access_token");
            if (string.IsNullOrEmpty(token))
            {
                throw new RegistryTransportException(RegistryErrorKind.Auth, $"token service {realm.Authority} returned no token");
            }

            var expiresIn = root.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var seconds) && seconds > 60 ? seconds : 60;
            var now = time.GetUtcNow();
            var issuedAt = Text(root, "issued_at") is { } issued
                && DateTimeOffset.TryParse(issued, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                && parsed <= now
                    ? parsed
                    : now;
            var lifetime = TimeSpan.FromSeconds(expiresIn);
            var margin = TimeSpan.FromSeconds(Math.Min(30, expiresIn * 0.1));
            return new BearerToken(token, issuedAt + lifetime - margin);
        }
        catch (JsonException)
        {
            throw new RegistryTransportException(RegistryErrorKind.Auth, $"token service {realm.Authority} returned malformed JSON");
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
