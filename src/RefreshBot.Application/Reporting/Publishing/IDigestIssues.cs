namespace RefreshBot.Application.Reporting.Publishing;

/// <summary>
/// The issues of the repository the weekly digest is published in (one configured repository; GitHub in production).
/// Every failure is a <see cref="Refresh.Ports.CodeHostException"/> naming the request; nothing is retried here.
/// </summary>
public interface IDigestIssues
{
    /// <summary>Where the issues live, e.g. <c>acme/fleet</c> (for messages).</summary>
    string Repository { get; }

    /// <summary>Every issue (open and closed, pull requests excluded) carrying all of <paramref name="labels"/>, every page.</summary>
    Task<IReadOnlyList<DigestIssue>> FindAsync(IReadOnlyList<string> labels, CancellationToken cancellationToken);

    /// <summary>Opens an issue with <paramref name="labels"/>.</summary>
    Task<DigestIssue> CreateAsync(DigestIssueDraft draft, CancellationToken cancellationToken);

    /// <summary>Sets title and body, adds missing labels and reopens it when it was closed.</summary>
    Task<DigestIssue> UpdateAsync(int number, DigestIssueDraft draft, CancellationToken cancellationToken);

    /// <summary>Comments <paramref name="comment"/>, then closes the issue (reason: completed).</summary>
    Task CloseAsync(int number, string comment, CancellationToken cancellationToken);
}

/// <summary>What an issue should say.</summary>
public sealed record DigestIssueDraft(string Title, string Body, IReadOnlyList<string> Labels);

/// <summary>An issue as found.</summary>
/// <param name="Url">Where a person reads it.</param>
public sealed record DigestIssue(int Number, string Url, string Title, string Body, bool IsOpen, IReadOnlyList<string> Labels);
