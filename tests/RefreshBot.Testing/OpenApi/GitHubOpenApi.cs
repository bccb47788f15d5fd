using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace RefreshBot.Testing.OpenApi;

/// <summary>
/// GitHub's official OpenAPI description (the extract in <c>Data/github-openapi-subset.json</c>, embedded) as
/// JSON Schema validators: <see cref="Validate"/> checks a response body against the schema of an operation's
/// response for a status code. Components are loaded once as one 2020-12 schema resource under <c>$defs</c>.
/// </summary>
public sealed class GitHubOpenApi
{
    private const string BaseUri = "https://refreshbot.test/github-openapi";
    private static readonly Lazy<GitHubOpenApi> Shared = new(Load);

    private readonly JsonObject _paths;
    private readonly BuildOptions _build;
    private readonly ConcurrentDictionary<(string Operation, int Status), JsonSchema?> _schemas = new();

    // JsonSchema.Net's shared SchemaRegistry is not safe for concurrent builds and evaluations:
    // validation is serialized (it is cheap next to the HTTP round trip).
    private readonly Lock _gate = new();

    private GitHubOpenApi(JsonObject document)
    {
        _paths = document["paths"]!.AsObject();
        var components = document["components"]!.AsObject();
        var defs = new JsonObject();
        foreach (var (name, schema) in components["schemas"]!.AsObject())
        {
            defs[name] = OpenApiToJsonSchema.Convert(schema, BaseUri);
        }

        _responses = components["responses"]?.AsObject() ?? [];
        Version = document["info"]?["version"]?.GetValue<string>() ?? "?";
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = BaseUri,
            ["$defs"] = defs,
        };
        _build = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        JsonSchema.FromText(root.ToJsonString(), _build);
    }

    private readonly JsonObject _responses;

    /// <summary>The description loaded once per process.</summary>
    public static GitHubOpenApi Instance => Shared.Value;

    /// <summary>The @octokit/openapi version the extract came from.</summary>
    public string Version { get; }

    /// <summary>Whether the description has this operation (<paramref name="pathTemplate"/> as in the description).</summary>
    public bool HasOperation(string method, string pathTemplate) =>
        _paths[pathTemplate]?[method.ToLowerInvariant()] is JsonObject;

    /// <summary>
    /// Errors of <paramref name="body"/> against the response schema of (<paramref name="method"/>,
    /// <paramref name="pathTemplate"/>, <paramref name="status"/>); empty when valid, null when the description has
    /// no JSON schema for that status (nothing to check).
    /// </summary>
    public IReadOnlyList<string>? Validate(string method, string pathTemplate, int status, JsonElement body)
    {
        lock (_gate)
        {
            return ValidateSerialized(method, pathTemplate, status, body);
        }
    }

    private IReadOnlyList<string>? ValidateSerialized(string method, string pathTemplate, int status, JsonElement body)
    {
        var operation = method.ToUpperInvariant() + " " + pathTemplate;
        var schema = _schemas.GetOrAdd((operation, status), key => BuildResponseSchema(method, pathTemplate, key.Status));
        if (schema is null)
        {
            return null;
        }

        var results = schema.Evaluate(body, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return [];
        }

        return (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({e.Key}): {e.Value}"))
            .Distinct()
            .ToArray();
    }

    private JsonSchema? BuildResponseSchema(string method, string pathTemplate, int status)
    {
        var operation = _paths[pathTemplate]?[method.ToLowerInvariant()] as JsonObject
            ?? throw new InvalidOperationException($"{method} {pathTemplate} is not in the OpenAPI extract; add it to scripts/extract-openapi.py");
        var responses = operation["responses"]!.AsObject();
        var response = responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] ?? responses["default"];
        if (response?["$ref"]?.GetValue<string>() is { } reference)
        {
            response = _responses[reference.Split('/')[^1]];
        }

        var schema = response?["content"]?["application/json"]?["schema"];
        if (schema is null)
        {
            return null;
        }

        var converted = OpenApiToJsonSchema.Convert(schema, BaseUri)!;
        converted["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        return JsonSchema.Build(JsonSerializer.SerializeToElement(converted), _build,
            new Uri($"{BaseUri}/responses/{method.ToLowerInvariant()}{Uri.EscapeDataString(pathTemplate)}/{status}"));
    }

    private static GitHubOpenApi Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("github-openapi-subset.json")
            ?? throw new InvalidOperationException("embedded github-openapi-subset.json is missing");
        var document = JsonNode.Parse(stream)!.AsObject();
        return new GitHubOpenApi(document);
    }
}
