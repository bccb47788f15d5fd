using System.Text;
using Microsoft.Extensions.Logging;
using RefreshBot.Adapters.Caching;
using RefreshBot.Application.Fleet;
using RefreshBot.Application.Refresh.DashboardIssue;
using RefreshBot.Application.Refresh.Ports;
using RefreshBot.Domain.Proposals.Dashboard;

namespace RefreshBot.Adapters.Local;

/// <summary>
/// The dashboard issue of a local repository: <c>&lt;proposals&gt;/&lt;repository folder&gt;/refreshbot__dashboard.md</c>,
/// the title as H1 then the body (written atomically). It counts as closed once the bot closed it (the option was
/// turned off); a person who deletes the file gets a new one at the next run.
/// </summary>
public sealed partial class LocalCodeHost
{
    /// <summary>The dashboard file's name in the repository's proposals folder.</summary>
    public const string DashboardFileName = "refreshbot__dashboard.md";

    private const int DashboardNumber = 0;

    public async Task<DashboardIssueInfo?> FindDashboardIssueAsync(TrackedRepository repository, bool includeClosed, CancellationToken cancellationToken)
    {
        var path = DashboardPath(repository);
        string text;
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            text = (await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)).ReplaceLineEndings("\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CodeHostException(CodeHostErrorKind.Transient, $"local read {repository.Id}", e.Message, inner: e);
        }

        var (title, body) = text.StartsWith("# ", StringComparison.Ordinal) && text.IndexOf("\n\n", StringComparison.Ordinal) is var cut and > 0
            ? (text[2..cut], text[(cut + 2)..])
            : ("", text);
        var open = !DashboardText.IsRetired(body);
        return DashboardText.IsDashboard(body) && (open || includeClosed) ? new DashboardIssueInfo(DashboardNumber, path, title, body, open) : null;
    }

    public async Task<DashboardIssueInfo> CreateDashboardIssueAsync(TrackedRepository repository, DashboardIssueDraft draft, CancellationToken cancellationToken)
    {
        await WriteDashboardAsync(repository, draft.Title, draft.Body, "create", cancellationToken).ConfigureAwait(false);
        return new DashboardIssueInfo(DashboardNumber, DashboardPath(repository), draft.Title, draft.Body, true);
    }

    public Task UpdateDashboardIssueAsync(TrackedRepository repository, int number, DashboardIssueDraft draft, bool reopen, CancellationToken cancellationToken) =>
        WriteDashboardAsync(repository, draft.Title, draft.Body, reopen ? "reopen" : "update", cancellationToken);

    public async Task CloseDashboardIssueAsync(TrackedRepository repository, int number, string body, string comment, CancellationToken cancellationToken)
    {
        var title = (await FindDashboardIssueAsync(repository, includeClosed: true, cancellationToken).ConfigureAwait(false))?.Title ?? repository.DashboardIssueTitle;
        var closed = body.TrimEnd('\n') + "\n\n---\n\n**Comment from the bot:**\n\n" + comment.TrimEnd('\n') + "\n";
        await WriteDashboardAsync(repository, title, closed, "close", cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteDashboardAsync(TrackedRepository repository, string title, string body, string action, CancellationToken cancellationToken)
    {
        var path = DashboardPath(repository);
        var text = "# " + title + "\n\n" + body.TrimEnd('\n') + "\n";
        await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await AtomicFile.WriteAsync(path, Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
            LogDashboard(logger, action, repository.Id, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CodeHostException(CodeHostErrorKind.Transient, $"local dashboard {action} {repository.Id}", e.Message, inner: e);
        }
        finally
        {
            _writes.Release();
        }
    }

    private string DashboardPath(TrackedRepository repository) => Path.Combine(Store(repository).Folder, DashboardFileName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Local dashboard {Action} for {Repository}: {File}")]
    private static partial void LogDashboard(ILogger logger, string action, string repository, string file);
}
