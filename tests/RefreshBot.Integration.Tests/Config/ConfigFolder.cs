using RefreshBot.Host.Config;
using RefreshBot.Integration.Tests.Cli;

namespace RefreshBot.Integration.Tests.Config;

/// <summary>
/// A temporary folder holding a config file, real git repositories next to it, secret files, and the environment the
/// config's substitutions see.
/// </summary>
public sealed class ConfigFolder : IDisposable
{
    public const string PrivateKeyPem = "-----BEGIN PRIVATE KEY-----\nMIIs3cret-key-material\n-----END PRIVATE KEY-----\n";

    private readonly GitFleet _fleet = new();

    public ConfigFolder()
    {
        _fleet.Repository("svc", ("Dockerfile", "FROM alpine:3.20\n"));
        _fleet.Write("app.pem", PrivateKeyPem);
        _fleet.Write("not-a-key.txt", "hello\n");
    }

    public string Root => _fleet.Root;

    public Dictionary<string, string> Environment { get; } = new()
    {
        ["GITHUB_TOKEN"] = "ghp-s3cret-token",
        ["REG_PASSWORD"] = "s3cret-registry-password",
        ["APP_ID"] = "123456",
    };

    /// <summary>Loads <paramref name="yaml"/> as <c>refreshbot.yaml</c> in <see cref="Root"/>, the data folder defaulting to <c>Root/data</c>.</summary>
    public RefreshBotConfig Load(string yaml) =>
        new ConfigLoader(new SecretSubstitution(name => Environment.GetValueOrDefault(name), Root), Path.Combine(Root, "data"))
            .Load("refreshbot.yaml", yaml);

    public void Dispose() => _fleet.Dispose();
}
