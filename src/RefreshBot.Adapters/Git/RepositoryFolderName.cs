using System.Security.Cryptography;
using System.Text;

namespace RefreshBot.Adapters.Git;

/// <summary>
/// A folder name for a tracked repository's <c>Id</c> (<c>owner/name</c>, a URL or an absolute path): its readable
/// characters (letters, digits, <c>.</c>, <c>-</c>, <c>_</c>; everything else becomes <c>_</c>, at most 60) plus a
/// short hash of the whole id, so two ids never share a folder (<c>a/b</c> and <c>a_b</c> differ).
/// </summary>
public static class RepositoryFolderName
{
    private const int MaxReadableLength = 60;

    public static string For(string repositoryId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(repositoryId);
        var readable = new StringBuilder(Math.Min(repositoryId.Length, MaxReadableLength));
        foreach (var c in repositoryId)
        {
            var keep = char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_';
            var next = keep ? c : '_';
            if (next == '_' && readable.Length > 0 && readable[^1] == '_')
            {
                continue;
            }

            readable.Append(next);
        }

        var text = readable.ToString().Trim('_', '.');
        if (text.Length > MaxReadableLength)
        {
            text = text[^MaxReadableLength..].TrimStart('_', '.');
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(repositoryId)))[..10];
        return text.Length == 0 ? hash : text + "-" + hash;
    }
}
