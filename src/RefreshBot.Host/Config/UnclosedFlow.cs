using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RefreshBot.Host.Config;

/// <summary>
/// Where a YAML text opens a <c>[…]</c> or <c>{…}</c> it never closes. YamlDotNet 16 fails on some such texts with an
/// <see cref="InvalidOperationException"/> instead of a <see cref="YamlException"/>; this finds the position to report.
/// </summary>
internal static class UnclosedFlow
{
    /// <summary>The mark of the innermost flow collection still open when parsing stopped; null when none was open.</summary>
    public static Mark? Find(string text)
    {
        var open = new Stack<(bool Flow, Mark Start)>();
        var parser = new Parser(new StringReader(text));
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case SequenceStart sequence:
                        open.Push((sequence.Style == SequenceStyle.Flow, sequence.Start));
                        break;
                    case MappingStart mapping:
                        open.Push((mapping.Style == MappingStyle.Flow, mapping.Start));
                        break;
                    case SequenceEnd or MappingEnd when open.Count > 0:
                        open.Pop();
                        break;
                }
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            return open.Where(collection => collection.Flow).Select(collection => (Mark?)collection.Start).FirstOrDefault();
        }

        return null;
    }
}
