using System.Text.Json.Nodes;
using Json.Schema;

namespace RefreshBot.Integration.Tests.Config;

/// <summary>
/// <c>config/refreshbot.schema.json</c>: validates YAML configs (as an editor would) and lists every mapping it
/// describes with its property names, for comparing with what the loader accepts.
/// </summary>
public sealed class ConfigSchema
{
    /// <summary>A path segment standing for "any item of the list".</summary>
    public const string Item = "[]";

    public static readonly string FilePath = Path.Combine(SampleConfigTests.Root, "config", "refreshbot.schema.json");

    private static readonly Lazy<ConfigSchema> Shared = new(() => new ConfigSchema(File.ReadAllText(FilePath)));

    private readonly JsonSchema _schema;
    private readonly JsonObject _root;

    private ConfigSchema(string text)
    {
        _root = JsonNode.Parse(text)!.AsObject();
        _schema = JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }

    public static ConfigSchema Load() => Shared.Value;

    /// <summary>The schema's complaints about <paramref name="yaml"/> (empty: valid).</summary>
    public IReadOnlyList<string> Validate(string yaml)
    {
        lock (_schema)
        {
            var results = _schema.Evaluate(YamlToJson.Convert(yaml), new EvaluationOptions { OutputFormat = OutputFormat.List });
            return results.IsValid
                ? []
                : (results.Details ?? [])
                    .Where(d => d.Errors is { Count: > 0 })
                    .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({e.Key}): {e.Value}"))
                    .Distinct()
                    .DefaultIfEmpty("invalid")
                    .ToList();
        }
    }

    /// <summary>Every mapping with named properties: where it is (keys, <see cref="Item"/> for list items) and its property names.</summary>
    public IReadOnlyList<(IReadOnlyList<string> Path, IReadOnlySet<string> Keys)> Mappings()
    {
        var found = new List<(IReadOnlyList<string>, IReadOnlySet<string>)>();
        Walk(_root, [], found);
        return found;
    }

    private void Walk(JsonNode schema, List<string> path, List<(IReadOnlyList<string>, IReadOnlySet<string>)> found)
    {
        var properties = Properties(schema);
        if (properties.Count > 0)
        {
            found.Add((path.ToList(), properties.Keys.ToHashSet(StringComparer.Ordinal)));
            foreach (var (name, subschemas) in properties)
            {
                foreach (var subschema in subschemas)
                {
                    Walk(subschema, [.. path, name], found);
                }
            }
        }

        foreach (var items in Alternatives(schema).Select(s => s["items"]).OfType<JsonObject>())
        {
            Walk(items, [.. path, Item], found);
        }
    }

    /// <summary>Property name → the schemas it has (from the schema itself, its $ref and anyOf/oneOf/allOf branches).</summary>
    private Dictionary<string, List<JsonNode>> Properties(JsonNode schema)
    {
        var properties = new Dictionary<string, List<JsonNode>>(StringComparer.Ordinal);
        foreach (var alternative in Alternatives(schema))
        {
            foreach (var (name, subschema) in alternative["properties"] as JsonObject ?? [])
            {
                var list = properties.TryGetValue(name, out var known) ? known : properties[name] = [];
                if (subschema is JsonObject)
                {
                    list.Add(subschema);
                }
            }
        }

        return properties;
    }

    /// <summary>The schema, what its $ref points at, and its anyOf/oneOf/allOf branches, recursively.</summary>
    private IEnumerable<JsonObject> Alternatives(JsonNode schema)
    {
        if (schema is not JsonObject node)
        {
            yield break;
        }

        yield return node;
        if (node["$ref"]?.GetValue<string>() is { } reference)
        {
            var target = reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries)
                .Aggregate((JsonNode)_root, (current, segment) => current[segment] ?? throw new InvalidOperationException("dangling $ref " + reference));
            foreach (var alternative in Alternatives(target))
            {
                yield return alternative;
            }
        }

        foreach (var keyword in new[] { "anyOf", "oneOf", "allOf" })
        {
            foreach (var branch in node[keyword] as JsonArray ?? [])
            {
                foreach (var alternative in Alternatives(branch!))
                {
                    yield return alternative;
                }
            }
        }
    }
}
