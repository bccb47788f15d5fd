namespace RefreshBot.Adapters.Credentials;

/// <summary>Asks each source in order; the first that has credentials wins.</summary>
public sealed class CredentialSourceChain(params IReadOnlyList<ICredentialSource> sources) : ICredentialSource
{
    public static readonly ICredentialSource Empty = new CredentialSourceChain();

    public async Task<RegistryCredential?> GetAsync(string registry, CancellationToken cancellationToken)
    {
        foreach (var source in sources)
        {
            if (await source.GetAsync(registry, cancellationToken) is { } credential)
            {
                return credential;
            }
        }

        return null;
    }
}
