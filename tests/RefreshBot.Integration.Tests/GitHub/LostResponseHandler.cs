using System.Net;

namespace RefreshBot.Integration.Tests.GitHub;

/// <summary>
/// Sends requests on for real, but answers the first one matching with 502 instead of the server's reply:
/// "GitHub did it, then the gateway lost the answer" — the case where blind replaying would duplicate.
/// </summary>
internal sealed class LostResponseHandler(HttpMethod method, string pathEnd) : DelegatingHandler(new SocketsHttpHandler())
{
    private int _lost;

    public int Lost => _lost;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.Method == method && request.RequestUri!.AbsolutePath.EndsWith(pathEnd, StringComparison.Ordinal)
            && Interlocked.CompareExchange(ref _lost, 1, 0) == 0)
        {
            response.Dispose();
            return new HttpResponseMessage(HttpStatusCode.BadGateway) { RequestMessage = request, Content = new StringContent("") };
        }

        return response;
    }
}
