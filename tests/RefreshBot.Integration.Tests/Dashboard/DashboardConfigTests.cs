using Microsoft.Extensions.DependencyInjection;
using RefreshBot.Adapters.History;
using RefreshBot.Application.Reporting.Status;
using RefreshBot.Host.Config;
using RefreshBot.Integration.Tests.Config;

namespace RefreshBot.Integration.Tests.Dashboard;

/// <summary><c>dashboard:</c> as the loader and the schema read it, and the worker composing the dashboard only when enabled.</summary>
public sealed class DashboardConfigTests : IDisposable
{
    private readonly ConfigFolder _folder = new();
    private readonly ConfigSchema _schema = ConfigSchema.Load();

    public DashboardConfigTests() => _folder.Environment["DASHBOARD_SECRET"] = "dash-s3cret";

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Off_by_default_and_when_not_enabled()
    {
        Assert.Equal(DashboardSettings.Disabled, _folder.Load("").Dashboard);
        Assert.False(_folder.Load("dashboard:\n  enabled: false\n").Dashboard.Enabled);
        Assert.False(_folder.Load("dashboard:\n  auth:\n    token: ${env:DASHBOARD_SECRET}\n").Dashboard.Enabled);
    }

    [Fact]
    public void A_token_or_basic_credentials_come_from_substitutions_and_never_print()
    {
        var token = _folder.Load("dashboard:\n  enabled: true\n  auth:\n    token: ${env:DASHBOARD_SECRET}\n").Dashboard;
        var basic = _folder.Load("dashboard:\n  enabled: true\n  auth:\n    basic:\n      username: admin\n      password: ${env:DASHBOARD_SECRET}\n").Dashboard;

        Assert.True(token.Enabled);
        Assert.Equal("dash-s3cret", Assert.IsType<DashboardAuth.Token>(token.Auth).Value.Reveal());
        var credentials = Assert.IsType<DashboardAuth.Basic>(basic.Auth);
        Assert.Equal("admin", credentials.Username);
        Assert.Equal("dash-s3cret", credentials.Password.Reveal());
        Assert.DoesNotContain("dash-s3cret", token.ToString() + basic.ToString(), StringComparison.Ordinal);
    }

    public static TheoryData<string, int, int, string, string> Broken => new()
    {
        { "dashboard:\n  enabled: true\n", 2, 3, "dashboard: expected 'auth:", "/dashboard" },
        { "dashboard:\n  enabled: yes\n  auth:\n    token: ${env:DASHBOARD_SECRET}\n", 2, 12, "dashboard.enabled: expected true or false", "/dashboard/enabled" },
        { "dashboard:\n  enabled: true\n  auth:\n    token: written-down\n", 4, 12, "dashboard.auth.token: a secret must not be written in the config", "/dashboard/auth/token" },
        { "dashboard:\n  auth:\n    token: ${env:DASHBOARD_SECRET}\n    basic:\n      username: a\n      password: ${env:DASHBOARD_SECRET}\n", 3, 5, "dashboard.auth: expected exactly one of", "/dashboard/auth" },
        { "dashboard:\n  auth:\n    basic:\n      password: ${env:DASHBOARD_SECRET}\n", 4, 7, "dashboard.auth.basic: expected 'username'", "/dashboard/auth/basic" },
        { "dashboard:\n  auth:\n    basic:\n      username: 'a:b'\n      password: ${env:DASHBOARD_SECRET}\n", 4, 17, "dashboard.auth.basic.username: expected a user name without ':'", "/dashboard/auth/basic/username" },
        { "dashboard:\n  auth:\n    tokn: ${env:DASHBOARD_SECRET}\n", 3, 5, "unknown key 'tokn' in dashboard.auth", "/dashboard/auth/tokn" },
        { "dashboard:\n  enabled: true\n  auth:\n    token: ${env:MISSING_SECRET}\n", 4, 12, "dashboard.auth.token:", "/dashboard" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Mistakes_point_at_their_line_and_column_and_the_schema_flags_them_too(string yaml, int line, int column, string problem, string schemaLocation)
    {
        var error = Assert.Throws<ConfigException>(() => _folder.Load(yaml));

        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.StartsWith(problem, error.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain("dash-s3cret", error.Message, StringComparison.Ordinal);
        if (!yaml.Contains("MISSING_SECRET", StringComparison.Ordinal))
        {
            var complaints = _schema.Validate(yaml);
            Assert.True(complaints.Any(c => c.StartsWith(schemaLocation + " (", StringComparison.Ordinal)), string.Join(" | ", complaints));
        }
    }

    [Theory]
    [InlineData("dashboard:\n")]
    [InlineData("dashboard:\n  enabled: false\n")]
    [InlineData("dashboard:\n  enabled: true\n  auth: {token: \"${env:DASHBOARD_SECRET}\"}\n")]
    [InlineData("dashboard:\n  enabled: true\n  auth:\n    basic: {username: admin, password: \"${file:app.pem}\"}\n")]
    public void Valid_sections_load_and_validate_against_the_schema(string yaml)
    {
        _folder.Load(yaml);

        Assert.Empty(_schema.Validate(yaml));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_worker_composes_the_dashboard_only_when_enabled(bool enabled)
    {
        var config = _folder.Load($"dashboard:\n  enabled: {(enabled ? "true" : "false")}\n  auth:\n    token: ${{env:DASHBOARD_SECRET}}\n");
        await using var history = await HistoryStores.OpenAsync(DatabaseSettings.SqliteIn(Path.Combine(_folder.Root, "data")), CancellationToken.None);
        await using var app = Host.Service.WorkerService.Build(config, history, cacheFolder: null);

        Assert.Equal(enabled, app.Services.GetService<FleetStatus>() is not null);
        var endpoints = ((Microsoft.AspNetCore.Routing.IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints)
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>().Select(e => e.RoutePattern.RawText).ToList();
        Assert.Equal(enabled, endpoints.Contains("/dashboard"));
        Assert.Equal(enabled, endpoints.Contains("/dashboard/runs"));
    }
}
