namespace RefreshBot.Adapters.Reports;

/// <summary>The digest page's inline stylesheet: one column on a phone, tables scroll inside their own box (never the
/// page), charts scale to their column, light and dark schemes.</summary>
internal static class DigestPageStyle
{
    public const string Css = """
        *,*::before,*::after{box-sizing:border-box}
        :root{color-scheme:light dark;--fg:#1f2328;--muted:#59636e;--bg:#fff;--card:#f6f8fa;--line:#d1d9e0;--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700}
        @media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--card:#151b23;--line:#3d444d;--ok:#3fb950;--bad:#f85149;--warn:#d29922}
          figure.chart svg{background:#fff;border-radius:4px}}
        html{-webkit-text-size-adjust:100%}
        body{margin:0 auto;max-width:64rem;padding:1rem;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--fg);background:var(--bg);overflow-wrap:anywhere}
        h1{font-size:1.5rem;margin:.25rem 0}h2{font-size:1.2rem;margin:1.75rem 0 .5rem;border-bottom:1px solid var(--line)}h3{font-size:1rem;margin:1.25rem 0 .5rem}
        .meta{color:var(--muted);margin:0 0 1rem}
        .figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(9.5rem,1fr));gap:.5rem;margin:0}
        .figures div{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:.5rem .75rem}
        .figures dt{color:var(--muted);font-size:.8rem}.figures dd{margin:0;font-size:1.2rem;font-weight:600}
        .scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;max-width:100%;border:1px solid var(--line);border-radius:6px}
        table{border-collapse:collapse;width:100%;font-size:.9rem}
        th,td{padding:.4rem .6rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top;white-space:nowrap}
        td.wrap,tbody th{white-space:normal;min-width:12rem}td.num,th.num{text-align:right}
        tr:last-child td{border-bottom:0}th{background:var(--card)}
        code{font-size:.85em;background:var(--card);padding:0 .2em;border-radius:3px}
        .status{font-weight:600}.status-fresh{color:var(--ok)}.status-failing{color:var(--bad)}.status-stale,.status-notRun{color:var(--warn)}
        .ok{color:var(--ok)}.bad{color:var(--bad)}
        .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,20rem),1fr));gap:1rem}
        figure.chart{margin:0;max-width:36rem}figure.chart svg{display:block;width:100%;height:auto}
        figcaption{color:var(--muted);font-size:.85rem;text-align:center}
        ul{padding-left:1.25rem}li{margin:.2rem 0}
        a{color:#0969da}
        """;
}
