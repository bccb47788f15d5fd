using YamlDotNet.RepresentationModel;

namespace RefreshBot.Host.Config;

/// <summary>
/// Reads <c>dashboard:</c>: <c>enabled</c> (default false) and <c>auth:</c> — <c>{token: ${env:…}}</c> or
/// <c>{basic: {username, password: ${env:…}}}</c>, required when enabled (a dashboard is never served unprotected).
/// </summary>
internal static class DashboardSection
{
    private static readonly string[] Keys = ["enabled", "auth"];
    private static readonly string[] AuthKeys = ["token", "basic"];
    private static readonly string[] BasicKeys = ["username", "password"];

    public static DashboardSettings Read(YamlNodes yaml, YamlNode? node)
    {
        if (node is null)
        {
            return DashboardSettings.Disabled;
        }

        var map = yaml.Mapping(node, "dashboard", Keys);
        var enabled = map.TryGetValue("enabled", out var enabledNode) && yaml.Boolean(enabledNode, "dashboard.enabled");
        var auth = map.TryGetValue("auth", out var authNode) ? ReadAuth(yaml, authNode) : null;
        if (enabled && auth is null)
        {
            throw yaml.Error(node, "dashboard: expected 'auth: {token: ${env:NAME}}' or 'auth: {basic: {username, password: ${env:NAME}}}' "
                + "(the dashboard is never served without authentication)");
        }

        return new DashboardSettings(enabled, auth);
    }

    private static DashboardAuth ReadAuth(YamlNodes yaml, YamlNode node)
    {
        var map = yaml.Mapping(node, "dashboard.auth", AuthKeys);
        var hasToken = map.TryGetValue("token", out var tokenNode);
        var hasBasic = map.TryGetValue("basic", out var basicNode);
        if (hasToken == hasBasic)
        {
            throw yaml.Error(node, "dashboard.auth: expected exactly one of 'token: ${env:NAME}' or 'basic: {username, password: ${env:NAME}}'");
        }

        if (hasToken)
        {
            return new DashboardAuth.Token(yaml.Secret(tokenNode, "dashboard.auth.token"));
        }

        var basic = yaml.Mapping(basicNode, "dashboard.auth.basic", BasicKeys);
        if (!basic.TryGetValue("username", out var userNode))
        {
            throw yaml.Error(basicNode, "dashboard.auth.basic: expected 'username' (the user name people log in with)");
        }

        var username = yaml.RequiredValue(userNode, "dashboard.auth.basic.username");
        if (username.Contains(':', StringComparison.Ordinal) || username.Any(char.IsControl))
        {
            throw yaml.Error(userNode, "dashboard.auth.basic.username: expected a user name without ':' or control characters");
        }

        return basic.TryGetValue("password", out var passwordNode)
            ? new DashboardAuth.Basic(username, yaml.Secret(passwordNode, "dashboard.auth.basic.password"))
            : throw yaml.Error(basicNode, "dashboard.auth.basic: expected 'password: ${env:NAME}' or 'password: ${file:PATH}'");
    }
}
