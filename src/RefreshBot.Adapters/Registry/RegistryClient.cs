using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RefreshBot.Adapters.Credentials;
using RefreshBot.Adapters.Registry.Auth;
using RefreshBot.Adapters.Registry.Blobs;
using RefreshBot.Adapters.Registry.Politeness;
using RefreshBot.Application.Ports;
using RefreshBot.Application.Telemetry;
using RefreshBot.Domain.Manifests;
using RefreshBot.Domain.References;

namespace RefreshBot.Adapters.Registry;

/// <summary>
/// <see cref="IRegistryClient"/> over the OCI distribution API. Safe for concurrent use: one instance
/// should serve a whole cycle so that token cache, concurrency limits and rate-limit state are shared.
/// Handler chain: <see cref="PolitenessHandler"/> → <see cref="RegistryAuthenticationHandler"/> → primary.
/// </summary>
public sealed partial class RegistryClient : IRegistryClient, IBlobSource, IDisposable
{
    private readonly HttpClient _http;
    private readonly HttpClient _redirects;
    private readonly RegistryClientOptions _options;
    private readonly ILogger _logger;

    private RegistryClient(HttpClient http, HttpClient redirects, RegistryClientOptions options, ILogger logger)
    {
        _http = http;
        _redirects = redirects;
        _options = options;
        _logger = logger;
    }

    /// <summary>Builds a client with its handler chain.</summary>
    /// <param name="credentials">Where credentials come from, e.g. a <see cref="CredentialSourceChain"/> of
    /// <see cref="ConfiguredCredentialSource"/> and <see cref="DockerConfigCredentialSource"/>.</param>
    /// <param name="time">Clock and delays (retry waits); <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="primaryHandler">Innermost handler; a <see cref="SocketsHttpHandler"/> when null.</param>
    /// <param name="metrics">Where each registry response (host, status) and <c>ratelimit-remaining</c> is recorded; none when null.</param>
    public static RegistryClient Create(
        RegistryClientOptions options, ICredentialSource? credentials = null, ILoggerFactory? loggerFactory = null,
        TimeProvider? time = null, HttpMessageHandler? primaryHandler = null, RefreshBotMetrics? metrics = null)
    {
        options.Validate();
        loggerFactory ??= NullLoggerFactory.Instance;
        time ??= TimeProvider.System;
        var logger = loggerFactory.CreateLogger<RegistryClient>();
        var auth = new RegistryAuthenticationHandler(credentials ?? new ConfiguredCredentialSource(options.Registries), options, time, logger)
        {
            InnerHandler = primaryHandler ?? new SocketsHttpHandler
            {
                // Shorter than the attempt, so a host that cannot be connected to fails as a connection failure
                // (counted towards the unreachable cool-down), not as an attempt timeout (which is not).
                ConnectTimeout = options.RequestTimeout / 2,
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.None,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            },
        };
        var politeness = new PolitenessHandler(options, new RegistryThrottle(options), time, logger, metrics) { InnerHandler = auth };
        var http = new HttpClient(politeness) { Timeout = Timeout.InfiniteTimeSpan };
        // Blob redirects (to a CDN or object store) are followed without the registry's credentials.
        var redirects = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        { Timeout = Timeout.InfiniteTimeSpan };
        return new RegistryClient(http, redirects, options, logger);
    }

    public async Task<ManifestDescriptor> HeadManifestAsync(ImageReference image, string reference, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Head, image, reference, cancellationToken);
        var header = DigestHeader(response, image, reference);
        if (header is null)
        {
            LogHeadWithoutDigest(_logger, image.Domain, image.Path, reference);
            return (await GetManifestAsync(image, reference, cancellationToken)).Descriptor;
        }

