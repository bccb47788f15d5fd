using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RefreshBot.Host.Config;

/// <summary>
/// Refuses YAML nested deeper than <see cref="Max"/> before YamlDotNet's representation model, which loads nodes
/// recursively, sees it: a few kilobytes of <c>[[[[…</c> (e.g. in a tracked repository's own settings file) would
/// otherwise overflow the stack and kill the process (found by fuzzing). The event parser used here is iterative.
/// </summary>
internal static class YamlDepth
{
    /// <summary>Far deeper than any configuration needs.</summary>
    public const int Max = 64;

    /// <summary>Where the first collection nested deeper than <see cref="Max"/> starts; null when there is none.
    /// Throws what YamlDotNet's parser throws for malformed YAML.</summary>
    public static Mark? FirstTooDeep(string text)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case MappingStart or SequenceStart when ++depth > Max:
                    return parser.Current.Start;
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
            }
        }

        return null;
    }
}
