using RefreshBot.Adapters.Registry;

namespace RefreshBot.Adapters.Credentials;

/// <summary>Credentials written in RefreshBot's own config (<see cref="RegistryOptions"/> entries).</summary>
public sealed class ConfiguredCredentialSource(IEnumerable<RegistryOptions> registries) : ICredentialSource
{
    private readonly RegistryOptions[] _registries = registries.ToArray();

    public Task<RegistryCredential?> GetAsync(string registry, CancellationToken cancellationToken)
    {
        var entry = _registries.FirstOrDefault(r => DockerConfigKeys.SameRegistry(r.Host, registry));
        RegistryCredential? credential = entry is null || (entry.Username is null && entry.IdentityToken is null)
            ? null
            : new RegistryCredential(entry.Username, entry.Password, entry.IdentityToken);
        return Task.FromResult(credential);
    }
}
