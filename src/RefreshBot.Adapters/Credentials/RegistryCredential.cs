namespace RefreshBot.Adapters.Credentials;

/// <summary>
/// Credentials for one registry: a username/password pair or an identity (OAuth2 refresh) token.
/// <see cref="ToString"/> never shows secrets.
/// </summary>
public sealed record RegistryCredential(string? Username, string? Password, string? IdentityToken = null)
{
    public bool HasPassword => !string.IsNullOrEmpty(Username) && Password is not null;

    public bool HasIdentityToken => !string.IsNullOrEmpty(IdentityToken);

    public override string ToString() =>
        $"RegistryCredential {{ Username = {Username}, Password = {(Password is null ? "none" : "***")}, IdentityToken = {(IdentityToken is null ? "none" : "***")} }}";
}

/// <summary>Finds credentials for a registry domain (as written in image references, e.g. <c>docker.io</c>).</summary>
public interface ICredentialSource
{
    /// <returns>The credentials, or null when this source has none for <paramref name="registry"/>.</returns>
    Task<RegistryCredential?> GetAsync(string registry, CancellationToken cancellationToken);
}
