using System.Text.Json;
using System.Text.Json.Nodes;
using Octokit;
using RefreshBot.Testing.OpenApi;

namespace RefreshBot.Integration.Tests.FakeGitHub;

/// <summary>The fake's bodies are checked against GitHub's OpenAPI description, and a wrong shape is caught.</summary>
public sealed class OpenApiValidationTests : FakeGitHubFixture
{
    protected override bool AllowViolations => true;

    [Fact]
    public async Task A_deliberately_wrong_body_is_recorded_and_answered_with_500()
    {
        GitHub.Faults.ServeBody(200, new JsonObject { ["number"] = "one", ["state"] = "merged" }, method: "GET", pathContains: "/pulls/1");

        var error = await Assert.ThrowsAsync<ApiException>(() => Client().PullRequest.Get("team", "app", 1));

        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, error.StatusCode);
        var violation = Assert.Single(GitHub.Violations);
        Assert.Equal("GET /repos/{owner}/{repo}/pulls/{pull_number}", violation.Operation);
        Assert.Contains(violation.Errors, e => e.StartsWith("/number", StringComparison.Ordinal));
        Assert.Contains(violation.Errors, e => e.StartsWith("/state", StringComparison.Ordinal));
        Assert.Contains(violation.Errors, e => e.Contains("required", StringComparison.Ordinal));
    }

    [Fact]
    public void The_validator_applies_nullable_and_refs_from_the_description()
    {
        var openApi = GitHubOpenApi.Instance;
        const string Operation = "/repos/{owner}/{repo}/issues/{issue_number}/comments";
        var comment = new JsonObject
        {
            ["id"] = 1, ["node_id"] = "IC_1", ["url"] = "u", ["html_url"] = "h", ["issue_url"] = "i",
            ["user"] = null, // nullable-simple-user: null is allowed
            ["created_at"] = "2026-01-01T00:00:00Z", ["updated_at"] = "2026-01-01T00:00:00Z",
        };
        var withBadUser = comment.DeepClone();
        withBadUser["user"] = new JsonObject { ["login"] = 7 };

        Assert.Empty(openApi.Validate("POST", Operation, 201, JsonSerializer.SerializeToElement(comment))!);
        Assert.NotEmpty(openApi.Validate("POST", Operation, 201, JsonSerializer.SerializeToElement(withBadUser))!);
        Assert.Null(openApi.Validate("POST", Operation, 500, JsonSerializer.SerializeToElement(comment)));
        Assert.Throws<InvalidOperationException>(() => openApi.Validate("DELETE", Operation, 204, JsonSerializer.SerializeToElement(comment)));
        Assert.Equal("23.0.2", openApi.Version);
    }
}
