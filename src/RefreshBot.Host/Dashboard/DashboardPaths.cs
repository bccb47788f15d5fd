namespace RefreshBot.Host.Dashboard;

/// <summary>The dashboard's URLs (everything under <see cref="Root"/>).</summary>
internal static class DashboardPaths
{
    public const string Root = "/dashboard";
    public const string Runs = Root + "/runs";
    public const string Login = Root + "/login";
    public const string Logout = Root + "/logout";
    public const string Repositories = Root + "/repositories";

    /// <summary>
    /// A repository's page: each segment of its id escaped, slashes kept (<c>acme/app</c> →
    /// <c>/dashboard/repositories/acme/app</c>); an id that would make an empty path segment (a local path
    /// <c>/srv/app</c>, a URL <c>https://git.example/app.git</c>) goes in the query: <c>/dashboard/repositories?id=…</c>.
    /// </summary>
    public static string Repository(string id) =>
        id.Length == 0 || id.Split('/').Any(segment => segment.Length == 0)
            ? Repositories + "?id=" + Uri.EscapeDataString(id)
            : Repositories + "/" + string.Join('/', id.Split('/').Select(Uri.EscapeDataString));

    /// <summary><paramref name="next"/> when it is a dashboard path (never another site: no open redirect), else the fleet page.</summary>
    public static string SafeReturn(string? next) =>
        next is not null && (next == Root || next.StartsWith(Root + "/", StringComparison.Ordinal) || next.StartsWith(Root + "?", StringComparison.Ordinal))
            && !next.Any(char.IsControl)
            ? next
            : Root;
}
