namespace RefreshBot.Domain.Proposals.Decisions;

/// <summary>The one thing to do for a group's proposal this cycle.</summary>
public abstract record ProposalDecision
{
    private ProposalDecision()
    {
    }

    /// <summary>Short lower-case name for reports and logs.</summary>
    public abstract string Name { get; }

    /// <summary>Publish the branch (on the target head) and open a pull request.</summary>
    public sealed record Create : ProposalDecision
    {
        public override string Name => "create";
    }

    /// <summary>Publish the branch again (new digests) and update the pull request's title and body.</summary>
    public sealed record UpdateBranchAndBody(int Number) : ProposalDecision
    {
        public override string Name => "update";
    }

    /// <summary>The branch is right; only the title or body changed (e.g. wording, first-seen times).</summary>
    public sealed record UpdateBodyOnly(int Number) : ProposalDecision
    {
        public override string Name => "update-body";
    }

    /// <summary>The target branch moved and the branch is the bot's own: recreate it on the new head, update the body.</summary>
    public sealed record RecreateOnNewBase(int Number) : ProposalDecision
    {
        public override string Name => "rebase";
    }

    /// <summary>Nothing to do.</summary>
    public sealed record NoChange(int? Number) : ProposalDecision
    {
        public override string Name => "unchanged";
    }

    /// <summary>A person closed a proposal of exactly these updates without merging: never recreate it.</summary>
    public sealed record SkipClosedByPerson(int ClosedNumber) : ProposalDecision
    {
        public override string Name => "skipped-closed";
    }

    /// <summary>A person committed on the bot's branch: never rewrite it; comment once (when <see cref="Comment"/>).</summary>
    public sealed record StopForeignCommits(int? Number, bool Comment) : ProposalDecision
    {
        public override string Name => "stopped-foreign-commits";
    }

    /// <summary>Nothing left to propose in this group (e.g. a person merged a fix): close the open pull request.</summary>
    public sealed record CloseObsolete(int Number) : ProposalDecision
    {
        public override string Name => "closed-obsolete";
    }

    /// <summary>Its updates are now proposed elsewhere: close, pointing to <see cref="ReplacedBy"/>.</summary>
    public sealed record CloseSuperseded(int Number, IReadOnlyList<Replacement> ReplacedBy) : ProposalDecision
    {
        public override string Name => "closed-superseded";
    }
}
