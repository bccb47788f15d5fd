using LibGit2Sharp;
using LibGit2Sharp.Handlers;
using RefreshBot.Application.Refresh.Ports;

namespace RefreshBot.Adapters.Git;

/// <summary>
/// The remote as libgit2 gets it: a URL without user info (what is stored in the cache's config) and a
/// credentials callback holding the secret in memory. User info found in the configured URL
/// (<c>https://user:token@host/…</c>) is moved into the callback, never stored.
/// </summary>
internal sealed class GitCredentials
{
    private readonly string? _username;
    private readonly string? _password;

    private GitCredentials(string url, string? username, string? password)
    {
        Url = url;
        _username = username;
        _password = password;
    }

    /// <summary>The URL or path with no credentials in it.</summary>
    public string Url { get; }

    /// <summary>Secrets that must never appear in a message (the password, and its URL-encoded form).</summary>
    public IReadOnlyList<string> Secrets => _password is { Length: > 0 } p ? [p, Uri.EscapeDataString(p)] : [];

    public static GitCredentials From(GitRemote remote)
    {
        var url = remote.Url;
        string? user = remote.Username, password = remote.Password;
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && !uri.IsFile && uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            user ??= Uri.UnescapeDataString(parts[0]);
            password ??= parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : null;
            url = new UriBuilder(uri) { UserName = "", Password = "" }.Uri.AbsoluteUri;
        }

        return new GitCredentials(url, user, password);
    }

    /// <summary>
    /// Answers libgit2's credential requests: the in-memory user/password when there is one (libgit2 gives up after a
    /// few rejected replays), otherwise the default credentials (which send nothing).
    /// </summary>
    public CredentialsHandler Handler => (_, _, _) => _password is null && _username is null
        ? new DefaultCredentials()
        : new UsernamePasswordCredentials { Username = _username ?? "", Password = _password ?? "" };
}
