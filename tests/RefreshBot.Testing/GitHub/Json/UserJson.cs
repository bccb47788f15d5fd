using System.Text.Json.Nodes;

namespace RefreshBot.Testing.GitHub.Json;

/// <summary>GitHub's <c>simple-user</c> shape; ids are stable per login.</summary>
internal static class UserJson
{
    public static long IdOf(string login) => 1000 + (uint)StableHash(login) % 1_000_000;

    public static JsonObject Simple(GitHubUrls urls, string login, string type = "User")
    {
        var api = $"{urls.Api}/users/{login}";
        return new JsonObject
        {
            ["login"] = login,
            ["id"] = IdOf(login),
            ["node_id"] = "U_" + IdOf(login),
            ["avatar_url"] = $"{urls.Html}/avatars/{login}",
            ["gravatar_id"] = "",
            ["url"] = api,
            ["html_url"] = $"{urls.Html}/{login}",
            ["followers_url"] = api + "/followers",
            ["following_url"] = api + "/following{/other_user}",
            ["gists_url"] = api + "/gists{/gist_id}",
            ["starred_url"] = api + "/starred{/owner}{/repo}",
            ["subscriptions_url"] = api + "/subscriptions",
            ["organizations_url"] = api + "/orgs",
            ["repos_url"] = api + "/repos",
            ["events_url"] = api + "/events{/privacy}",
            ["received_events_url"] = api + "/received_events",
            ["type"] = type,
            ["user_view_type"] = "public",
            ["site_admin"] = false,
        };
    }

    public static JsonArray List(GitHubUrls urls, IEnumerable<string> logins) =>
        new(logins.Select(login => (JsonNode)Simple(urls, login)).ToArray());

    public static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }
}