        var size = response.Content.Headers.ContentLength ?? -1;
        return new ManifestDescriptor(header.Value, MediaType(response), size);
    }

    public async Task<FetchedManifest> GetManifestAsync(ImageReference image, string reference, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, image, reference, cancellationToken);
        byte[] content;
        // The per-attempt timeout ends with the headers: every read of the body must make progress, as for blobs.
        try
        {
            content = await RegistryErrorBody.ReadCappedAsync(response.Content, _options.MaxManifestBytes, cancellationToken, _options.RequestTimeout);
        }
        catch (BodyTooLargeException e)
        {
            throw Fail(RegistryErrorKind.Invalid, image, reference, $"manifest larger than the {e.Limit} byte limit");
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw Fail(RegistryErrorKind.Transient, image, reference, "connection failed while reading the manifest", e);
        }
        catch (IdleReadTimeoutException e)
        {
            throw Fail(RegistryErrorKind.Transient, image, reference, e.Message + " while reading the manifest", e);
        }

        var asked = Digest.TryParse(reference, out var askedDigest, out _) ? askedDigest : (Digest?)null;
        var returned = DigestHeader(response, image, reference);
        var expected = asked ?? returned ?? Digest.Sha256Of(content);
        if (!expected.Matches(content))
        {
            throw Fail(RegistryErrorKind.Invalid, image, reference,
                $"manifest bytes do not hash to {expected} ({(asked is not null ? "the digest asked for" : "Docker-Content-Digest")})");
        }

        if (asked is not null && returned is not null && returned != asked)
        {
            throw Fail(RegistryErrorKind.Invalid, image, reference, $"registry returned digest {returned} for a request by digest");
        }

        return new FetchedManifest(new ManifestDescriptor(expected, MediaType(response), content.LongLength), content);
    }

    public void Dispose()
    {
        _http.Dispose();
        _redirects.Dispose();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, ImageReference image, string reference, CancellationToken cancellationToken)
    {
        var registryOptions = _options.For(image.Domain);
        var endpoint = RegistryEndpoint.For(image.Domain, registryOptions);
        using var request = new HttpRequestMessage(method, endpoint.ManifestUri(image.Path, reference));
        foreach (var mediaType in ManifestMediaTypes.Accepted)
        {
            request.Headers.Accept.ParseAdd(mediaType);
        }

        return await SendAsync(request, image, reference, "manifest", registryOptions?.Insecure == true, cancellationToken);
    }

    /// <summary>Sends through the politeness/auth pipeline; a non-success status becomes a <see cref="RegistryException"/>.</summary>
    private async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, ImageReference image, string reference, string what, bool insecure, CancellationToken cancellationToken)
    {
        var method = request.Method;
        request.Options.Set(RegistryRequestContext.Key, new RegistryRequestContext(image.Domain, image.Path, reference, insecure));
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (RegistryTransportException e)
        {
            throw Fail(e.Kind, image, reference, e.Message, e.InnerException);
        }
        catch (BodyTooLargeException e)
        {
            throw Fail(RegistryErrorKind.Invalid, image, reference, "auth response " + e.Message);
        }
        catch (HttpRequestException e)
        {
            throw Fail(RegistryErrorKind.Transient, image, reference, "connection failed: " + e.Message, e);
        }

        LogResponse(_logger, method.Method, image.Domain, image.Path, reference, (int)response.StatusCode);
        if (response.IsSuccessStatusCode || (what == "blob" && IsRedirect(response)))
        {
            return response;
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var detail = method == HttpMethod.Head ? "" : await RegistryErrorBody.DescribeAsync(response.Content, _options.RequestTimeout, cancellationToken);
            var kind = status switch
            {
                401 or 403 => RegistryErrorKind.Auth,
                404 => RegistryErrorKind.NotFound,
                408 or 429 or >= 500 => RegistryErrorKind.Transient,
                _ => RegistryErrorKind.Invalid,
            };
            throw Fail(kind, image, reference, $"{method.Method} {what} answered {status} {StatusText(status)}{detail}");
        }
    }

    private Digest? DigestHeader(HttpResponseMessage response, ImageReference image, string reference)
    {
        if (!response.Headers.TryGetValues("Docker-Content-Digest", out var values))
        {
            return null;
        }

        var text = values.FirstOrDefault()?.Trim() ?? "";
        return Digest.TryParse(text, out var digest, out var error)
            ? digest
            : throw Fail(RegistryErrorKind.Invalid, image, reference, "malformed Docker-Content-Digest: " + error);
    }

    private static string MediaType(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType ?? "";

    private static string StatusText(int status) => status switch
    {
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => ((HttpStatusCode)status).ToString(),
    };

    private RegistryException Fail(RegistryErrorKind kind, ImageReference image, string reference, string message, Exception? inner = null)
    {
        var display = image.Name + (reference.Contains(':', StringComparison.Ordinal) ? "@" : ":") + reference;
        LogFailure(_logger, kind.ToString(), image.Domain, display, message);
        // inner exceptions are dropped unless they are transport errors (which carry no request headers)
        return new RegistryException(kind, image.Domain, display, message, inner is HttpRequestException or OperationCanceledException ? inner : null);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Registry} {Image}:{Reference} -> {Status}")]
    private static partial void LogResponse(ILogger logger, string method, string registry, string image, string reference, int status);

    [LoggerMessage(Level = LogLevel.Debug, Message = "HEAD {Registry} {Image}:{Reference} returned no digest; falling back to GET")]
    private static partial void LogHeadWithoutDigest(ILogger logger, string registry, string image, string reference);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registry lookup failed ({Kind}) at {Registry} for {Reference}: {Failure}")]
    private static partial void LogFailure(ILogger logger, string kind, string registry, string reference, string failure);
}
