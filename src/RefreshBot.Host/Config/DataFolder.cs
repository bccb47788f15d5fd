namespace RefreshBot.Host.Config;

/// <summary>
/// The default data folder (clones, history, local proposals): <c>$REFRESHBOT_DATA_DIR</c>, else
/// <c>$XDG_DATA_HOME/refreshbot</c>, else <c>~/.local/share/refreshbot</c>. As the XDG spec says, a relative
/// <c>XDG_DATA_HOME</c> is ignored.
/// </summary>
public static class DataFolder
{
    public const string EnvironmentVariable = "REFRESHBOT_DATA_DIR";

    /// <summary>The default folder, or null when there is none (no variable set and no home folder).</summary>
    public static string? Default(Func<string, string?> environment, string? home)
    {
        if (environment(EnvironmentVariable) is { Length: > 0 } explicitFolder)
        {
            return Path.GetFullPath(explicitFolder);
        }

        if (environment("XDG_DATA_HOME") is { Length: > 0 } xdg && Path.IsPathFullyQualified(xdg))
        {
            return Path.Combine(xdg, "refreshbot");
        }

        return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".local", "share", "refreshbot");
    }
}
