using RefreshBot.Application.Fleet;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Application.Refresh.Planning;
using RefreshBot.Application.Refresh.Ports;
using RefreshBot.Application.Refresh.Scanning;

namespace RefreshBot.Application.Refresh.Publishing;

/// <summary>What every group of one repository's refresh shares.</summary>
public sealed record GroupContext(
    TrackedRepository Repository,
    GitRemote Remote,
    WorkspaceCheckout Checkout,
    ICodeHost CodeHost,
    IRefreshHistory History,
    IReadOnlyDictionary<string, ScannedDockerfile> Dockerfiles,
    RefreshOptions Options,
    DateTimeOffset Now);

/// <summary>One group to settle: its branch and the updates wanted there (none for a branch whose updates are gone).</summary>
public sealed record GroupWork(Domain.Proposals.ProposalGroup Group, IReadOnlyList<PlannedUpdate> Updates);
