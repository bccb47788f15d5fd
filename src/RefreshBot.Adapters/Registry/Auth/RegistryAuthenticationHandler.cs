using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using RefreshBot.Adapters.Credentials;
using RefreshBot.Application.Ports;

namespace RefreshBot.Adapters.Registry.Auth;

/// <summary>
/// Registry auth as a <see cref="DelegatingHandler"/>: a 401 is answered from its <c>WWW-Authenticate</c>
/// challenge (Bearer: token from the realm, cached per registry + scope; Basic: the registry's own
/// credentials) and the request replayed once. Once a registry's challenge is known, later requests
/// carry auth up front (no extra 401 round trip). Realms are checked by <see cref="RealmPolicy"/>.
/// </summary>
internal sealed partial class RegistryAuthenticationHandler : DelegatingHandler
{
    private readonly ICredentialSource _credentials;
    private readonly RegistryClientOptions _options;
    private readonly ILogger _logger;
    private readonly TokenCache _tokens;
    private readonly TokenRequester _tokenRequester;
    private readonly ConcurrentDictionary<string, AuthChallenge> _challenges = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Lazy<Task<RegistryCredential?>>> _credentialLookups = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<(string, string), SemaphoreSlim> _tokenLocks = new();

    public RegistryAuthenticationHandler(ICredentialSource credentials, RegistryClientOptions options, TimeProvider time, ILogger logger)
    {
        _credentials = credentials;
        _options = options;
        _logger = logger;
        _tokens = new TokenCache(time);
        _tokenRequester = new TokenRequester(time);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = RegistryRequestContext.Of(request);
        var scope = $"repository:{context.Repository}:pull";
        BearerToken? sent = null;
        if (_challenges.TryGetValue(context.Registry, out var known))
        {
            (request.Headers.Authorization, sent) = await AuthorizationAsync(known, request, context, scope, cancellationToken);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized || !TryChallenge(response, out var challenge))
        {
            return response;
        }

        _challenges[context.Registry] = challenge;
        if (sent is not null)
        {
            _tokens.Remove(context.Registry, scope, sent);
        }

        var (authorization, _) = await AuthorizationAsync(challenge, request, context, scope, cancellationToken);
        if (authorization is null)
        {
            return response;
        }

        response.Dispose();
        request.Headers.Authorization = authorization;
        return await base.SendAsync(request, cancellationToken);
    }

    private async Task<(AuthenticationHeaderValue? Header, BearerToken? Token)> AuthorizationAsync(
        AuthChallenge challenge, HttpRequestMessage request, RegistryRequestContext context, string scope, CancellationToken cancellationToken)
    {
        if (challenge.IsBasic)
        {
            // Basic credentials only ever go to the registry host itself (this request's host).
            var credential = await CredentialAsync(context.Registry, cancellationToken);
            return credential is { HasPassword: true }
                ? (new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credential.Username + ":" + credential.Password))), null)
                : (null, null);
        }

        if (!challenge.IsBearer || challenge.Realm is null || !Uri.TryCreate(challenge.Realm, UriKind.Absolute, out var realm))
        {
            return (null, null);
        }

        var token = await TokenAsync(challenge, realm, request.RequestUri!, context, scope, cancellationToken);
        return (new AuthenticationHeaderValue("Bearer", token.Value), token);
    }

    private async Task<BearerToken> TokenAsync(
        AuthChallenge challenge, Uri realm, Uri requestUri, RegistryRequestContext context, string scope, CancellationToken cancellationToken)
    {
        if (_tokens.Get(context.Registry, scope) is { } cached)
        {
            return cached;
        }

        var gate = _tokenLocks.GetOrAdd((context.Registry, scope), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (_tokens.Get(context.Registry, scope) is { } fetchedMeanwhile)
            {
                return fetchedMeanwhile;
            }

            var decision = RealmPolicy.Decide(realm, requestUri, context.Insecure, _options.For(context.Registry)?.AllowPrivateRealms ?? false);
            if (!decision.MayContact)
            {
                throw new RegistryTransportException(RegistryErrorKind.Auth,
                    $"{context.Registry} sent a token challenge for {realm.GetLeftPart(UriPartial.Path)}, which was not contacted: {decision.Refusal}"
                    + (decision.Refusal!.Contains("private", StringComparison.Ordinal) ? $" (allow it with registries[].allowPrivateRealms for {context.Registry})" : ""));
            }

            var held = await CredentialAsync(context.Registry, cancellationToken);
            var credential = decision.MaySendCredentials ? held : null;
            if (held is not null && credential is null)
            {
                LogCredentialsWithheld(_logger, context.Registry, realm.GetLeftPart(UriPartial.Path));
            }

            LogTokenRequest(_logger, context.Registry, scope, realm.Authority, credential is not null);
            var token = await _tokenRequester.RequestAsync(base.SendAsync, realm, challenge.Service, scope, credential, cancellationToken);
            _tokens.Put(context.Registry, scope, token);
            return token;
        }
        finally
        {
            gate.Release();
        }
    }

    private Task<RegistryCredential?> CredentialAsync(string registry, CancellationToken cancellationToken) =>
        _credentialLookups.GetOrAdd(registry, r => new Lazy<Task<RegistryCredential?>>(
            () => _credentials.GetAsync(r, CancellationToken.None))).Value.WaitAsync(cancellationToken);

    private static bool TryChallenge(HttpResponseMessage response, out AuthChallenge challenge)
    {
        foreach (var header in response.Headers.WwwAuthenticate)
        {
            if (AuthChallenge.TryParse(header.ToString(), out var parsed, out _) && (parsed!.IsBearer || parsed.IsBasic))
            {
                challenge = parsed;
                return true;
            }
        }

        challenge = null!;
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Credentials for {Registry} withheld from token realm {Realm}: it is plain HTTP on another host than the registry (the token is requested anonymously)")]
    private static partial void LogCredentialsWithheld(ILogger logger, string registry, string realm);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Requesting token for {Registry} scope {Scope} from {Realm} (with credentials: {WithCredentials})")]
    private static partial void LogTokenRequest(ILogger logger, string registry, string scope, string realm, bool withCredentials);
}
