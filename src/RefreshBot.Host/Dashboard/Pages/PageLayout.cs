using System.Text;
using Microsoft.AspNetCore.Http;
using static RefreshBot.Host.Dashboard.Pages.Markup;

namespace RefreshBot.Host.Dashboard.Pages;

/// <summary>The page around every dashboard view: inline stylesheet (no external asset, no script), navigation, and the
/// response headers that keep it private and inert (CSP without scripts, no caching, no framing, no referrer).</summary>
internal static class PageLayout
{
    private const string Css = """
        *,*::before,*::after{box-sizing:border-box}
        :root{color-scheme:light dark;--fg:#1f2328;--muted:#59636e;--bg:#fff;--card:#f6f8fa;--line:#d1d9e0;--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700;--link:#0969da}
        @media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--card:#151b23;--line:#3d444d;--ok:#3fb950;--bad:#f85149;--warn:#d29922;--link:#4493f8}}
        body{margin:0 auto;max-width:90rem;padding:1rem;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--fg);background:var(--bg);overflow-wrap:anywhere}
        header{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:baseline;border-bottom:1px solid var(--line);padding-bottom:.5rem;margin-bottom:1rem}
        header strong{font-size:1.1rem}nav a{margin-right:1rem}header form{margin-left:auto}
        h1{font-size:1.4rem;margin:.25rem 0 .75rem}h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
        a{color:var(--link)}.muted{color:var(--muted)}
        .figures{display:flex;flex-wrap:wrap;gap:.5rem;margin:0 0 1rem;padding:0;list-style:none}
        .figures li{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:.3rem .7rem}
        form.filter{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:0 0 .75rem}
        input,select,button{font:inherit;padding:.25rem .5rem}
        .scroll{overflow-x:auto;max-width:100%;border:1px solid var(--line);border-radius:6px}
        table{border-collapse:collapse;width:100%;font-size:.9rem}
        th,td{padding:.35rem .55rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
        th{background:var(--card);white-space:nowrap}th a{color:inherit;text-decoration:none}th a:hover{text-decoration:underline}
        th[aria-sort=ascending] a::after{content:" \25B2"}th[aria-sort=descending] a::after{content:" \25BC"}
        tr:last-child td{border-bottom:0}td.num,th.num{text-align:right;white-space:nowrap}td.when{white-space:nowrap}
        td ul{margin:0;padding-left:1rem}.reason{white-space:pre-line;max-width:40rem}
        code{font-size:.85em;background:var(--card);padding:0 .2em;border-radius:3px}
        .status{font-weight:600;white-space:nowrap}.status-fresh,.outcome-Succeeded{color:var(--ok)}.status-failing,.outcome-Failed{color:var(--bad)}
        .status-stale,.status-not-run,.outcome-Interrupted{color:var(--warn)}
        .login{max-width:24rem;margin:4rem auto;display:grid;gap:.6rem}.error{color:var(--bad)}
        """;

    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>A whole page; <paramref name="body"/> is already markup (built with <see cref="Markup"/>).</summary>
    public static IResult Page(HttpContext http, string title, string body, bool navigation = true, int status = StatusCodes.Status200OK)
    {
        var b = new StringBuilder(body.Length + Css.Length + 1024);
        b.Line("<!DOCTYPE html>")
            .Line("<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
            .Line($"<meta name=\"referrer\" content=\"no-referrer\"><title>{E(title)} · RefreshBot</title>")
            .Append("<style>").Append(Css).Line("</style></head><body>");
        if (navigation)
        {
            b.Line($"<header><strong>RefreshBot</strong><nav><a href=\"{DashboardPaths.Root}\">Fleet</a><a href=\"{DashboardPaths.Runs}\">Run log</a></nav>")
                .Line($"<form method=\"post\" action=\"{DashboardPaths.Logout}\"><button type=\"submit\">Log out</button></form></header>");
        }

        b.Append(body).Line("</body></html>");
        Secure(http);
        return Results.Content(b.ToString(), "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
    }

    /// <summary>Headers every dashboard response carries.</summary>
    public static void Secure(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
    }
}
