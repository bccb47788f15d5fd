using System.Net;
using Microsoft.Extensions.Logging;
using RefreshBot.Adapters.Registry.Blobs;
using RefreshBot.Application.Ports;
using RefreshBot.Domain.References;

namespace RefreshBot.Adapters.Registry;

/// <summary>Blob downloads: same politeness and auth pipeline as manifests; redirects followed without credentials.</summary>
public sealed partial class RegistryClient
{
    private const int MaxBlobRedirects = 3;

    public async Task<Stream> OpenBlobAsync(ImageReference image, Digest digest, CancellationToken cancellationToken)
    {
        var reference = digest.ToString();
        var registryOptions = _options.For(image.Domain);
        var endpoint = RegistryEndpoint.For(image.Domain, registryOptions);
        using var request = new HttpRequestMessage(HttpMethod.Get, endpoint.BlobUri(image.Path, reference));
        var response = await SendAsync(request, image, reference, "blob", registryOptions?.Insecure == true, cancellationToken);
        for (var hop = 0; IsRedirect(response); hop++)
        {
            var location = response.Headers.Location;
            var from = response.RequestMessage?.RequestUri ?? request.RequestUri!;
            response.Dispose();
            if (location is null || hop >= MaxBlobRedirects)
            {
                throw Fail(RegistryErrorKind.Invalid, image, reference,
                    location is null ? "blob redirect without Location" : $"more than {MaxBlobRedirects} blob redirects");
            }

            response = await FollowAsync(new Uri(from, location), image, reference, cancellationToken);
        }

        try
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            return new VerifiedBlobStream(response, body, digest, image.Domain, image.Name + "@" + reference, _options.RequestTimeout);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static bool IsRedirect(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    /// <summary>A redirect target (object store, CDN) gets a plain GET: no registry credentials, one attempt.</summary>
    private async Task<HttpResponseMessage> FollowAsync(Uri target, ImageReference image, string reference, CancellationToken cancellationToken)
    {
        if (target.Scheme != Uri.UriSchemeHttps && target.Scheme != Uri.UriSchemeHttp)
        {
            throw Fail(RegistryErrorKind.Invalid, image, reference, $"blob redirect to an unsupported scheme '{target.Scheme}'");
        }

        LogBlobRedirect(_logger, image.Domain, image.Path, reference, target.Authority);
        HttpResponseMessage response;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        try
        {
            response = await _redirects.GetAsync(target, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw Fail(RegistryErrorKind.Transient, image, reference, $"redirected blob download from {target.Authority} failed", e);
        }

        if (response.IsSuccessStatusCode || IsRedirect(response))
        {
            return response;
        }

        var status = (int)response.StatusCode;
        response.Dispose();
        throw Fail(status is 408 or 429 or >= 500 ? RegistryErrorKind.Transient : RegistryErrorKind.Invalid, image, reference,
            $"redirected blob download from {target.Authority} answered {status} {StatusText(status)}");
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Blob {Registry} {Image}@{Reference} redirected to {Target}")]
    private static partial void LogBlobRedirect(ILogger logger, string registry, string image, string reference, string target);
}
