using System.Text.Json.Nodes;

namespace RefreshBot.Testing.GitHub.Json;

/// <summary>GitHub's error bodies: <c>{message, documentation_url, status}</c>, and 422's <c>errors[]</c>.</summary>
internal static class ErrorJson
{
    public const string Docs = "https://docs.github.com/rest";

    public static JsonObject Basic(int status, string message, string documentation = Docs) => new()
    {
        ["message"] = message,
        ["documentation_url"] = documentation,
        ["status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static JsonObject ValidationFailed(string resource, string code, string? message = null, string? field = null, string documentation = Docs)
    {
        var error = new JsonObject { ["resource"] = resource, ["code"] = code };
        if (field is not null)
        {
            error["field"] = field;
        }

        if (message is not null)
        {
            error["message"] = message;
        }

        var body = Basic(422, "Validation Failed", documentation);
        body["errors"] = new JsonArray(error);
        return body;
    }
}
