using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RefreshBot.Adapters.History;
using RefreshBot.Application.Fleet;
using RefreshBot.Host.Config;
using RefreshBot.Host.Dashboard;
using RefreshBot.Host.Endpoints;
using RefreshBot.Host.Endpoints.Metrics;
using RefreshBot.Testing.Logging;

namespace RefreshBot.Integration.Tests.Dashboard;

/// <summary>
/// The service's endpoints (<see cref="EndpointRouting.MapRefreshBotEndpoints"/>) with the dashboard composed as the worker
/// composes it, over a real SQLite history in a temporary folder, on a loopback port; every log line captured.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _folder;

    private DashboardServer(WebApplication app, IHistoryStore history, string folder, CapturingLoggerProvider logs)
    {
        _app = app;
        _folder = folder;
        History = history;
        Logs = logs;
        BaseUri = new Uri(app.Urls.First().TrimEnd('/') + "/");
    }

    public Uri BaseUri { get; }

    public IHistoryStore History { get; }

    public CapturingLoggerProvider Logs { get; }

    public static async Task<DashboardServer> StartAsync(DashboardSettings settings, IReadOnlyList<TrackedRepository> fleet)
    {
        var folder = Directory.CreateTempSubdirectory("refreshbot-dashboard-").FullName;
        var history = await HistoryStores.OpenAsync(DatabaseSettings.SqliteIn(folder), CancellationToken.None);
        var logs = new CapturingLoggerProvider();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services
            .AddRefreshBotMetrics()
            .AddSingleton(history)
            .AddRefreshBotDashboard(settings, fleet);
        var app = builder.Build();
        app.MapRefreshBotEndpoints();
        await app.StartAsync();
        return new DashboardServer(app, history, folder, logs);
    }

    /// <summary>A client that neither follows redirects nor keeps cookies (each test sets what it sends).</summary>
    public HttpClient Client() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>GET <paramref name="path"/> with optional <c>Authorization</c> and <c>Cookie</c> headers.</summary>
    public async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> GetAsync(
        string path, AuthenticationHeaderValue? authorization = null, string? cookie = null, string accept = "text/html")
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = authorization;
        request.Headers.TryAddWithoutValidation("Accept", accept);
        if (cookie is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", cookie);
        }

        var response = await client.SendAsync(request);
        Assert.True(response.StatusCode != HttpStatusCode.InternalServerError, $"GET {path}: 500; the server logged:\n{Logs.AllText}");
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    public async Task<HttpResponseMessage> PostFormAsync(string path, params (string Name, string Value)[] fields)
    {
        using var client = Client();
        return await client.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await History.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
