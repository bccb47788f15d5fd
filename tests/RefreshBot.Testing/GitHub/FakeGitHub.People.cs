namespace RefreshBot.Testing.GitHub;

/// <summary>What people do on GitHub while the bot is not looking, and the state changes shared with the API.</summary>
public sealed partial class FakeGitHub
{
    /// <summary>A person opens a pull request from an existing branch.</summary>
    public Task<FakePullRequest> OpenPullRequestAsync(
        FakeRepository repository, string head, string baseRef, string title, string? body = null, string by = "dana", CancellationToken cancellationToken = default) =>
        WithStateAsync(async () =>
        {
            var sha = await repository.Git.HeadAsync(head, cancellationToken) ?? throw new InvalidOperationException($"no branch {head}");
            return NewPull(repository, by, title, body, head, sha, baseRef, draft: false);
        }, cancellationToken);

    /// <summary>A person closes a pull request without merging it.</summary>
    public void ClosePullRequest(FakePullRequest pull, string by = "dana") => WithState(() =>
    {
        SetState(pull, "closed", by);
        return 0;
    });

    /// <summary>A person reopens a closed, unmerged pull request.</summary>
    public void ReopenPullRequest(FakePullRequest pull, string by = "dana") => WithState(() =>
    {
        SetState(pull, "open", by);
        return 0;
    });

    /// <summary>A person comments on a pull request.</summary>
    public FakeComment Comment(FakePullRequest pull, string body, string by = "dana") => WithState(() => AddComment(pull, by, body));

    /// <summary>A person merges a pull request (a merge commit on the base branch); returns the merge commit's sha.</summary>
    public Task<string> MergePullRequestAsync(FakePullRequest pull, string by = "dana", CancellationToken cancellationToken = default) =>
        WithStateAsync(async () =>
        {
            var outcome = await MergeAsync(pull, by, expectedHead: null, title: null, cancellationToken);
            return outcome.Sha ?? throw new InvalidOperationException(outcome.Message);
        }, cancellationToken);

    /// <summary>The repository's default branch changes (in the API and the bare repository's HEAD).</summary>
    public Task SetDefaultBranchAsync(FakeRepository repository, string branch, CancellationToken cancellationToken = default) =>
        WithStateAsync(async () =>
        {
            await repository.Git.SetDefaultBranchAsync(branch, cancellationToken);
            repository.DefaultBranch = branch;
            return 0;
        }, cancellationToken);

    private FakePullRequest NewPull(FakeRepository repository, string user, string title, string? body, string headRef, string headSha, string baseRef, bool draft)
    {
        var number = NextNumber(repository);
        var pull = new FakePullRequest(repository, 900_000 + _nextId++, number, user, Now)
        {
            Title = title,
            Body = body,
            HeadRef = headRef,
            HeadSha = headSha,
            BaseRef = baseRef,
            Draft = draft,
        };
        pull.EventList.Add(new FakeEvent("opened", user, Now));
        _pulls.Add(pull);
        return pull;
    }

    private void SetState(FakePullRequest pull, string state, string by)
    {
        if (pull.Merged || pull.State == state)
        {
            return;
        }

        pull.State = state;
        pull.ClosedAt = state == "closed" ? Now : null;
        pull.ClosedBy = state == "closed" ? by : null;
        Touch(pull, state == "closed" ? "closed" : "reopened", by);
    }

    private void Touch(FakePullRequest pull, string eventName, string by)
    {
        pull.UpdatedAt = Now;
        pull.EventList.Add(new FakeEvent(eventName, by, Now));
    }

    private FakeComment AddComment(FakePullRequest pull, string by, string body)
    {
        var comment = new FakeComment(500_000 + _nextId++, by, body, Now, Now);
        pull.CommentList.Add(comment);
        Touch(pull, "commented", by);
        return comment;
    }

    private async Task<(string? Sha, int Status, string Message)> MergeAsync(
        FakePullRequest pull, string by, string? expectedHead, string? title, CancellationToken cancellationToken)
    {
        if (!pull.IsOpen)
        {
            return (null, 405, "Pull Request is not mergeable");
        }

        var git = pull.Repository.Git;
        var head = await git.HeadAsync(pull.HeadRef, cancellationToken);
        if (head is null)
        {
            return (null, 405, "Pull Request is not mergeable");
        }

        if (expectedHead is not null && expectedHead != head)
        {
            return (null, 409, "Head branch was modified. Review and try the merge again.");
        }

        var message = title ?? $"Merge pull request #{pull.Number} from {pull.Repository.Owner}/{pull.HeadRef}";
        var sha = await git.MergeAsync(pull.BaseRef, head, message, new Git.CommitIdentity(by, by + "@example.test"), cancellationToken);
        if (sha is null)
        {
            return (null, 405, "Pull Request is not mergeable");
        }

        pull.HeadSha = head;
        pull.MergeCommitSha = sha;
        pull.MergedAt = Now;
        pull.MergedBy = by;
        pull.State = "closed";
        pull.ClosedAt = Now;
        pull.ClosedBy = by;
        Touch(pull, "merged", by);
        return (sha, 200, "Pull Request successfully merged");
    }
}
