using RefreshBot.Application.Fleet;

namespace RefreshBot.Application.Refresh;

/// <summary>How a refresh cycle runs.</summary>
/// <param name="Bot">Author of the bot's commits (also how its own commits are told from a person's).</param>
/// <param name="DryRun">Compute everything; commit, push and write nothing.</param>
/// <param name="MaxConcurrentRepositories">Repositories refreshed at once.</param>
/// <param name="MaxConcurrentRegistryRequests">Registry requests in flight at once across the fleet.</param>
public sealed record RefreshOptions(GitAuthor Bot, bool DryRun = false, int MaxConcurrentRepositories = 4, int MaxConcurrentRegistryRequests = 8);

/// <summary>The code host that receives a repository's proposals (GitHub, or the local proposals folder).</summary>
public interface ICodeHostSelector
{
    Ports.ICodeHost For(TrackedRepository repository);
}
