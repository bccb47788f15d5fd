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
}
