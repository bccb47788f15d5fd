using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Application.Reporting.Status;
using RefreshBot.Host.Dashboard.Pages;

namespace RefreshBot.Host.Dashboard;

/// <summary>
/// The read-only dashboard (served only when <see cref="DashboardServices.AddRefreshBotDashboard"/> composed it):
/// <c>GET /dashboard</c> (fleet), <c>GET /dashboard/repositories/{id}</c>, <c>GET /dashboard/runs</c>, and the login form
/// (<c>GET|POST /dashboard/login</c>, <c>POST /dashboard/logout</c>). Without credentials every page answers 401 with the
/// login form.
/// </summary>
internal static class DashboardEndpoints
{
    private const int RecentRuns = 50;

    public static void MapDashboardEndpoints(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetService<DashboardAccess>() is null)
        {
            return;
        }

        endpoints.MapGet(DashboardPaths.Root, Protected(FleetAsync));
        endpoints.MapGet(DashboardPaths.Repositories + "/{**id}", Protected((http, ct) => RepositoryAsync(
            http, http.GetRouteValue("id") is string { Length: > 0 } id ? id : http.Request.Query["id"].ToString(), ct)));
        endpoints.MapGet(DashboardPaths.Runs, Protected(RunsAsync));
        endpoints.MapGet(DashboardPaths.Login, (HttpContext http) =>
            LoginForm(http, DashboardPaths.SafeReturn(http.Request.Query["next"].ToString()), failed: false, StatusCodes.Status200OK));
        endpoints.MapPost(DashboardPaths.Login, (HttpContext http, CancellationToken cancellationToken) => LoginAsync(http, cancellationToken));
        endpoints.MapPost(DashboardPaths.Logout, (HttpContext http) =>
        {
            DashboardAccess.LogOut(http);
            PageLayout.Secure(http);
            return Results.Redirect(DashboardPaths.Login, permanent: false, preserveMethod: false);
        });
    }

    private static RequestDelegate Protected(Func<HttpContext, CancellationToken, Task<IResult>> page) => async http =>
    {
        var access = http.RequestServices.GetRequiredService<DashboardAccess>();
        var result = access.Allows(http)
            ? await page(http, http.RequestAborted).ConfigureAwait(false)
            : Unauthorized(http, access);
        await result.ExecuteAsync(http).ConfigureAwait(false);
    };

    private static IResult Unauthorized(HttpContext http, DashboardAccess access)
    {
        if (access.Challenge(http) is { } challenge)
        {
            http.Response.Headers.WWWAuthenticate = challenge;
        }

        return LoginForm(http, DashboardPaths.SafeReturn(http.Request.Path + http.Request.QueryString), failed: false, StatusCodes.Status401Unauthorized);
    }

    private static IResult LoginForm(HttpContext http, string next, bool failed, int status) =>
        PageLayout.Page(http, "Log in", LoginPage.Body(http.RequestServices.GetRequiredService<DashboardAccess>().Auth, next, failed), navigation: false, status);

    private static async Task<IResult> LoginAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var access = http.RequestServices.GetRequiredService<DashboardAccess>();
        if (!http.Request.HasFormContentType)
        {
            return LoginForm(http, DashboardPaths.Root, failed: true, StatusCodes.Status400BadRequest);
        }

        var form = await http.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        var next = DashboardPaths.SafeReturn(form["next"].ToString());
        if (!access.LogIn(http, form))
        {
            return LoginForm(http, next, failed: true, StatusCodes.Status401Unauthorized);
        }

        PageLayout.Secure(http);
        return Results.Redirect(next, permanent: false, preserveMethod: false);
    }

    private static async Task<IResult> FleetAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var fleet = await http.RequestServices.GetRequiredService<FleetStatus>()
            .CurrentAsync(http.RequestServices.GetRequiredService<DashboardFleet>().Repositories, now, cancellationToken).ConfigureAwait(false);
        return PageLayout.Page(http, "Fleet", FleetPage.Body(fleet, FleetView.Parse(http.Request.Query), now));
    }

    private static async Task<IResult> RepositoryAsync(HttpContext http, string id, CancellationToken cancellationToken)
    {
        if (http.RequestServices.GetRequiredService<DashboardFleet>().Find(id) is not { } repository)
        {
            return PageLayout.Page(http, "Not found", $"<h1>Not found</h1><p>No tracked repository has the id <code>{Markup.E(id)}</code>.</p>",
                status: StatusCodes.Status404NotFound);
        }

        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var state = (await http.RequestServices.GetRequiredService<FleetStatus>().CurrentAsync([repository], now, cancellationToken).ConfigureAwait(false))[0];
        var proposals = await http.RequestServices.GetRequiredService<IHistoryLog>().RepositoryProposalsAsync(id, cancellationToken).ConfigureAwait(false);
        var runs = await http.RequestServices.GetRequiredService<IRefreshHistory>().RunsAsync(id, RecentRuns, cancellationToken).ConfigureAwait(false);
        return PageLayout.Page(http, id, RepositoryPage.Body(state, proposals, runs));
    }

    private static async Task<IResult> RunsAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var outcome = RunLogPage.ParseOutcome(http.Request.Query["outcome"].ToString());
        var runs = await http.RequestServices.GetRequiredService<IHistoryLog>().RecentRunsAsync(outcome, RunLogPage.Limit, cancellationToken).ConfigureAwait(false);
        return PageLayout.Page(http, "Run log", RunLogPage.Body(runs, outcome));
    }
}
