using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using RefreshBot.Testing.GitHub.Json;

namespace RefreshBot.Testing.GitHub;

/// <summary>One API request the fake answered.</summary>
/// <param name="Operation">The OpenAPI operation, e.g. <c>POST /repos/{owner}/{repo}/pulls</c>, or null when no route matched.</param>
/// <param name="Login">The authenticated caller, or null.</param>
public sealed record GitHubRequest(string Method, string Path, string? Operation, string? Login, int Status);

/// <summary>What a route handler answers: status, JSON body, extra headers.</summary>
internal sealed record ApiResult(int Status, JsonNode? Body, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static ApiResult Ok(JsonNode body) => new(200, body);

    public static ApiResult Created(JsonNode body) => new(201, body);

    public static ApiResult NotFound() => new(404, ErrorJson.Basic(404, "Not Found"));

    public static ApiResult Error(int status, string message) => new(status, ErrorJson.Basic(status, message));
}

/// <summary>A request as a route handler sees it: route values, query, JSON body, caller.</summary>
internal sealed class ApiCall(HttpContext context, JsonNode? body, Caller caller)
{
    public HttpContext Context { get; } = context;

    public JsonNode? Body { get; } = body;

    public Caller Caller { get; } = caller;

    public string Route(string name) => Context.Request.RouteValues[name]?.ToString() ?? "";

    public int RouteInt(string name) => int.TryParse(Route(name), out var value) ? value : -1;

    public string? Query(string name) => Context.Request.Query[name].FirstOrDefault();

    public string? BodyString(string name) => Body is JsonObject o && o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public bool? BodyBool(string name) => Body is JsonObject o && o[name] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    public IReadOnlyList<string>? BodyStrings(string name) => Strings(Body is JsonObject o ? o[name] : null);

    public static IReadOnlyList<string>? Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(item => item?.GetValue<string>() ?? "").ToArray() : null;
}
