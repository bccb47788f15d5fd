using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RefreshBot.Testing.Images;

/// <summary>
/// Minimal auth for the test pusher (deliberately independent of the product's auth code):
/// answers a 401 challenge with Basic credentials or a token fetched from the Bearer realm.
/// </summary>
internal sealed partial class PushAuthenticator(string? username, string? password) : DelegatingHandler(new HttpClientHandler())
{
    private AuthenticationHeaderValue? _current;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var contentType = request.Content?.Headers.ContentType;
        request.Headers.Authorization = _current;
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized || response.Headers.WwwAuthenticate.Count == 0)
        {
            return response;
        }

        var challenge = response.Headers.WwwAuthenticate.First();
        response.Dispose();
        _current = challenge.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase)
            ? BasicHeader()
            : await FetchTokenAsync(challenge.Parameter ?? "", cancellationToken);

        using var retry = new HttpRequestMessage(request.Method, request.RequestUri);
        foreach (var header in request.Headers)
        {
            retry.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        retry.Headers.Authorization = _current;
        if (body is not null)
        {
            retry.Content = new ByteArrayContent(body);
            retry.Content.Headers.ContentType = contentType;
        }

        return await base.SendAsync(retry, cancellationToken);
    }

    private AuthenticationHeaderValue? BasicHeader() => username is null
        ? null
        : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(username + ":" + password)));

    private async Task<AuthenticationHeaderValue> FetchTokenAsync(string parameters, CancellationToken cancellationToken)
    {
        var values = ChallengeParameter().Matches(parameters).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        var uri = $"{values["realm"]}?service={Uri.EscapeDataString(values.GetValueOrDefault("service", ""))}";
        if (values.TryGetValue("scope", out var scope))
        {
            // the pusher always needs push as well as pull
            uri += "&scope=" + Uri.EscapeDataString(scope.Replace(":pull", ":pull,push", StringComparison.Ordinal).Replace(",push,push", ",push", StringComparison.Ordinal));
        }

        using var tokenRequest = new HttpRequestMessage(HttpMethod.Get, uri);
        tokenRequest.Headers.Authorization = BasicHeader();
        using var tokenResponse = await base.SendAsync(tokenRequest, cancellationToken);
        tokenResponse.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync(cancellationToken));
        return new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("token").GetString());
    }

    [GeneratedRegex("(\\w+)=\"([^\"]*)\"")]
    private static partial Regex ChallengeParameter();
}
