using System.Text;
using System.Text.Json;
using RefreshBot.Adapters.Caching;
using RefreshBot.Adapters.Git;
using RefreshBot.Application.Refresh.Ports;

namespace RefreshBot.Adapters.Local;

/// <summary>
/// The proposals folder of one repository: <c>index.json</c> plus one Markdown file per branch
/// (<c>refreshbot/x</c> → <c>refreshbot__x.md</c>: the title as H1, the body, then the comments). Every file is written
/// atomically (temporary file + rename).
/// </summary>
internal sealed class ProposalStore(string proposalsDirectory, string repositoryId)
{
    public string Folder { get; } = Path.Combine(Path.GetFullPath(proposalsDirectory), RepositoryFolderName.For(repositoryId));

    private string IndexPath => Path.Combine(Folder, "index.json");

    public static string FileName(string branch) => branch.Replace("/", "__", StringComparison.Ordinal) + ".md";

    public string PathOf(ProposalRecord record) => Path.Combine(Folder, record.File);

    public async Task<ProposalIndex> ReadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(IndexPath))
        {
            return new ProposalIndex { Repository = repositoryId };
        }

        var bytes = await File.ReadAllBytesAsync(IndexPath, cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize(bytes, ProposalJson.Default.ProposalIndex)
                ?? throw new JsonException("the index is null");
        }
        catch (JsonException e)
        {
            throw new CodeHostException(CodeHostErrorKind.Invalid, "read " + IndexPath, $"not a proposals index: {e.Message}");
        }
    }

    public Task WriteIndexAsync(ProposalIndex index, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(IndexPath, JsonSerializer.SerializeToUtf8Bytes(index, ProposalJson.Default.ProposalIndex), cancellationToken);

    public Task WriteMarkdownAsync(ProposalRecord record, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        text.Append("# ").Append(record.Title).Append("\n\n").Append(record.Body.TrimEnd('\n')).Append('\n');
        foreach (var comment in record.Comments)
        {
            text.Append("\n---\n\n**Comment from the bot:**\n\n").Append(comment.TrimEnd('\n')).Append('\n');
        }

        if (record.State == PullRequestState.ClosedUnmerged)
        {
            text.Append("\n---\n\n_Closed without merging").Append(record.ClosedAt is { } at ? $" on {at:yyyy-MM-dd HH:mm} UTC" : "").Append("._\n");
        }

        return AtomicFile.WriteAsync(PathOf(record), Encoding.UTF8.GetBytes(text.ToString()), cancellationToken);
    }
}
