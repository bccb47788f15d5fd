namespace RefreshBot.Testing.GitHub.Json;

/// <summary>The fake's API root (<c>…/api/v3</c>, GitHub Enterprise style) and web root, for the URL fields GitHub fills.</summary>
internal sealed record GitHubUrls(string Api, string Html)
{
    public string Repo(FakeRepository r) => $"{Api}/repos/{r.Owner}/{r.Name}";

    public string RepoHtml(FakeRepository r) => $"{Html}/{r.Owner}/{r.Name}";
}
