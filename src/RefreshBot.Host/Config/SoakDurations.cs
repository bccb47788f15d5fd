using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace RefreshBot.Host.Config;

/// <summary>
/// Reads soak periods: <c>policies.soak: 24h</c> and <c>policies.soakImages: {node: 48h}</c>. Durations are written as
/// elsewhere in the file (<c>90s</c>, <c>30m</c>, <c>24h</c>), plus <c>0</c> (off); at most 90 days (<c>2160h</c>).
/// </summary>
internal static class SoakDurations
{
    private static readonly TimeSpan Longest = TimeSpan.FromDays(90);

    public static TimeSpan Read(YamlNodes yaml, YamlNode node, string what)
    {
        var text = yaml.Text(node, what);
        if (text == "0")
        {
            return TimeSpan.Zero;
        }

        var digits = text.TakeWhile(char.IsAsciiDigit).Count();
        long seconds = text[digits..] switch
        {
            "s" => 1,
            "m" => 60,
            "h" => 3600,
            _ => 0,
        };
        if (digits == 0 || seconds == 0 || !long.TryParse(text[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            || n > Longest.TotalSeconds / seconds)
        {
            throw yaml.Error(node, $"{what}: expected a duration such as 90s, 30m or 24h (0: off; at most 2160h), got '{text}'");
        }

        return TimeSpan.FromSeconds(n * seconds);
    }

    public static IReadOnlyDictionary<string, TimeSpan> ReadImages(YamlNodes yaml, YamlNode node, string what)
    {
        var images = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var map = yaml.Mapping(node, what, allowedKeys: null);
        foreach (var (key, value) in map.Entries)
        {
            if (key.Length == 0 || key.Any(c => char.IsWhiteSpace(c) || char.IsUpper(c)) || key.Contains('@', StringComparison.Ordinal)
                || key[(key.LastIndexOf('/') + 1)..].Contains(':', StringComparison.Ordinal))
            {
                throw yaml.Error(map.KeyNode(key), $"{what}: expected image names such as node or docker.io/library/node (lower case, no tag or digest), got '{key}'");
            }

            images[key] = Read(yaml, value, what + "." + key);
        }

        return images;
    }
}
