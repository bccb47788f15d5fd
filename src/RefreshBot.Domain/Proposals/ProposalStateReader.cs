using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using RefreshBot.Domain.References;

namespace RefreshBot.Domain.Proposals;

/// <summary>Validates the JSON of a <see cref="ProposalState"/> field by field; every problem names its field.</summary>
internal static class ProposalStateReader
{
    private const int MaxText = 4_096;

    public static bool TryRead(JsonElement root, [NotNullWhen(true)] out ProposalState? state, [NotNullWhen(false)] out string? error)
    {
        state = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "the state is not a JSON object";
            return false;
        }

        if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v))
        {
            error = "version: missing or not an integer";
            return false;
        }

        if (v != ProposalState.CurrentVersion)
        {
            error = $"version: {v} is not supported (expected {ProposalState.CurrentVersion})";
            return false;
        }

        if (!TryText(root, "grouping", out var groupingName, out error)
            || !TryText(root, "group", out var key, out error)
            || !TryText(root, "branch", out var branch, out error))
        {
            return false;
        }

        ProposalGrouping? grouping = groupingName switch
        {
            "repository" => ProposalGrouping.Repository,
            "dockerfile" => ProposalGrouping.Dockerfile,
            "image" => ProposalGrouping.Image,
            _ => null,
        };
        if (grouping is null)
        {
            error = $"grouping: '{groupingName}' is not repository, dockerfile or image";
            return false;
        }

        if (!BranchNames.IsValid(branch))
        {
            error = $"branch: '{branch}' is not a refreshbot branch name";
            return false;
        }

        if (!root.TryGetProperty("updates", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            error = "updates: missing or not an array";
            return false;
        }

        var count = array.GetArrayLength();
        if (count == 0 || count > ProposalState.MaxUpdates)
        {
            error = $"updates: {count} entries; expected 1 to {ProposalState.MaxUpdates}";
            return false;
        }

        var group = new ProposalGroup(grouping.Value, key!, branch!);
        var updates = new List<ProposedUpdate>(count);
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            if (!TryUpdate(element, out var update, out var problem))
            {
                error = $"updates[{index}].{problem}";
                return false;
            }

            if (ProposalGroups.GroupOf(group.Kind, update) != group)
            {
                error = $"updates[{index}]: belongs to {ProposalGroups.GroupOf(group.Kind, update).Branch}, not to {branch}";
                return false;
            }

            updates.Add(update);
            index++;
        }

        state = new ProposalState(v, group, updates);
        error = null;
        return true;
    }

    private static bool TryUpdate(JsonElement element, [NotNullWhen(true)] out ProposedUpdate? update, [NotNullWhen(false)] out string? error)
    {
        update = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = "is not an object";
            return false;
        }

        if (!TryText(element, "dockerfile", out var dockerfile, out error)
            || !TryText(element, "image", out var image, out error)
            || !TryText(element, "platform", out var platform, out error)
            || !TryOptionalText(element, "tag", out var tag, out error)
            || !TryOptionalText(element, "from", out var fromText, out error)
            || !TryText(element, "to", out var toText, out error)
            || !TryOptionalText(element, "firstSeen", out var seenText, out error))
        {
            return false;
        }

        if (!element.TryGetProperty("line", out var lineElement) || lineElement.ValueKind != JsonValueKind.Number || !lineElement.TryGetInt32(out var line) || line < 1)
        {
            error = "line: missing or not a positive integer";
            return false;
        }

        if (!ImageReference.TryParse(image!, out var reference, out _) || reference!.Name != image || reference.Tag is not null || reference.Digest is not null)
        {
            error = $"image: '{image}' is not a normalized image name";
            return false;
        }

        Digest? from = null;
        if (fromText is not null)
        {
            if (!Digest.TryParse(fromText, out var parsed, out var problem))
            {
                error = $"from: {problem}";
                return false;
            }

            from = parsed;
        }

        if (!Digest.TryParse(toText!, out var to, out var toProblem))
        {
            error = $"to: {toProblem}";
            return false;
        }

        DateTimeOffset? firstSeen = null;
        if (seenText is not null)
        {
            if (!DateTimeOffset.TryParseExact(seenText, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var seen))
            {
                error = $"firstSeen: '{seenText}' is not yyyy-MM-ddTHH:mm:ssZ";
                return false;
            }

            firstSeen = seen;
        }

        update = new ProposedUpdate(dockerfile!, line, image!, tag, from, to, platform!, firstSeen);
        error = null;
        return true;
    }

    private static bool TryText(JsonElement element, string name, out string? value, [NotNullWhen(false)] out string? error)
    {
        if (!TryOptionalText(element, name, out value, out error))
        {
            return false;
        }

        if (string.IsNullOrEmpty(value))
        {
            error = $"{name}: missing or empty";
            return false;
        }

        return true;
    }

    private static bool TryOptionalText(JsonElement element, string name, out string? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        error = null;
        if (!element.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (property.ValueKind != JsonValueKind.String)
        {
            error = $"{name}: not a string";
            return false;
        }

        value = property.GetString()!;
        if (value.Length > MaxText)
        {
            error = $"{name}: longer than {MaxText} characters";
            return false;
        }

        return true;
    }
}
