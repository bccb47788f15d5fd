using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RefreshBot.Host.Config;
using RefreshBot.Host.Endpoints.Events;

namespace RefreshBot.Host.Dashboard;

/// <summary>
/// Who may see the dashboard: a request carrying the configured credential (<c>Authorization: Bearer</c> for
/// <c>auth.token</c>, <c>Authorization: Basic</c> for <c>auth.basic</c>) or a valid login cookie. Secrets are compared in
/// constant time and never logged.
/// </summary>
internal sealed partial class DashboardAccess(DashboardAuth auth, TimeProvider time, ILogger<DashboardAccess> logger)
{
    private readonly DashboardSession _session = new(auth);

    public DashboardAuth Auth => auth;

    /// <summary>The request's <c>Authorization</c> header or login cookie is good.</summary>
    public bool Allows(HttpContext http)
    {
        var authorization = http.Request.Headers.Authorization.ToString();
        if (authorization.Length > 0 && HeaderMatches(authorization))
        {
            return true;
        }

        return _session.IsValid(http.Request.Cookies[DashboardSession.CookieName], time.GetUtcNow());
    }

    /// <summary>
    /// The login form's fields (<c>token</c>, or <c>username</c> and <c>password</c>) are right: sets the login cookie
    /// (HttpOnly, SameSite=Strict, path /dashboard, Secure over HTTPS) and returns true.
    /// </summary>
    public bool LogIn(HttpContext http, IFormCollection form)
    {
        var accepted = auth switch
        {
            DashboardAuth.Token token => SharedSecret.Matches(form["token"].ToString(), token.Value),
            DashboardAuth.Basic basic => BasicMatches(basic, form["username"].ToString(), form["password"].ToString()),
            _ => false,
        };
        if (!accepted)
        {
            LoginRefused(logger, auth is DashboardAuth.Token ? "wrong token" : "wrong user name or password");
            return false;
        }

        http.Response.Cookies.Append(DashboardSession.CookieName, _session.Issue(time.GetUtcNow()), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = DashboardPaths.Root,
            MaxAge = DashboardSession.Lifetime,
            IsEssential = true,
        });
        LoggedIn(logger);
        return true;
    }

    public static void LogOut(HttpContext http) =>
        http.Response.Cookies.Delete(DashboardSession.CookieName, new CookieOptions { Path = DashboardPaths.Root, HttpOnly = true, SameSite = SameSiteMode.Strict });

    /// <summary>The <c>WWW-Authenticate</c> challenge of a 401: none for a browser asking for HTML (it gets the login form,
    /// not the browser's own Basic dialog).</summary>
    public string? Challenge(HttpContext http) => auth switch
    {
        DashboardAuth.Token => "Bearer realm=\"RefreshBot dashboard\"",
        _ when http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase) => null,
        _ => "Basic realm=\"RefreshBot dashboard\", charset=\"UTF-8\"",
    };

    private bool HeaderMatches(string authorization)
    {
        var space = authorization.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0)
        {
            return false;
        }

        var scheme = authorization[..space];
        var value = authorization[(space + 1)..].Trim();
        switch (auth)
        {
            case DashboardAuth.Token token when scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase):
                return SharedSecret.Matches(value, token.Value);
            case DashboardAuth.Basic basic when scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase):
                string decoded;
                try
                {
                    decoded = Encoding.UTF8.GetString(Convert.FromBase64String(value));
                }
                catch (FormatException)
                {
                    return false;
                }

                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                return colon >= 0 && BasicMatches(basic, decoded[..colon], decoded[(colon + 1)..]);
            default:
                return false;
        }
    }

    /// <summary>Both compared, always (constant time: whether the user name was right does not show).</summary>
    private static bool BasicMatches(DashboardAuth.Basic basic, string username, string password)
    {
        var user = CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(username)), SHA256.HashData(Encoding.UTF8.GetBytes(basic.Username)));
        var secret = SharedSecret.Matches(password, basic.Password);
        return user & secret;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard login refused: {Why}")]
    private static partial void LoginRefused(ILogger logger, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard login accepted")]
    private static partial void LoggedIn(ILogger logger);
}
