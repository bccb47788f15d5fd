using RefreshBot.Application.Refresh.Ports;
using RefreshBot.Domain.Proposals;

namespace RefreshBot.Application.Refresh.History;

/// <summary>One refresh pull request as the history knows it, through its lifecycle (open → merged or closed unmerged).</summary>
/// <param name="Branch">The bot's branch, e.g. <c>refreshbot/node</c>.</param>
/// <param name="Number">Pull request number.</param>
/// <param name="Url">Where a person sees it.</param>
/// <param name="State">Its state when last seen (closed by the bot itself: <see cref="PullRequestState.ClosedUnmerged"/>).</param>
public sealed record RecordedProposal(string Branch, int Number, string Url, PullRequestState State)
{
    /// <summary>Open when last seen.</summary>
    public bool Open => State == PullRequestState.Open;

    /// <summary>Its title when last seen ('' for rows recorded before schema version 5).</summary>
    public string Title { get; init; } = string.Empty;

    /// <summary>
    /// When it was opened (the time the bot first recorded it: its creation, or when it first noticed it); null in a
    /// record to write means "now". Rows from before schema version 5 carry their last update time.
    /// </summary>
    public DateTimeOffset? Opened { get; init; }

    /// <summary>When it was merged or closed: the code host's time when it gives one, else when the bot noticed. Null while open.</summary>
    public DateTimeOffset? Closed { get; init; }

    /// <summary>The updates it proposes (from its body's hidden state block), in the block's order.</summary>
    public IReadOnlyList<RecordedUpdate> Updates { get; init; } = [];

    public bool Equals(RecordedProposal? other) =>
        other is not null && Branch == other.Branch && Number == other.Number && Url == other.Url && State == other.State
        && Title == other.Title && Opened == other.Opened && Closed == other.Closed && Updates.SequenceEqual(other.Updates);

    public override int GetHashCode() => HashCode.Combine(Branch, Number, Url, State, Title, Opened, Closed, Updates.Count);
}

/// <summary>A recorded pull request with its repository (queries across the fleet).</summary>
public sealed record RepositoryProposal(string Repository, RecordedProposal Proposal);

/// <summary>One reference a recorded pull request changes (as <see cref="ProposedUpdate"/>, digests as text).</summary>
/// <param name="Image">Normalized image name.</param>
/// <param name="From">The digest pinned before, or null when the update pins an unpinned reference.</param>
/// <param name="FirstSeen">When the bot first saw <paramref name="To"/> behind the tag, when known.</param>
public sealed record RecordedUpdate(string Dockerfile, string Image, string? Tag, string? From, string To, string Platform, DateTimeOffset? FirstSeen)
{
    public static RecordedUpdate Of(ProposedUpdate update) => new(
        update.Dockerfile, update.Image, update.Tag, update.From?.ToString(), update.To.ToString(), update.Platform, update.FirstSeen);
}
