using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RefreshBot.Application.Fleet;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Application.Refresh.Triggers;
using RefreshBot.Application.Telemetry;
using RefreshBot.Host.Config;
using RefreshBot.Host.Endpoints;
using RefreshBot.Host.Endpoints.Events;
using RefreshBot.Host.Endpoints.Metrics;
using RefreshBot.Testing.Logging;

namespace RefreshBot.Integration.Tests.Events;

/// <summary>
/// The service's endpoints (<see cref="EndpointRouting.MapRefreshBotEndpoints"/>) on a loopback port over real HTTP, with
/// a <see cref="RecordingTrigger"/>, an image-usage index (the real SQLite history, or an <see cref="InMemoryImageUsage"/>)
/// and every log line captured.
/// </summary>
public sealed class EventServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EventServer(WebApplication app, RecordingTrigger trigger, IImageUsageIndex usage, CapturingLoggerProvider logs)
    {
        _app = app;
        Trigger = trigger;
        Usage = usage;
        Logs = logs;
        BaseUri = new Uri(app.Urls.First().TrimEnd('/') + "/");
        Http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseUri { get; }

    public HttpClient Http { get; }

    public RecordingTrigger Trigger { get; }

    public IImageUsageIndex Usage { get; }

    public CapturingLoggerProvider Logs { get; }

    /// <summary>The instance <c>/metrics</c> exports (give it to a registry client or a refresh cycle to see their measurements).</summary>
    public RefreshBotMetrics Metrics => _app.Services.GetRequiredService<RefreshBotMetrics>();

    public static async Task<EventServer> StartAsync(
        EventSettings settings, IReadOnlyList<TrackedRepository>? fleet = null, RecordingTrigger? trigger = null, IImageUsageIndex? usage = null)
    {
        fleet ??= [];
        trigger ??= new RecordingTrigger([.. fleet.Select(r => r.Id)]);
        usage ??= new InMemoryImageUsage();
        var logs = new CapturingLoggerProvider();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services
            .AddRefreshBotMetrics()
            .AddRefreshBotEvents(settings, fleet)
            .AddSingleton<IRefreshTrigger>(trigger)
            .AddSingleton<IImageUsageIndex>(usage);
        var app = builder.Build();
        app.MapRefreshBotEndpoints();
        await app.StartAsync();
        return new EventServer(app, trigger, usage, logs);
    }

    /// <summary>POSTs <paramref name="body"/> (UTF-8 JSON) to <paramref name="path"/> with <paramref name="headers"/>.</summary>
    public async Task<(int Status, string Body)> PostAsync(string path, string body, params (string Name, string Value)[] headers) =>
        await PostAsync(path, new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(body)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } }, headers);

    public async Task<(int Status, string Body)> PostAsync(string path, HttpContent content, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await Http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
