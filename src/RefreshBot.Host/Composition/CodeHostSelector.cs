using RefreshBot.Application.Fleet;
using RefreshBot.Application.Refresh;
using RefreshBot.Application.Refresh.Ports;

namespace RefreshBot.Host.Composition;

/// <summary>GitHub repositories go to the GitHub code host; local paths and git URLs to the local proposals folder.</summary>
public sealed class CodeHostSelector(Func<ICodeHost?> gitHub, ICodeHost local) : ICodeHostSelector
{
    public ICodeHost For(TrackedRepository repository) => repository.Location switch
    {
        RepositoryLocation.GitHub => gitHub() ?? throw new InvalidOperationException(
            $"{repository.Id} is a GitHub repository but the config has no github: section"),
        _ => local,
    };
}
