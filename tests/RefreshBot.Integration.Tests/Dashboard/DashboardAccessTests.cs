using System.Net;
using System.Net.Http.Headers;
using System.Text;
using static RefreshBot.Integration.Tests.Dashboard.DashboardSample;

namespace RefreshBot.Integration.Tests.Dashboard;

/// <summary>Over real HTTP: the dashboard exists only when enabled, and every page needs the configured credential or the login cookie.</summary>
public sealed class DashboardAccessTests
{
    private static readonly string[] Pages = ["/dashboard", "/dashboard/runs", "/dashboard/repositories/" + Stale];

    [Fact]
    public async Task Off_by_default_the_dashboard_is_not_served()
    {
        await using var server = await DashboardServer.StartAsync(Host.Config.DashboardSettings.Disabled, Fleet);

        foreach (var page in Pages.Append("/dashboard/login"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await server.GetAsync(page, Bearer(Token))).Status);
        }
    }

    [Fact]
    public async Task With_a_token_no_or_a_wrong_bearer_gets_401_and_the_login_form_and_the_right_one_gets_the_page()
    {
        await using var server = await DashboardServer.StartAsync(TokenSettings, Fleet);
        await FillAsync(server.History, DateTimeOffset.UtcNow);

        foreach (var page in Pages)
        {
            var none = await server.GetAsync(page);
            Assert.Equal(HttpStatusCode.Unauthorized, none.Status);
            Assert.Equal("Bearer realm=\"RefreshBot dashboard\"", none.Response.Headers.WwwAuthenticate.ToString());
            Assert.Contains("<form class=\"login\" method=\"post\" action=\"/dashboard/login\"", none.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(Stale + "</a>", none.Body, StringComparison.Ordinal);

            foreach (var wrong in new[] { Bearer(Token + "x"), Bearer(Token[..^1]), new AuthenticationHeaderValue("Basic", Base64("admin:" + Token)), Bearer("") })
            {
                var refused = await server.GetAsync(page, wrong);
                Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
                Assert.DoesNotContain(Stale + "</a>", refused.Body, StringComparison.Ordinal);
            }

            var allowed = await server.GetAsync(page, Bearer(Token));
            Assert.Equal(HttpStatusCode.OK, allowed.Status);
            Assert.Contains(Stale, allowed.Body, StringComparison.Ordinal);
            Assert.Equal("no-store", allowed.Response.Headers.CacheControl?.ToString());
            Assert.Contains("default-src 'none'", allowed.Response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(Token, server.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_login_form_sets_an_HttpOnly_cookie_that_opens_the_pages_and_a_forged_or_cleared_one_does_not()
    {
        await using var server = await DashboardServer.StartAsync(TokenSettings, Fleet);

        using var wrong = await server.PostFormAsync("/dashboard/login", ("token", "guess"), ("next", "/dashboard/runs"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("Wrong token.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(wrong.Headers.Contains("Set-Cookie"));

        using var right = await server.PostFormAsync("/dashboard/login", ("token", Token), ("next", "/dashboard/runs?outcome=failed"));
        Assert.Equal(HttpStatusCode.Found, right.StatusCode);
        Assert.Equal("/dashboard/runs?outcome=failed", right.Headers.Location?.OriginalString);
        var setCookie = right.Headers.GetValues("Set-Cookie").Single();
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/dashboard", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Token, setCookie, StringComparison.Ordinal);
        var cookie = setCookie.Split(';')[0];

        Assert.Equal(HttpStatusCode.OK, (await server.GetAsync("/dashboard", cookie: cookie)).Status);
        var value = cookie.Split('=', 2)[1];
        var forged = cookie.Split('=')[0] + "=" + (long.Parse(value.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture) + 3600) + "." + value.Split('.')[1];
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.GetAsync("/dashboard", cookie: forged)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.GetAsync("/dashboard", cookie: cookie[..^2] + "xx")).Status);

        using var offsite = await server.PostFormAsync("/dashboard/login", ("token", Token), ("next", "https://evil.example/"));
        Assert.Equal("/dashboard", offsite.Headers.Location?.OriginalString);
        Assert.Contains("Dashboard login refused: wrong token", server.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, server.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("guess", server.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_basic_auth_the_user_name_and_password_must_both_be_right()
    {
        await using var server = await DashboardServer.StartAsync(BasicSettings, Fleet);

        var none = await server.GetAsync("/dashboard", accept: "application/json");
        Assert.Equal(HttpStatusCode.Unauthorized, none.Status);
        Assert.StartsWith("Basic realm=\"RefreshBot dashboard\"", none.Response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        var browser = await server.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.Unauthorized, browser.Status);
        Assert.Empty(browser.Response.Headers.WwwAuthenticate);
        Assert.Contains("name=\"username\"", browser.Body, StringComparison.Ordinal);

        foreach (var wrong in new[] { $"{Username}:{Password}x", $"root:{Password}", $"{Username}:", Password, $"{Username}{Password}" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await server.GetAsync("/dashboard", new AuthenticationHeaderValue("Basic", Base64(wrong)))).Status);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await server.GetAsync("/dashboard", Bearer(Password))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.GetAsync("/dashboard", new AuthenticationHeaderValue("Basic", "not base64!"))).Status);
        Assert.Equal(HttpStatusCode.OK, (await server.GetAsync("/dashboard", new AuthenticationHeaderValue("Basic", Base64($"{Username}:{Password}")))).Status);

        using var wrongForm = await server.PostFormAsync("/dashboard/login", ("username", "root"), ("password", Password));
        Assert.Equal(HttpStatusCode.Unauthorized, wrongForm.StatusCode);
        using var rightForm = await server.PostFormAsync("/dashboard/login", ("username", Username), ("password", Password));
        Assert.Equal(HttpStatusCode.Found, rightForm.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.GetAsync("/dashboard", cookie: rightForm.Headers.GetValues("Set-Cookie").Single().Split(';')[0])).Status);
        Assert.DoesNotContain(Password, server.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cookie_made_for_one_secret_is_refused_when_the_secret_changed()
    {
        string cookie;
        await using (var before = await DashboardServer.StartAsync(TokenSettings, Fleet))
        {
            using var login = await before.PostFormAsync("/dashboard/login", ("token", Token));
            cookie = login.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
            Assert.Equal(HttpStatusCode.OK, (await before.GetAsync("/dashboard", cookie: cookie)).Status);
        }

        await using var same = await DashboardServer.StartAsync(TokenSettings, Fleet);
        Assert.Equal(HttpStatusCode.OK, (await same.GetAsync("/dashboard", cookie: cookie)).Status);

        await using var changed = await DashboardServer.StartAsync(
            new Host.Config.DashboardSettings(true, new Host.Config.DashboardAuth.Token(new Host.Config.SecretText(Token + "-rotated"))), Fleet);
        Assert.Equal(HttpStatusCode.Unauthorized, (await changed.GetAsync("/dashboard", cookie: cookie)).Status);
    }

    private static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
