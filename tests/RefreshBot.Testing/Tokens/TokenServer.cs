using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RefreshBot.Testing.Tokens;

/// <summary>Who may get which tokens from a <see cref="TokenServer"/>.</summary>
public sealed record TokenServerOptions
{
    /// <summary>username → password accepted as Basic credentials (GET) or password grant (POST).</summary>
    public IReadOnlyDictionary<string, string> Users { get; init; } = new Dictionary<string, string>();

    /// <summary>identity (refresh) token → username, for the OAuth2 <c>refresh_token</c> grant (POST).</summary>
    public IReadOnlyDictionary<string, string> IdentityTokens { get; init; } = new Dictionary<string, string>();

    /// <summary>Anonymous requests get a token with pull access only (Docker Hub's public images).</summary>
    public bool AllowAnonymousPull { get; init; }

    /// <summary>Token lifetime reported as <c>expires_in</c>.</summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromMinutes(5);

    public string Service { get; init; } = "refreshbot-test-registry";

    public string Issuer { get; init; } = "refreshbot-test-issuer";
}

/// <summary>
/// The Docker registry token flow in-process (Kestrel on 127.0.0.1, ephemeral port):
/// <c>GET /token?service=..&amp;scope=repository:name:pull,push</c> with optional Basic credentials,
/// and the OAuth2 <c>POST /token</c> form (password or refresh_token grant). Issues RS256 JWTs
/// with an <c>x5c</c> chain; counts requests and records scopes.
/// </summary>
public sealed class TokenServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TokenSigner _signer;
    private readonly ConcurrentQueue<TokenRequest> _requests = new();
    private readonly ConcurrentQueue<(int Status, string Body)> _faults = new();

    private TokenServer(WebApplication app, TokenSigner signer, TokenServerOptions options)
    {
        _app = app;
        _signer = signer;
        Options = options;
    }

    public TokenServerOptions Options { get; }

    /// <summary>The realm URL the registry should advertise, e.g. <c>http://127.0.0.1:PORT/token</c>.</summary>
    public Uri Realm { get; private set; } = null!;

    public string Service => Options.Service;

    public string Issuer => Options.Issuer;

    /// <summary>PEM of the certificate that signs tokens (the registry's <c>rootcertbundle</c>).</summary>
    public string CertificatePem => _signer.CertificatePem;

    public IReadOnlyList<TokenRequest> Requests => _requests.ToArray();

    public int RequestCount => _requests.Count;

    public static async Task<TokenServer> StartAsync(TokenServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new TokenServerOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new TokenServer(app, new TokenSigner(), options);
        app.Use(server.FaultAsync);
        app.MapGet("/token", (Func<HttpContext, IResult>)server.HandleGet);
        app.MapPost("/token", (Func<HttpContext, Task<IResult>>)server.HandlePostAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Urls.First();
        server.Realm = new Uri(address.TrimEnd('/') + "/token");
        return server;
    }

    public void ResetCounts() => _requests.Clear();

    /// <summary>The next <paramref name="times"/> token requests get <paramref name="status"/> with <paramref name="body"/> (as JSON) instead of a token.</summary>
    public void Fail(int status, string body, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _faults.Enqueue((status, body));
        }
    }

    /// <summary>Disarms the faults not yet used.</summary>
    public void ClearFaults() => _faults.Clear();

    private async Task FaultAsync(HttpContext context, RequestDelegate next)
    {
        if (!_faults.TryDequeue(out var fault))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = fault.Status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(fault.Body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _signer.Dispose();
    }

    private IResult HandleGet(HttpContext context)
    {
        var scopes = context.Request.Query["scope"].Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToArray();
        var service = context.Request.Query["service"].FirstOrDefault();
        string? user = null;
        if (AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization.ToString(), out var header)
            && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            user = CheckBasic(header.Parameter);
            if (user is null)
            {
                return Refuse("GET", null, scopes, service);
            }
        }

        return Issue("GET", user, scopes, service);
    }

    private async Task<IResult> HandlePostAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var scopes = form["scope"].SelectMany(s => (s ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        var service = form["service"].FirstOrDefault();
        string? user = form["grant_type"].FirstOrDefault() switch
        {
            "refresh_token" => Options.IdentityTokens.GetValueOrDefault(form["refresh_token"].FirstOrDefault() ?? ""),
            "password" => CheckPassword(form["username"].FirstOrDefault(), form["password"].FirstOrDefault()),
            _ => null,
        };
        return user is null ? Refuse("POST", null, scopes, service) : Issue("POST", user, scopes, service);
    }

    private IResult Issue(string method, string? user, string[] scopes, string? service)
    {
        if (service != Options.Service || (user is null && !Options.AllowAnonymousPull))
        {
            return Refuse(method, user, scopes, service);
        }

        _requests.Enqueue(new TokenRequest(method, user, scopes, service, Granted: true));
        var now = DateTimeOffset.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["iss"] = Options.Issuer,
            ["sub"] = user ?? "",
            ["aud"] = Options.Service,
            ["exp"] = now.Add(Options.Lifetime).ToUnixTimeSeconds(),
            ["nbf"] = now.AddSeconds(-10).ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["access"] = scopes.Select(scope => Grant(scope, user)).Where(a => a is not null).ToArray(),
        };
        var token = _signer.Sign(claims);
        return Results.Json(new Dictionary<string, object>
        {
            ["token"] = token,
            ["access_token"] = token,
            ["expires_in"] = (int)Options.Lifetime.TotalSeconds,
            ["issued_at"] = now.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        });
    }

    private IResult Refuse(string method, string? user, string[] scopes, string? service)
    {
        _requests.Enqueue(new TokenRequest(method, user, scopes, service, Granted: false));
        return Results.Json(new { errors = new[] { new { code = "UNAUTHORIZED", message = "authentication required" } } }, statusCode: 401);
    }

    private static Dictionary<string, object>? Grant(string scope, string? user)
    {
        var first = scope.IndexOf(':', StringComparison.Ordinal);
        var last = scope.LastIndexOf(':');
        if (first <= 0 || last <= first)
        {
            return null;
        }

        var actions = scope[(last + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries);
        var granted = user is null ? actions.Where(a => a == "pull").ToArray() : actions;
        return new Dictionary<string, object>
        {
            ["type"] = scope[..first],
            ["name"] = scope[(first + 1)..last],
            ["actions"] = granted,
        };
    }

    private string? CheckBasic(string? parameter)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter ?? ""));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : CheckPassword(decoded[..colon], decoded[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private string? CheckPassword(string? username, string? password) =>
        username is not null && Options.Users.TryGetValue(username, out var expected) && expected == password ? username : null;
}
