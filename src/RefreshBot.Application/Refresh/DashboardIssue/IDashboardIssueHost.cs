using RefreshBot.Application.Fleet;

namespace RefreshBot.Application.Refresh.DashboardIssue;

/// <summary>
/// The one dashboard issue of a repository where it lives (GitHub: an issue; the local code host: a Markdown file).
/// Part of every <see cref="Ports.ICodeHost"/>. Failures are <see cref="Ports.CodeHostException"/>; nothing is retried here.
/// </summary>
public interface IDashboardIssueHost
{
    /// <summary>
    /// The bot's dashboard issue: the newest issue carrying <see cref="DashboardIssueDraft.FindLabel"/> whose body holds
    /// <see cref="Domain.Proposals.Dashboard.DashboardText.Marker"/>; open ones only unless <paramref name="includeClosed"/>. Null when none.
    /// </summary>
    Task<DashboardIssueInfo?> FindDashboardIssueAsync(TrackedRepository repository, bool includeClosed, CancellationToken cancellationToken);

    Task<DashboardIssueInfo> CreateDashboardIssueAsync(TrackedRepository repository, DashboardIssueDraft draft, CancellationToken cancellationToken);

    /// <summary>Sets title and body, adds missing labels; reopens it when <paramref name="reopen"/>.</summary>
    Task UpdateDashboardIssueAsync(TrackedRepository repository, int number, DashboardIssueDraft draft, bool reopen, CancellationToken cancellationToken);

    /// <summary>Posts <paramref name="comment"/>, then closes it with <paramref name="body"/> as its last body.</summary>
    Task CloseDashboardIssueAsync(TrackedRepository repository, int number, string body, string comment, CancellationToken cancellationToken);
}

/// <summary>What the dashboard issue should say.</summary>
public sealed record DashboardIssueDraft(string Title, string Body)
{
    /// <summary>The label it is found by.</summary>
    public const string FindLabel = "refreshbot";

    /// <summary>Labels it carries.</summary>
    public static readonly IReadOnlyList<string> Labels = [FindLabel, "dashboard"];
}

/// <summary>A dashboard issue as found.</summary>
/// <param name="Url">Where a person reads it (html URL, or the file for the local code host).</param>
public sealed record DashboardIssueInfo(int Number, string Url, string Title, string Body, bool IsOpen);
