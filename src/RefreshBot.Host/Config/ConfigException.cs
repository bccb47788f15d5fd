namespace RefreshBot.Host.Config;

/// <summary>A configuration error: where it is (file:line:column) and what was expected. Never carries a secret.</summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string file, int line, int column, string problem)
        : base($"{file}:{line}:{column}: {problem}")
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
    }

    public ConfigException(string file, string problem)
        : base($"{file}: {problem}")
    {
        File = file;
        Problem = problem;
    }

    public string File { get; }

    /// <summary>1-based line, 0 when the problem is the file as a whole.</summary>
    public int Line { get; }

    /// <summary>1-based column, 0 when the problem is the file as a whole.</summary>
    public int Column { get; }

    public string Problem { get; }

    /// <summary>
    /// Every error found in the file, in file order (this one among them). The loader goes on after an error where it
    /// can, so an admin sees all of them at once; this exception's own message is the first one found.
    /// </summary>
    public IReadOnlyList<ConfigException> All { get => _all ?? [this]; private set => _all = value; }

    private IReadOnlyList<ConfigException>? _all;

    /// <summary>The first of <paramref name="errors"/> (in the order found), carrying all of them in file order.</summary>
    internal static ConfigException Several(IReadOnlyList<ConfigException> errors)
    {
        var first = errors[0];
        first.All = errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList();
        return first;
    }
}
