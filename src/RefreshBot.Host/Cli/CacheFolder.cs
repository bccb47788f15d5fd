namespace RefreshBot.Host.Cli;

/// <summary>
/// The default cache folder: <c>$REFRESHBOT_CACHE_DIR</c>, else <c>$XDG_CACHE_HOME/refreshbot</c>, else
/// <c>~/.cache/refreshbot</c>. As the XDG spec says, a relative <c>XDG_CACHE_HOME</c> is ignored.
/// </summary>
public static class CacheFolder
{
    public const string EnvironmentVariable = "REFRESHBOT_CACHE_DIR";

    /// <summary>The default folder, or null when there is none (no variable set and no home folder).</summary>
    public static string? Default(Func<string, string?> environment, string? home)
    {
        if (environment(EnvironmentVariable) is { Length: > 0 } explicitFolder)
        {
            return Path.GetFullPath(explicitFolder);
        }

        if (environment("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathFullyQualified(xdg))
        {
            return Path.Combine(xdg, "refreshbot");
        }

        return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".cache", "refreshbot");
    }

    /// <summary>The default folder for this process's environment and user.</summary>
    public static string? Default() =>
        Default(Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
}
