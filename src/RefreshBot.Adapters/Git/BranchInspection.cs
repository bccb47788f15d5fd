using LibGit2Sharp;
using RefreshBot.Application.Fleet;
using RefreshBot.Application.Refresh.Ports;

namespace RefreshBot.Adapters.Git;

/// <summary>
/// Reads the bot's branch as last fetched: its head; its base, the merge base with the target branch (the parent
/// of the bot's first commit when the branch was made from the target); and the commits after that base whose
/// author e-mail is not the bot's (compared case-insensitively): a person pushed there.
/// </summary>
internal static class BranchInspection
{
    public static BotBranchState Inspect(Repository repository, string branch, string? targetBranch, GitAuthor bot)
    {
        var head = CachedClone.RemoteBranchHead(repository, branch);
        if (head is null)
        {
            return BotBranchState.Missing;
        }

        var target = targetBranch is null ? null : CachedClone.RemoteBranchHead(repository, targetBranch);
        var mergeBase = target is null ? null : repository.ObjectDatabase.FindMergeBase(head, target);
        var filter = new CommitFilter
        {
            IncludeReachableFrom = head,
            ExcludeReachableFrom = mergeBase,
            SortBy = CommitSortStrategies.Topological | CommitSortStrategies.Reverse,
        };
        var own = repository.Commits.QueryBy(filter).ToList();
        var baseSha = mergeBase?.Sha ?? own.FirstOrDefault()?.Parents.FirstOrDefault()?.Sha;
        var foreign = own
            .Where(c => !string.Equals(c.Author.Email, bot.Email, StringComparison.OrdinalIgnoreCase))
            .Select(c => c.Sha)
            .ToList();
        return new BotBranchState(true, head.Sha, baseSha, foreign);
    }
}
