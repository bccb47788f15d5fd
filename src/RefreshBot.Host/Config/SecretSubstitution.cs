using System.Text.RegularExpressions;

namespace RefreshBot.Host.Config;

/// <summary>
/// Expands <c>${env:NAME}</c> (an environment variable) and <c>${file:PATH}</c> (a file's content, trailing
/// newlines trimmed; a relative path is relative to the config file's folder) inside a config value.
/// <c>$$</c> is a literal <c>$</c>. Anything else starting with <c>${</c> is an error.
/// </summary>
public sealed partial class SecretSubstitution(Func<string, string?> environment, string configFolder)
{
    public static SecretSubstitution FromProcess(string configFolder) =>
        new(Environment.GetEnvironmentVariable, configFolder);

    /// <summary>
    /// For untrusted YAML (a repository's own settings file): every <c>${…}</c> is an error saying <paramref name="why"/>,
    /// and nothing is ever read from the environment or a file. <c>$$</c> is still a literal <c>$</c>.
    /// </summary>
    public static SecretSubstitution Refusing(string why) => new(_ => null, "/") { Refusal = why };

    /// <summary>Why substitutions are refused (<see cref="Refusing"/>); null: they are expanded.</summary>
    private string? Refusal { get; init; }

    /// <summary>The folder relative paths in the config are resolved against (the config file's folder).</summary>
    public string ConfigFolder => configFolder;

    /// <summary>An environment variable as this substitution sees it (null when not set).</summary>
    public string? Variable(string name) => environment(name);

    /// <summary>True when <paramref name="value"/> contains a substitution.</summary>
    public static bool HasSubstitution(string value) => Placeholder().IsMatch(value);

    /// <summary>Expands <paramref name="value"/>; on failure returns false and what went wrong (never the secret).</summary>
    public bool TryExpand(string value, out string expanded, out string? error)
    {
        string? failure = null;
        var result = Placeholder().Replace(value, match =>
        {
            if (failure is not null)
            {
                return "";
            }

            if (match.Value == "$$")
            {
                return "$";
            }

            if (Refusal is not null)
            {
                failure = $"'{match.Value}' is not expanded: {Refusal}";
                return "";
            }

            var kind = match.Groups["kind"].Value;
            var argument = match.Groups["arg"].Value;
            switch (kind)
            {
                case "env":
                    var variable = environment(argument);
                    if (variable is null)
                    {
                        failure = $"environment variable '{argument}' is not set (from ${{env:{argument}}})";
                        return "";
                    }

                    return variable;
                case "file":
                    var path = Path.IsPathRooted(argument) ? argument : Path.Combine(configFolder, argument);
                    if (!File.Exists(path))
                    {
                        failure = $"file '{argument}' does not exist (from ${{file:{argument}}})";
                        return "";
                    }

                    return File.ReadAllText(path).TrimEnd('\r', '\n');
                default:
                    failure = $"unknown substitution '{match.Value}': expected ${{env:NAME}} or ${{file:PATH}}";
                    return "";
            }
        });

        expanded = failure is null ? result : "";
        error = failure;
        return failure is null;
    }

    [GeneratedRegex(@"\$\$|\$\{(?<kind>[a-z]*):?(?<arg>[^}]*)\}")]
    private static partial Regex Placeholder();
}
