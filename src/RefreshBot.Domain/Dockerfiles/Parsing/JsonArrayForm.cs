using System.Text.Json;

namespace RefreshBot.Domain.Dockerfiles.Parsing;

/// <summary>The JSON (exec) form of an instruction: <c>["a", "b"]</c>.</summary>
internal static class JsonArrayForm
{
    public enum Outcome
    {
        NotJson,
        Strings,
        NotStringArray,
    }

    public static Outcome TryParse(string rest, out List<string> values)
    {
        values = [];
        var trimmed = rest.TrimStart();
        if (!trimmed.StartsWith('['))
        {
            return Outcome.NotJson;
        }

        try
        {
            using var document = JsonDocument.Parse(trimmed, new JsonDocumentOptions { MaxDepth = 64 });
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return Outcome.NotJson;
            }

            foreach (var element in document.RootElement.EnumerateArray())
            {
                if (element.ValueKind != JsonValueKind.String)
                {
                    values.Clear();
                    return Outcome.NotStringArray;
                }

                values.Add(element.GetString() ?? string.Empty);
            }

            return Outcome.Strings;
        }
        catch (JsonException)
        {
            return Outcome.NotJson;
        }
        catch (ArgumentException)
        {
            // A lone UTF-16 surrogate cannot be transcoded to UTF-8 for the JSON reader (found by fuzzing): not JSON.
            values.Clear();
            return Outcome.NotJson;
        }
    }
}
