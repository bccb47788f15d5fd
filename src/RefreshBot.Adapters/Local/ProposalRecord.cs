using System.Text.Json.Serialization;
using RefreshBot.Application.Refresh.Ports;

namespace RefreshBot.Adapters.Local;

/// <summary>
/// One local proposal as kept in <c>index.json</c>. A person may edit <see cref="State"/> by hand
/// (<c>"ClosedUnmerged"</c> or <c>"Merged"</c>); deleting the proposal's Markdown file also counts as closing it.
/// </summary>
internal sealed record ProposalRecord
{
    public required int Number { get; init; }

    public required string Branch { get; init; }

    public required string BaseBranch { get; init; }

    public required string Title { get; init; }

    public required string Body { get; init; }

    public required PullRequestState State { get; init; }

    /// <summary>The Markdown file's name, relative to the repository's proposals folder.</summary>
    public required string File { get; init; }

    public IReadOnlyList<string> Labels { get; init; } = [];

    public IReadOnlyList<string> Reviewers { get; init; } = [];

    public IReadOnlyList<string> Assignees { get; init; } = [];

    public bool IsDraft { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public IReadOnlyList<string> Comments { get; init; } = [];
}

/// <summary>The proposals of one repository (<c>&lt;proposals&gt;/&lt;repository folder&gt;/index.json</c>).</summary>
internal sealed record ProposalIndex
{
    public required string Repository { get; init; }

    public IReadOnlyList<ProposalRecord> Proposals { get; init; } = [];
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ProposalIndex))]
internal sealed partial class ProposalJson : JsonSerializerContext;
