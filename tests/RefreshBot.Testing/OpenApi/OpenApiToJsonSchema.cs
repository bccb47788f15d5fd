using System.Text.Json.Nodes;

namespace RefreshBot.Testing.OpenApi;

/// <summary>
/// Turns OpenAPI 3.0 schema objects into JSON Schema 2020-12: <c>nullable: true</c> becomes a type union with
/// <c>"null"</c> (or an <c>anyOf</c> with <c>{"type":"null"}</c> when there is no <c>type</c>), boolean
/// <c>exclusiveMinimum</c>/<c>exclusiveMaximum</c> become numbers, and <c>#/components/schemas/X</c> references
/// point at <c>{base}#/$defs/X</c>.
/// </summary>
internal static class OpenApiToJsonSchema
{
    public static JsonNode? Convert(JsonNode? node, string baseUri) => node switch
    {
        JsonObject obj => ConvertObject(obj, baseUri),
        JsonArray array => new JsonArray(array.Select(item => Convert(item, baseUri)).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };

    private static JsonNode ConvertObject(JsonObject source, string baseUri)
    {
        var result = new JsonObject();
        var nullable = false;
        foreach (var (key, value) in source)
        {
            switch (key)
            {
                case "nullable":
                    nullable = value?.GetValue<bool>() == true;
                    break;
                case "$ref" when value?.GetValue<string>() is { } reference:
                    result[key] = reference.StartsWith("#/components/schemas/", StringComparison.Ordinal)
                        ? baseUri + "#/$defs/" + reference["#/components/schemas/".Length..]
                        : reference;
                    break;
                case "exclusiveMinimum" or "exclusiveMaximum" when value is JsonValue flag && flag.TryGetValue<bool>(out var exclusive):
                    var bound = key == "exclusiveMinimum" ? "minimum" : "maximum";
                    if (exclusive && source[bound] is { } limit)
                    {
                        result[key] = limit.DeepClone();
                    }

                    break;
                case "example" or "examples" or "discriminator" or "xml" or "externalDocs":
                    break;
                default:
                    result[key] = Convert(value, baseUri);
                    break;
            }
        }

        if (source["exclusiveMinimum"] is JsonValue min && min.TryGetValue<bool>(out var exMin) && exMin)
        {
            result.Remove("minimum");
        }

        if (source["exclusiveMaximum"] is JsonValue max && max.TryGetValue<bool>(out var exMax) && exMax)
        {
            result.Remove("maximum");
        }

        return nullable ? MakeNullable(result) : result;
    }

    private static JsonNode MakeNullable(JsonObject schema)
    {
        if (schema["enum"] is JsonArray values && !values.Any(v => v is null))
        {
            values.Add(null);
        }

        switch (schema["type"])
        {
            case JsonValue single when single.GetValue<string>() is var name:
                schema["type"] = new JsonArray(name, "null");
                return schema;
            case JsonArray types:
                if (!types.Any(t => t?.GetValue<string>() == "null"))
                {
                    types.Add("null");
                }

                return schema;
            default:
                return new JsonObject { ["anyOf"] = new JsonArray(schema, new JsonObject { ["type"] = "null" }) };
        }
    }
}
