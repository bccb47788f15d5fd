using Octokit;
using RefreshBot.Application.Fleet.Discovery;
using RefreshBot.Application.Refresh.Ports;

namespace RefreshBot.Adapters.GitHub.Discovery;

/// <summary>
/// <see cref="IRepositoryDirectory"/> over the GitHub REST API, on the connection of a <see cref="GitHubCodeHost"/>
/// (same clients, same installation tokens): <c>GET /orgs/{org}/repos</c>, <c>GET /users/{user}/repos</c> or
/// <c>GET /installation/repositories</c> (every page, <c>per_page</c> = the configured page size), and one
/// <c>GET /repos/{owner}/{repo}/git/trees/{branch}?recursive=1</c> per repository for its files.
/// </summary>
public sealed class GitHubRepositoryDirectory(GitHubCodeHost host) : IRepositoryDirectory
{
    public async Task<IReadOnlyList<ListedRepository>> ListAsync(DiscoveryScope scope, CancellationToken cancellationToken)
    {
        var pages = new ApiOptions { PageSize = host.Options.PageSize };
        var label = scope.ToString();
        IReadOnlyList<Repository> found;
        switch (scope)
        {
            case DiscoveryScope.Organization org:
                {
                    var client = await host.Access.ForAccountAsync(org.Name, organization: true, cancellationToken).ConfigureAwait(false);
                    found = await host.Call.RunAsync(label, $"GET /orgs/{org.Name}/repos",
                        () => client.Repository.GetAllForOrg(org.Name, pages), cancellationToken).ConfigureAwait(false);
                    break;
                }

            case DiscoveryScope.User user:
                {
                    var client = await host.Access.ForAccountAsync(user.Name, organization: false, cancellationToken).ConfigureAwait(false);
                    found = await host.Call.RunAsync(label, $"GET /users/{user.Name}/repos",
                        () => client.Repository.GetAllForUser(user.Name, pages), cancellationToken).ConfigureAwait(false);
                    break;
                }

            default:
                {
                    var client = await host.Access.ForInstallationAsync(cancellationToken).ConfigureAwait(false)
                        ?? throw new CodeHostException(CodeHostErrorKind.Invalid, "GET /installation/repositories",
                            "needs github.app with an installationId");
                    var response = await host.Call.RunAsync(label, "GET /installation/repositories",
                        () => client.GitHubApps.Installation.GetAllRepositoriesForCurrent(pages), cancellationToken).ConfigureAwait(false);
                    found = response.Repositories;
                    break;
                }
        }

        return [.. found.Select(r => new ListedRepository(r.Owner.Login, r.Name, r.DefaultBranch, r.Archived, r.Fork))];
    }

    public async Task<RepositoryFiles> FilesAsync(ListedRepository repository, string branch, CancellationToken cancellationToken)
    {
        var access = await host.Access.ForAsync(repository.Owner, repository.Name, cancellationToken).ConfigureAwait(false);
        var tree = await host.Call.RunAsync(repository.FullName, $"GET /repos/{repository.FullName}/git/trees/{branch}?recursive=1",
            () => access.Client.Git.Tree.GetRecursive(repository.Owner, repository.Name, branch), cancellationToken).ConfigureAwait(false);
        return new RepositoryFiles([.. tree.Tree.Where(item => item.Type.Value == TreeType.Blob).Select(item => item.Path)], tree.Truncated);
    }
}
