using YamlDotNet.RepresentationModel;

namespace RefreshBot.Host.Config;

/// <summary>Reads <c>github:</c>: API URL (GitHub Enterprise works), web and clone roots, and exactly one of a token or an App.</summary>
internal static class GitHubSection
{
    private static readonly string[] Keys = ["apiUrl", "webUrl", "gitUrl", "token", "app"];
    private static readonly string[] AppKeys = ["id", "privateKey", "installationId"];

    public static GitHubSettings Read(YamlNodes yaml, YamlNode node)
    {
        var map = yaml.Mapping(node, "github", Keys);
        var apiUrl = map.TryGetValue("apiUrl", out var apiNode) ? Root(yaml, apiNode, "github.apiUrl") : GitHubSettings.PublicApiUrl;
        var webUrl = map.TryGetValue("webUrl", out var webNode) ? Root(yaml, webNode, "github.webUrl") : DeriveWebUrl(apiUrl);
        var gitUrl = map.TryGetValue("gitUrl", out var gitNode) ? Root(yaml, gitNode, "github.gitUrl") : webUrl;
        return new GitHubSettings(apiUrl, webUrl, gitUrl, ReadAuth(yaml, map));
    }

    /// <summary>
    /// <c>https://api.github.com/</c> → <c>https://github.com/</c>; <c>https://ghe.example/api/v3/</c> → <c>https://ghe.example/</c>;
    /// <c>https://api.acme.ghe.com/</c> → <c>https://acme.ghe.com/</c>; anything else: itself.
    /// </summary>
    public static Uri DeriveWebUrl(Uri apiUrl)
    {
        var path = apiUrl.AbsolutePath;
        if (path.EndsWith("/api/v3/", StringComparison.OrdinalIgnoreCase))
        {
            return new Uri(apiUrl, path[..^"api/v3/".Length]);
        }

        if (path == "/" && apiUrl.Host.StartsWith("api.", StringComparison.OrdinalIgnoreCase))
        {
            return new UriBuilder(apiUrl) { Host = apiUrl.Host["api.".Length..] }.Uri;
        }

        return apiUrl;
    }

    private static GitHubAuth ReadAuth(YamlNodes yaml, YamlMap map)
    {
        var hasToken = map.TryGetValue("token", out var tokenNode);
        var hasApp = map.TryGetValue("app", out var appNode);
        if (hasToken && hasApp)
        {
            var second = tokenNode.Start.Line > appNode.Start.Line ? "token" : "app";
            throw yaml.Error(map.KeyNode(second), "github: expected exactly one of 'token' or 'app', not both");
        }

        if (hasToken)
        {
            return new GitHubAuth.Token(yaml.Secret(tokenNode, "github.token"));
        }

        if (!hasApp)
        {
            throw yaml.Error(map.Node, "github: expected 'token: ${env:GITHUB_TOKEN}' or 'app: {id, privateKey, installationId}'");
        }

        var app = yaml.Mapping(appNode, "github.app", AppKeys);
        if (!app.TryGetValue("id", out var idNode))
        {
            throw yaml.Error(appNode, "github.app: expected 'id' (the App's numeric id)");
        }

        if (!app.TryGetValue("privateKey", out var keyNode))
        {
            throw yaml.Error(appNode, "github.app: expected 'privateKey: ${file:PATH}' (the App's PEM private key)");
        }

        var privateKey = yaml.Secret(keyNode, "github.app.privateKey");
        var pem = privateKey.Reveal();
        if (!pem.Contains("-----BEGIN", StringComparison.Ordinal) || !pem.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            throw yaml.Error(keyNode, "github.app.privateKey: expected a PEM private key (-----BEGIN … PRIVATE KEY-----)");
        }

        long? installation = app.TryGetValue("installationId", out var installationNode) ? yaml.Id(installationNode, "github.app.installationId") : null;
        return new GitHubAuth.App(yaml.Id(idNode, "github.app.id"), privateKey, installation);
    }

    /// <summary>An absolute https URL (http only for a loopback host), normalized to end in '/'; no credentials, query or fragment.</summary>
    private static Uri Root(YamlNodes yaml, YamlNode node, string what)
    {
        var text = yaml.RequiredValue(node, what);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw yaml.Error(node, $"{what}: expected an https URL such as https://ghe.example/api/v3, got '{yaml.Text(node, what)}'");
        }

        if (url.Scheme == Uri.UriSchemeHttp && !url.IsLoopback)
        {
            throw yaml.Error(node, $"{what}: expected https (plain http only for a loopback host), got '{yaml.Text(node, what)}'");
        }

        if (url.UserInfo.Length > 0 || url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            throw yaml.Error(node, $"{what}: expected a URL without user, query or fragment");
        }

        return url.AbsolutePath.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
    }
}
