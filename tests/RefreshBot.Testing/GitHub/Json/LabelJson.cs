using System.Text.Json.Nodes;

namespace RefreshBot.Testing.GitHub.Json;

/// <summary>GitHub's <c>label</c> shape; a label exists once something uses it.</summary>
internal static class LabelJson
{
    public static JsonObject Build(GitHubUrls urls, FakeRepository repo, string name)
    {
        var id = 5000 + (uint)UserJson.StableHash(name) % 100_000 + (repo.Id * 1_000_000);
        return new JsonObject
        {
            ["id"] = id,
            ["node_id"] = "LA_" + id,
            ["url"] = $"{urls.Repo(repo)}/labels/{Uri.EscapeDataString(name)}",
            ["name"] = name,
            // GitHub sends null for a label without description, but pull-request-simple declares a string: keep both valid.
            ["description"] = "",
            ["color"] = "ededed",
            ["default"] = false,
        };
    }

    public static JsonArray List(GitHubUrls urls, FakeRepository repo, IEnumerable<string> names) =>
        new(names.Select(name => (JsonNode)Build(urls, repo, name)).ToArray());
}
