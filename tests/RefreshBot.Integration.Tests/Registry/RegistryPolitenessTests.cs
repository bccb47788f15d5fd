using RefreshBot.Adapters.Registry;
using RefreshBot.Application.Ports;
using RefreshBot.Domain.References;
using RefreshBot.Testing.Images;
using RefreshBot.Testing.Proxy;
using RefreshBot.Testing.Registry;
using RefreshBot.Testing.Time;

namespace RefreshBot.Integration.Tests.Registry;

/// <summary>429/Retry-After, 5xx retries, Docker Hub ratelimit-remaining, through a fault-injecting proxy.</summary>
public sealed class RegistryPolitenessTests : IAsyncLifetime
{
    private RegistryServer _registry = null!;
    private CountingProxy _proxy = null!;
    private PushedManifest _pushed = null!;
    private readonly FastForwardTimeProvider _time = new();

    public async Task InitializeAsync()
    {
        _registry = await RegistryServer.StartAsync();
        _proxy = await CountingProxy.StartAsync(_registry.BaseUri);
        using var pusher = new ImagePusher(_registry.BaseUri);
        _pushed = await pusher.PushImageAsync("app", "1");
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _registry.DisposeAsync();
    }

    private ImageReference Image => new(_proxy.Host, "app", null, null);

    private RegistryClient Client(int maxRetries = 3) => RegistryClient.Create(
        new RegistryClientOptions { MaxRetries = maxRetries, RetryBaseDelay = TimeSpan.FromSeconds(1), MaxRetryAfter = TimeSpan.FromSeconds(30) },
        time: _time);

    [Fact]
    public async Task An_unreachable_registry_costs_its_retries_once_then_fails_fast_for_every_other_image()
    {
        var closed = "127.0.0.1:" + FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var client = Client(maxRetries: 2);

        var first = await Assert.ThrowsAsync<RegistryException>(() =>
            client.HeadManifestAsync(new ImageReference(closed, "team/one", null, null), "1", CancellationToken.None));
        Assert.Equal(RegistryErrorKind.Transient, first.Kind);
        Assert.Contains("connection failed", first.Message, StringComparison.Ordinal);
        Assert.Equal(2, _time.Delays.Count);

        var second = await Assert.ThrowsAsync<RegistryException>(() =>
            client.HeadManifestAsync(new ImageReference(closed, "team/two", null, null), "1", CancellationToken.None));
        Assert.Equal(RegistryErrorKind.Transient, second.Kind);
        Assert.Contains("registry unreachable", second.Message, StringComparison.Ordinal);
        Assert.Contains("team/two", second.Message, StringComparison.Ordinal);
        Assert.Equal(2, _time.Delays.Count); // no new retries

        // Other registries are not affected.
        var fine = await client.HeadManifestAsync(Image, "1", CancellationToken.None);
        Assert.Equal(_pushed.Digest, fine.Digest);
    }

    [Fact]
    public async Task Retry_after_in_seconds_is_waited_then_the_lookup_succeeds()
    {
        _proxy.Inject(ProxyFault.TooManyRequests("7"), times: 2, RequestKind.HeadManifest);
        using var client = Client();

        var descriptor = await client.HeadManifestAsync(Image, "1", CancellationToken.None);

        Assert.Equal(_pushed.Digest, descriptor.Digest);
        Assert.Equal([TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7)], _time.Delays);
        Assert.Equal([429, 429, 200], _proxy.Requests.Select(r => r.Status));
        Assert.Equal(0, _proxy.Count(RequestKind.GetManifest));
    }

    [Fact]
    public async Task Retry_after_as_http_date_is_waited_for_the_remaining_time()
    {
        var date = DateTimeOffset.UtcNow.AddSeconds(20).ToString("R");
        _proxy.Inject(ProxyFault.TooManyRequests(date), times: 1, RequestKind.HeadManifest);
        using var client = Client();

        await client.HeadManifestAsync(Image, "1", CancellationToken.None);

        var waited = Assert.Single(_time.Delays);
        Assert.InRange(waited, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(21));
    }

    [Fact]
    public async Task Retry_after_beyond_the_cap_fails_fast_as_Transient_without_waiting()
    {
        _proxy.Inject(ProxyFault.TooManyRequests("3600"), times: 1, RequestKind.HeadManifest);
        using var client = Client();

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.HeadManifestAsync(Image, "1", CancellationToken.None));

        Assert.Equal(RegistryErrorKind.Transient, error.Kind);
        Assert.Contains("3600", error.Message, StringComparison.Ordinal);
        Assert.Empty(_time.Delays);
        Assert.Equal(1, _proxy.Total);
    }

    [Fact]
    public async Task Server_errors_are_retried_with_growing_backoff_then_succeed()
    {
        _proxy.Inject(ProxyFault.ServerError(503), times: 2, RequestKind.GetManifest);
        using var client = Client();

        var fetched = await client.GetManifestAsync(Image, "1", CancellationToken.None);

        Assert.Equal(_pushed.Content, fetched.Content.ToArray());
        Assert.Equal([503, 503, 200], _proxy.Requests.Select(r => r.Status));
        Assert.Equal(2, _time.Delays.Count);
        Assert.InRange(_time.Delays[0], TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1));
        Assert.InRange(_time.Delays[1], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Persistent_server_errors_give_up_as_Transient_after_bounded_retries()
    {
        _proxy.Inject(ProxyFault.ServerError(502), times: 10, RequestKind.GetManifest);
        using var client = Client(maxRetries: 2);

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestAsync(Image, "1", CancellationToken.None));

        Assert.Equal(RegistryErrorKind.Transient, error.Kind);
        Assert.Contains("502", error.Message, StringComparison.Ordinal);
        Assert.Contains("UNAVAILABLE: service unavailable", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, _proxy.Count(RequestKind.GetManifest));
    }

    [Fact]
    public async Task Ratelimit_remaining_zero_stops_further_requests_to_that_registry()
    {
        _proxy.ExtraResponseHeaders["ratelimit-remaining"] = "0;w=21600";
        using var client = Client();

        var first = await client.HeadManifestAsync(Image, "1", CancellationToken.None);
        var error = await Assert.ThrowsAsync<RegistryException>(() => client.HeadManifestAsync(Image, "1", CancellationToken.None));

        Assert.Equal(_pushed.Digest, first.Digest);
        Assert.Equal(RegistryErrorKind.Transient, error.Kind);
        Assert.Contains("21600 s window", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _proxy.Total);
    }

    [Fact]
    public async Task Ratelimit_remaining_above_zero_changes_nothing()
    {
        _proxy.ExtraResponseHeaders["ratelimit-remaining"] = "76;w=21600";
        using var client = Client();

        await client.HeadManifestAsync(Image, "1", CancellationToken.None);
        await client.HeadManifestAsync(Image, "1", CancellationToken.None);

        Assert.Equal(2, _proxy.Count(RequestKind.HeadManifest));
    }

    [Fact]
    public async Task Concurrent_lookups_never_exceed_the_per_registry_limit_and_all_succeed()
    {
        using var client = RegistryClient.Create(new RegistryClientOptions
        {
            Registries = [new RegistryOptions { Host = _proxy.Host, Concurrency = 2 }],
        });

        _proxy.ResponseDelay = TimeSpan.FromMilliseconds(100);

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => client.HeadManifestAsync(Image, "1", CancellationToken.None)));

        Assert.All(results, r => Assert.Equal(_pushed.Digest, r.Digest));
        Assert.Equal(12, _proxy.Count(RequestKind.HeadManifest));
        Assert.Equal(2, _proxy.MaxConcurrent);
    }
}
