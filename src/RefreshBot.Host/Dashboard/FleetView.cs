using Microsoft.AspNetCore.Http;
using RefreshBot.Application.Reporting.Status;
using RefreshBot.Domain.Reports.Weekly;
using RefreshBot.Host.Dashboard.Pages;

namespace RefreshBot.Host.Dashboard;

/// <summary>The fleet table's columns, as written in <c>?sort=</c>.</summary>
internal enum FleetColumn
{
    Repository,
    Dockerfiles,
    Images,
    Status,
    Lag,
    PullRequests,
    LastRun,
    LastError,
}

/// <summary>
/// How the fleet table is filtered and sorted, parsed from the query string (<c>?q=text&amp;status=stale&amp;sort=lag&amp;dir=desc</c>):
/// the page works without scripts, and a view can be bookmarked. Unknown values fall back to the defaults (longest lag first).
/// </summary>
internal sealed record FleetView(string Text, RepositoryStatus? Status, FleetColumn Sort, bool Descending)
{
    public static readonly FleetView Default = new(string.Empty, null, FleetColumn.Lag, true);

    private static readonly Dictionary<string, FleetColumn> Columns = new(StringComparer.Ordinal)
    {
        ["repository"] = FleetColumn.Repository,
        ["dockerfiles"] = FleetColumn.Dockerfiles,
        ["images"] = FleetColumn.Images,
        ["status"] = FleetColumn.Status,
        ["lag"] = FleetColumn.Lag,
        ["prs"] = FleetColumn.PullRequests,
        ["lastrun"] = FleetColumn.LastRun,
        ["error"] = FleetColumn.LastError,
    };

    public static IReadOnlyList<RepositoryStatus> Statuses { get; } =
        [RepositoryStatus.Failing, RepositoryStatus.Stale, RepositoryStatus.NotRun, RepositoryStatus.Fresh];

    public static FleetView Parse(IQueryCollection query)
    {
        var sort = Columns.TryGetValue(query["sort"].ToString(), out var column) ? column : Default.Sort;
        var descending = query["dir"].ToString() switch
        {
            "asc" => false,
            "desc" => true,
            _ => DescendingFirst(sort),
        };
        var status = Statuses.Cast<RepositoryStatus?>().FirstOrDefault(s => Markup.StatusKey(s!.Value) == query["status"].ToString());
        return new FleetView(query["q"].ToString().Trim(), status, sort, descending);
    }

    /// <summary>The sorted column as written in <c>?sort=</c>.</summary>
    public string SortName => Columns.First(c => c.Value == Sort).Key;

    /// <summary>The rows this view shows, in its order (ties by repository).</summary>
    public IReadOnlyList<RepositoryState> Apply(IEnumerable<RepositoryState> states)
    {
        var shown = states.Where(s => (Status is null || s.Status == Status) && (Text.Length == 0 || Matches(s)));
        var ordered = Sort switch
        {
            FleetColumn.Repository => Order(shown, s => s.Repository, StringComparer.OrdinalIgnoreCase),
            FleetColumn.Dockerfiles => Order(shown, s => s.Dockerfiles.Count),
            FleetColumn.Images => Order(shown, s => s.BaseImages.Count),
            FleetColumn.Status => Order(shown, s => Statuses.ToList().IndexOf(s.Status)),
            FleetColumn.Lag => Order(shown, s => s.Lag ?? TimeSpan.MinValue),
            FleetColumn.PullRequests => Order(shown, s => s.Open.Count),
            FleetColumn.LastRun => Order(shown, s => s.LastRun?.Finished ?? DateTimeOffset.MinValue),
            _ => Order(shown, s => s.LastError ?? string.Empty, StringComparer.OrdinalIgnoreCase),
        };
        return [.. ordered.ThenBy(s => s.Repository, StringComparer.Ordinal)];
    }

    /// <summary>The link of a column header: sorts by it (toggling the direction when it already does), keeping the filter.</summary>
    public string SortLink(FleetColumn column) =>
        Link(this with { Sort = column, Descending = column == Sort ? !Descending : DescendingFirst(column) });

    /// <summary><c>ascending</c> / <c>descending</c> for the sorted column's <c>aria-sort</c>, else null.</summary>
    public string? AriaSort(FleetColumn column) => column != Sort ? null : Descending ? "descending" : "ascending";

    public static string Link(FleetView view)
    {
        var parts = new List<string>();
        if (view.Text.Length > 0)
        {
            parts.Add("q=" + Uri.EscapeDataString(view.Text));
        }

        if (view.Status is { } status)
        {
            parts.Add("status=" + Markup.StatusKey(status));
        }

        parts.Add("sort=" + view.SortName);
        parts.Add("dir=" + (view.Descending ? "desc" : "asc"));
        return DashboardPaths.Root + "?" + string.Join('&', parts);
    }

    /// <summary>Counts, times and lags read best largest / newest first; names and statuses (worst first) ascending.</summary>
    private static bool DescendingFirst(FleetColumn column) =>
        column is not (FleetColumn.Repository or FleetColumn.Status or FleetColumn.LastError);

    private bool Matches(RepositoryState s)
    {
        bool Has(string? text) => text?.Contains(Text, StringComparison.OrdinalIgnoreCase) == true;
        return Has(s.Repository) || Has(s.LastError) || s.Dockerfiles.Any(Has) || s.Open.Any(p => Has(p.Title))
            || s.BaseImages.Any(u => Has(u.Image) || Has(u.Tag));
    }

    private IOrderedEnumerable<RepositoryState> Order<TKey>(IEnumerable<RepositoryState> rows, Func<RepositoryState, TKey> key, IComparer<TKey>? comparer = null) =>
        Descending ? rows.OrderByDescending(key, comparer) : rows.OrderBy(key, comparer);
}
