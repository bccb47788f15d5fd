namespace RefreshBot.Host.Config;

/// <summary>The GitHub (or GitHub Enterprise Server) connection.</summary>
/// <param name="ApiUrl">REST API root, ending in '/': <c>https://api.github.com/</c>, <c>https://ghe.example/api/v3/</c>.</param>
/// <param name="WebUrl">Web root, ending in '/' (links in messages): derived from <paramref name="ApiUrl"/> unless set.</param>
/// <param name="GitUrl">Root of clone URLs, ending in '/': <c>&lt;GitUrl&gt;owner/name.git</c>; default <paramref name="WebUrl"/>.</param>
/// <param name="Auth">A token or a GitHub App.</param>
public sealed record GitHubSettings(Uri ApiUrl, Uri WebUrl, Uri GitUrl, GitHubAuth Auth)
{
    public static readonly Uri PublicApiUrl = new("https://api.github.com/");

    /// <summary>The HTTPS clone URL of <paramref name="owner"/>/<paramref name="name"/> (no credentials in it).</summary>
    public Uri CloneUrl(string owner, string name) => new(GitUrl, $"{owner}/{name}.git");
}

/// <summary>How RefreshBot authenticates to GitHub: exactly one of a token or a GitHub App.</summary>
public abstract record GitHubAuth
{
    private GitHubAuth()
    {
    }

    /// <summary>A personal access token or any other token GitHub accepts (<c>token: ${env:GITHUB_TOKEN}</c>).</summary>
    public sealed record Token(SecretText Value) : GitHubAuth;

    /// <summary>A GitHub App: its id and private key (PEM) sign a JWT that is exchanged for installation tokens.</summary>
    /// <param name="AppId">The App's id.</param>
    /// <param name="PrivateKey">The App's private key, PEM.</param>
    /// <param name="InstallationId">The installation to act as; null: looked up per repository.</param>
    public sealed record App(long AppId, SecretText PrivateKey, long? InstallationId) : GitHubAuth;
}
