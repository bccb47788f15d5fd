using System.Text;
using LibGit2Sharp;
using RefreshBot.Application.Refresh.Ports;

namespace RefreshBot.Adapters.Git;

/// <summary>
/// The bot's single commit, built in the object database only (no index, no working tree): the base commit's tree
/// with the given files replaced (one blob each, keeping an existing file's mode and UTF-8 byte order mark),
/// the base as only parent, the bot as author and committer.
/// </summary>
internal static class BotCommit
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    public static Tree BuildTree(Repository repository, Commit baseCommit, IReadOnlyDictionary<string, string> files)
    {
        var definition = TreeDefinition.From(baseCommit.Tree);
        foreach (var (path, text) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var existing = baseCommit[path];
            if (existing is not null && existing.TargetType != TreeEntryTargetType.Blob)
            {
                throw new ArgumentException($"'{path}' is not a file in {baseCommit.Sha}", nameof(files));
            }

            var mode = existing?.Mode is Mode.ExecutableFile ? Mode.ExecutableFile : Mode.NonExecutableFile;
            var bytes = Encoding.UTF8.GetBytes(text);
            if (existing?.Target is Blob old && StartsWithBom(old) && !text.StartsWith('\uFEFF'))
            {
                bytes = [.. Utf8Bom, .. bytes];
            }

            using var stream = new MemoryStream(bytes, writable: false);
            definition.Add(path, repository.ObjectDatabase.CreateBlob(stream), mode);
        }

        return repository.ObjectDatabase.CreateTree(definition);
    }

    public static Commit Create(Repository repository, Commit baseCommit, Tree tree, BranchUpdate update, DateTimeOffset now)
    {
        var signature = new Signature(update.Author.Name, update.Author.Email, now);
        return repository.ObjectDatabase.CreateCommit(signature, signature, update.Message, tree, [baseCommit], prettifyMessage: true);
    }

    /// <summary>The branch head already is "one commit on <paramref name="baseCommit"/> with <paramref name="tree"/>".</summary>
    public static bool IsSame(Commit? head, Commit baseCommit, Tree tree) =>
        head is not null && head.Tree.Id == tree.Id && head.Parents.Select(p => p.Id).SequenceEqual([baseCommit.Id]);

    private static bool StartsWithBom(Blob blob)
    {
        using var stream = blob.GetContentStream();
        Span<byte> start = stackalloc byte[3];
        return stream.ReadAtLeast(start, 3, throwOnEndOfStream: false) == 3 && start.SequenceEqual(Utf8Bom);
    }
}
