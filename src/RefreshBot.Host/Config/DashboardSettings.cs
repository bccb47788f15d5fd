namespace RefreshBot.Host.Config;

/// <summary>The read-only dashboard the service serves under <c>/dashboard</c> (<c>dashboard:</c>); off by default.</summary>
/// <param name="Enabled">Served only when true (and then always behind <paramref name="Auth"/>).</param>
/// <param name="Auth">How people prove who they are; required when enabled.</param>
public sealed record DashboardSettings(bool Enabled, DashboardAuth? Auth)
{
    public static readonly DashboardSettings Disabled = new(false, null);
}

/// <summary>How the dashboard is protected; secrets only from <c>${env:…}</c> / <c>${file:…}</c>.</summary>
public abstract record DashboardAuth
{
    private DashboardAuth()
    {
    }

    /// <summary><c>Authorization: Bearer &lt;token&gt;</c>, or the token entered once in the login form.</summary>
    public sealed record Token(SecretText Value) : DashboardAuth;

    /// <summary><c>Authorization: Basic …</c>, or the user name and password entered once in the login form.</summary>
    public sealed record Basic(string Username, SecretText Password) : DashboardAuth;
}
