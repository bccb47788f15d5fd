using System.Security.Cryptography;
using System.Text;

namespace RefreshBot.Domain.Proposals;

/// <summary>
/// Branch names of the bot: <c>refreshbot/&lt;what&gt;</c>, always valid for <c>git check-ref-format --branch</c>
/// and GitHub. Characters outside <c>[A-Za-z0-9._-]</c> become <c>-</c>, dot runs and leading dots go, <c>.lock</c>
/// endings go; whenever that changed the text, or the name would exceed <see cref="MaxLength"/>, a short hash of
/// the original text is appended so two different keys never share a branch.
/// </summary>
public static class BranchNames
{
    public const string Prefix = "refreshbot/";

    /// <summary>Longest name produced (git has no limit, but file systems and UIs do).</summary>
    public const int MaxLength = 100;

    private const int HashLength = 8;

    /// <summary><c>refreshbot/&lt;category&gt;/&lt;sanitized key&gt;</c> (or <c>refreshbot/&lt;sanitized key&gt;</c> without a category).</summary>
    public static string For(string? category, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var head = Prefix + (category is null ? "" : category + "/");
        var sanitized = Sanitize(key);
        var lossy = sanitized != key;
        if (sanitized.Length == 0)
        {
            sanitized = "unnamed";
            lossy = true;
        }

        var room = MaxLength - head.Length;
        if (!lossy && sanitized.Length <= room)
        {
            return head + sanitized;
        }

        var keep = Math.Min(sanitized.Length, room - HashLength - 1);
        var trimmed = TrimEnd(sanitized[..keep]);
        return head + trimmed + (trimmed.Length == 0 ? "" : "-") + ShortHash(key);
    }

    /// <summary>True for a name this class could produce: <c>refreshbot/</c> + safe components (see <see cref="For"/>).</summary>
    public static bool IsValid(string? name)
    {
        if (name is null || name.Length > MaxLength || !name.StartsWith(Prefix, StringComparison.Ordinal) || name.Length == Prefix.Length)
        {
            return false;
        }

        foreach (var component in name.Split('/'))
        {
            if (component.Length == 0 || component[0] is '.' or '-' || component.EndsWith('.')
                || component.EndsWith(".lock", StringComparison.Ordinal) || component.Contains("..", StringComparison.Ordinal)
                || component.Any(c => !IsSafe(c)))
            {
                return false;
            }
        }

        return true;
    }

    private static string Sanitize(string key)
    {
        var components = new List<string>();
        foreach (var part in key.Split('/'))
        {
            var builder = new StringBuilder(part.Length);
            foreach (var c in part)
            {
                var safe = IsSafe(c) ? c : '-';
                if (safe == '-' && builder.Length > 0 && builder[^1] == '-' && !IsSafe(c))
                {
                    continue;
                }

                if (safe == '.' && builder.Length > 0 && builder[^1] == '.')
                {
                    continue;
                }

                builder.Append(safe);
            }

            var component = builder.ToString().TrimStart('.', '-');
            component = TrimEnd(component);
            if (component.Length > 0)
            {
                components.Add(component);
            }
        }

        return string.Join('/', components);
    }

    /// <summary>Removes endings git refuses or that read badly: <c>.</c>, <c>.lock</c>, <c>-</c>, <c>/</c>.</summary>
    private static string TrimEnd(string text)
    {
        while (true)
        {
            var before = text;
            text = text.TrimEnd('.', '-', '/');
            if (text.EndsWith(".lock", StringComparison.Ordinal))
            {
                text = text[..^".lock".Length];
            }

            if (text == before)
            {
                return text;
            }
        }
    }

    private static bool IsSafe(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '.' or '_' or '-';

    private static string ShortHash(string key)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..HashLength];
}
