using System.Text.Json;
using RefreshBot.FleetBench.Fleet;

namespace RefreshBot.FleetBench.Validation;

/// <summary>The outcome of comparing a JSON report with the generated fleet.</summary>
/// <param name="Mismatches">Every difference, one line each (an image entry with several wrong fields counts once per field).</param>
/// <param name="StatusCounts">Statuses the report gave, by name.</param>
public sealed record Validation(IReadOnlyList<string> Mismatches, IReadOnlyDictionary<string, int> StatusCounts, int IndexChurnFlagged)
{
    public int MismatchCount => Mismatches.Count;
}

/// <summary>
/// Compares <c>refreshbot check --format json</c> output with what the generator wrote and pushed: the set of
/// Dockerfiles (git-ignored ones absent), and for every reference its line, instruction, stage, reference,
/// image, tag, platform, pinned digest, status, current digest and index-churn flag; no extra entries.
/// </summary>
public static class ReportValidator
{
    public static Validation Validate(string json, GeneratedFleet fleet)
    {
        var mismatches = new List<string>();
        var statuses = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var churn = 0;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return new Validation([$"the report is not JSON: {e.Message}"], statuses, 0);
        }

        using (document)
        {
            var actual = new Dictionary<(string Path, int Line, string Instruction), JsonElement>();
            var paths = new List<string>();
            foreach (var dockerfile in document.RootElement.GetProperty("dockerfiles").EnumerateArray())
            {
                var path = dockerfile.GetProperty("path").GetString()!;
                paths.Add(path);
                foreach (var image in dockerfile.GetProperty("images").EnumerateArray())
                {
                    var key = (path, image.GetProperty("line").GetInt32(), image.GetProperty("instruction").GetString()!);
                    if (!actual.TryAdd(key, image.Clone()))
                    {
                        mismatches.Add($"{path}:{key.Item2}: two {key.Item3} entries on one line");
                    }

                    var status = image.GetProperty("status").GetString()!;
                    statuses[status] = statuses.GetValueOrDefault(status) + 1;
                    churn += image.GetProperty("indexOnly").GetBoolean() ? 1 : 0;
                }
            }

            mismatches.AddRange(fleet.Dockerfiles.Except(paths, StringComparer.Ordinal).Select(p => $"{p}: Dockerfile not reported"));
            mismatches.AddRange(paths.Except(fleet.Dockerfiles, StringComparer.Ordinal).Select(p =>
                fleet.IgnoredDockerfiles.Contains(p) ? $"{p}: git-ignored Dockerfile reported" : $"{p}: unexpected Dockerfile reported"));

            foreach (var expected in fleet.Images)
            {
                if (!actual.Remove((expected.Path, expected.Line, expected.Instruction), out var image))
                {
                    mismatches.Add($"{expected.Path}:{expected.Line}: {expected.Instruction} {expected.Reference} not reported");
                    continue;
                }

                Compare(expected, image, mismatches);
            }

            mismatches.AddRange(actual.Keys
                .Where(k => fleet.Dockerfiles.Contains(k.Path))
                .Select(k => $"{k.Path}:{k.Line}: unexpected {k.Instruction} entry {actual[k].GetProperty("reference")}"));
        }

        return new Validation(mismatches, statuses, churn);
    }

    private static void Compare(ExpectedImage expected, JsonElement image, List<string> mismatches)
    {
        var verdict = expected.Expect();
        var where = $"{expected.Path}:{expected.Line} ({expected.Reference}, {expected.Platform})";
        Check("stage", expected.Stage, Text(image, "stage"));
        Check("reference", expected.Reference, Text(image, "reference"));
        Check("image", expected.Image, Text(image, "image"));
        Check("tag", expected.Tag.Tag, Text(image, "tag"));
        Check("platform", expected.Platform.ToString(), Text(image, "platform"));
        Check("pinnedDigest", expected.PinnedDigest?.ToString(), Text(image, "pinnedDigest"));
        Check("status", verdict.Status, Text(image, "status"));
        Check("currentDigest", verdict.CurrentDigest.ToString(), Text(image, "currentDigest"));
        Check("indexOnly", verdict.IndexOnly ? "true" : "false", image.GetProperty("indexOnly").GetBoolean() ? "true" : "false");

        void Check(string field, string? want, string? got)
        {
            if (!string.Equals(want, got, StringComparison.Ordinal))
            {
                var reason = Text(image, "reason");
                mismatches.Add($"{where}: {field} expected {want ?? "null"}, got {got ?? "null"}" + (reason is null ? "" : $" (reason: {reason})"));
            }
        }
    }

    private static string? Text(JsonElement image, string name) =>
        image.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
