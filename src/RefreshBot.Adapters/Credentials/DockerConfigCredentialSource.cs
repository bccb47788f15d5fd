using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RefreshBot.Adapters.Credentials;

/// <summary>
/// Docker's own <c>config.json</c> (<c>$DOCKER_CONFIG/config.json</c>, else <c>~/.docker/config.json</c>):
/// <c>credHelpers[host]</c> first, then <c>credsStore</c>, then <c>auths</c> (<c>auth</c> base64
/// <c>user:password</c>, or <c>username</c>/<c>password</c>, and <c>identitytoken</c>).
/// The file is read once per instance; a missing file means no credentials.
/// </summary>
public sealed partial class DockerConfigCredentialSource : ICredentialSource
{
    private readonly string _path;
    private readonly ILogger _logger;
    private readonly Lazy<DockerConfigFile?> _config;

    public DockerConfigCredentialSource(string? configPath = null, ILogger? logger = null)
    {
        _path = configPath ?? DefaultPath();
        _logger = logger ?? NullLogger.Instance;
        _config = new Lazy<DockerConfigFile?>(Load);
    }

    public string ConfigPath => _path;

    /// <summary><c>$DOCKER_CONFIG/config.json</c> when DOCKER_CONFIG is set, else <c>~/.docker/config.json</c>.</summary>
    public static string DefaultPath()
    {
        var directory = Environment.GetEnvironmentVariable("DOCKER_CONFIG");
        if (string.IsNullOrEmpty(directory))
        {
            directory = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");
        }

        return Path.Combine(directory, "config.json");
    }

    public async Task<RegistryCredential?> GetAsync(string registry, CancellationToken cancellationToken)
    {
        if (_config.Value is not { } config)
        {
            return null;
        }

        var serverAddress = DockerConfigKeys.ServerAddress(registry);
        var helperName = config.CredHelpers.FirstOrDefault(h => DockerConfigKeys.SameRegistry(h.Key, registry)).Value;
        if (helperName is not null)
        {
            return await FromHelperAsync(helperName, serverAddress, registry, cancellationToken);
        }

        if (config.CredsStore is not null
            && await FromHelperAsync(config.CredsStore, serverAddress, registry, cancellationToken) is { } stored)
        {
            return stored;
        }

        return config.Auths.FirstOrDefault(a => DockerConfigKeys.SameRegistry(a.Key, registry)).Value;
    }

    private async Task<RegistryCredential?> FromHelperAsync(string name, string serverAddress, string registry, CancellationToken cancellationToken)
    {
        try
        {
            return await new CredentialHelper(name).GetAsync(serverAddress, cancellationToken);
        }
        catch (Exception e) when (e is CredentialHelperException or ArgumentException)
        {
            LogHelperFailed(_logger, registry, e.Message);
            return null;
        }
    }

    private DockerConfigFile? Load()
    {
        if (!File.Exists(_path))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(_path));
            return DockerConfigFile.From(json.RootElement);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            LogUnreadable(_logger, _path, e.GetType().Name);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Credential helper for {Registry} gave no credentials: {Reason}")]
    private static partial void LogHelperFailed(ILogger logger, string registry, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Docker config {Path} is unreadable ({Error}); ignoring it")]
    private static partial void LogUnreadable(ILogger logger, string path, string error);

    private sealed record DockerConfigFile(
        IReadOnlyDictionary<string, RegistryCredential> Auths, IReadOnlyDictionary<string, string> CredHelpers, string? CredsStore)
    {
        public static DockerConfigFile From(JsonElement root)
        {
            var auths = new Dictionary<string, RegistryCredential>();
            if (root.TryGetProperty("auths", out var authsElement) && authsElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var entry in authsElement.EnumerateObject())
                {
                    if (Credential(entry.Value) is { } credential)
                    {
                        auths[entry.Name] = credential;
                    }
                }
            }

            var helpers = new Dictionary<string, string>();
            if (root.TryGetProperty("credHelpers", out var helpersElement) && helpersElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var entry in helpersElement.EnumerateObject().Where(e => e.Value.ValueKind == JsonValueKind.String))
                {
                    helpers[entry.Name] = entry.Value.GetString()!;
                }
            }

            var store = root.TryGetProperty("credsStore", out var storeElement) && storeElement.ValueKind == JsonValueKind.String
                ? storeElement.GetString()
                : null;
            return new DockerConfigFile(auths, helpers, string.IsNullOrEmpty(store) ? null : store);
        }

        private static RegistryCredential? Credential(JsonElement entry)
        {
            if (entry.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            string? username = Text(entry, "username");
            string? password = Text(entry, "password");
            if (Text(entry, "auth") is { Length: > 0 } auth)
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(auth));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    username = decoded[..colon];
                    password = decoded[(colon + 1)..];
                }
            }

            var identityToken = Text(entry, "identitytoken");
            return username is null && string.IsNullOrEmpty(identityToken)
                ? null
                : new RegistryCredential(username, password, string.IsNullOrEmpty(identityToken) ? null : identityToken);
        }

        private static string? Text(JsonElement entry, string name) =>
            entry.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
