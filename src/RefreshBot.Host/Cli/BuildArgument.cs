namespace RefreshBot.Host.Cli;

/// <summary><c>--build-arg NAME[=VALUE]</c>, read the way <c>docker build</c> reads it.</summary>
internal static class BuildArgument
{
    /// <summary>
    /// <c>NAME=VALUE</c> sets NAME (VALUE may be empty); <c>NAME</c> alone takes the environment variable's value,
    /// or sets nothing when the variable is unset (as Docker does). False, with the problem, for a malformed token.
    /// </summary>
    public static bool TryParse(
        string token, Func<string, string?> environment, out KeyValuePair<string, string>? argument, out string? problem)
    {
        argument = null;
        var equals = token.IndexOf('=', StringComparison.Ordinal);
        var name = equals < 0 ? token : token[..equals];
        if (!IsName(name))
        {
            problem = "expected NAME=VALUE or NAME, where NAME is letters, digits and underscores, not starting with a digit";
            return false;
        }

        problem = null;
        var value = equals < 0 ? environment(name) : token[(equals + 1)..];
        if (value is not null)
        {
            argument = new KeyValuePair<string, string>(name, value);
        }

        return true;
    }

    /// <summary>The config's build args with the command line's on top (later command-line values win).</summary>
    public static IReadOnlyDictionary<string, string> Merge(
        IReadOnlyDictionary<string, string> fromConfig, IEnumerable<KeyValuePair<string, string>> fromCommandLine)
    {
        var merged = new Dictionary<string, string>(fromConfig, StringComparer.Ordinal);
        foreach (var (name, value) in fromCommandLine)
        {
            merged[name] = value;
        }

        return merged;
    }

    private static bool IsName(string name) =>
        name.Length > 0
        && !char.IsAsciiDigit(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
