using LibGit2Sharp;
using RefreshBot.Application.Refresh.Ports;

namespace RefreshBot.Adapters.Git;

/// <summary>
/// Turns libgit2 failures into <see cref="WorkspaceException"/> kinds, with a message scrubbed of credentials:
/// libgit2 messages can quote URLs, so any user info in a URL and every known secret are replaced by <c>***</c>.
/// The libgit2 exception is not attached (its message is the unscrubbed one).
/// </summary>
internal static class GitFailure
{
    public static WorkspaceException Classify(string repository, string operation, Exception error, IReadOnlyList<string> secrets)
    {
        var text = Scrub(error.Message, secrets);
        var lower = text.ToLowerInvariant();
        var kind = error switch
        {
            RepositoryNotFoundException => WorkspaceErrorKind.NotFound,
            NonFastForwardException => WorkspaceErrorKind.Conflict,
            _ when ContainsAny(lower, "status code: 401", "status code: 403", "authentication", "credentials", "unauthorized", "forbidden") => WorkspaceErrorKind.Auth,
            _ when ContainsAny(lower, "status code: 404", "not found", "could not find repository", "does not appear to be a git repository", "failed to resolve path", "no such file") => WorkspaceErrorKind.NotFound,
            _ when ContainsAny(lower, "non-fast-forward", "fast forward", "rejected", "stale info") => WorkspaceErrorKind.Conflict,
            _ => WorkspaceErrorKind.Transient,
        };
        return new WorkspaceException(kind, repository, $"{operation} failed ({kind}): {text}");
    }

    /// <summary>Removes user info from URLs (<c>scheme://user:pass@host</c> → <c>scheme://***@host</c>) and every secret.</summary>
    public static string Scrub(string message, IReadOnlyList<string> secrets)
    {
        var text = message;
        foreach (var secret in secrets)
        {
            if (secret.Length > 0)
            {
                text = text.Replace(secret, "***", StringComparison.Ordinal);
            }
        }

        var at = 0;
        while ((at = text.IndexOf("://", at, StringComparison.Ordinal)) >= 0)
        {
            var start = at + 3;
            var end = start;
            while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not ('/' or '\'' or '"'))
            {
                end++;
            }

            var userInfoEnd = text.LastIndexOf('@', end - 1, end - start);
            if (userInfoEnd >= start)
            {
                text = string.Concat(text.AsSpan(0, start), "***", text.AsSpan(userInfoEnd));
            }

            at = start;
        }

        return text;
    }

    private static bool ContainsAny(string text, params string[] needles) => needles.Any(n => text.Contains(n, StringComparison.Ordinal));
}
