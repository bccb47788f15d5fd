using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RefreshBot.Host.Service.Health;

namespace RefreshBot.Host.Endpoints;

/// <summary>
/// <c>GET /healthz</c>: the process is alive (200, <c>ok</c>). <c>GET /readyz</c>: every <see cref="IReadinessCheck"/>
/// (database, scheduler, docker when builds are enabled) — 200 when all pass, else 503 — as JSON:
/// <c>{"status":"ready"|"not ready","checks":[{"name":"database","ready":true,"detail":"reachable"}, …]}</c>.
/// </summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Text("ok\n", "text/plain"));
        endpoints.MapGet("/readyz", async (HttpContext context) =>
        {
            var checks = context.RequestServices.GetServices<IReadinessCheck>();
            var results = await Task.WhenAll(checks.Select(check => check.CheckAsync(context.RequestAborted))).ConfigureAwait(false);
            var ready = results.All(r => r.Ready);
            return Results.Json(
                new ReadinessReport(ready ? "ready" : "not ready", [.. results.Select(r => new ReadinessEntry(r.Name, r.Ready, r.Detail))]),
                statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        return endpoints;
    }

    private sealed record ReadinessReport(string Status, IReadOnlyList<ReadinessEntry> Checks);

    private sealed record ReadinessEntry(string Name, bool Ready, string Detail);
}
