using RefreshBot.Testing.Tokens;

namespace RefreshBot.Testing.Registry;

/// <summary>How a <see cref="RegistryServer"/> authenticates clients.</summary>
public abstract record RegistryAuth
{
    private RegistryAuth()
    {
    }

    /// <summary>No authentication: anyone may pull and push.</summary>
    public sealed record None : RegistryAuth;

    /// <summary>htpasswd Basic auth with one user (bcrypt file generated with <c>htpasswd -Bbn</c>).</summary>
    public sealed record Basic(string Username, string Password) : RegistryAuth;

    /// <summary>Token auth (<c>auth.token</c>) backed by a running <see cref="TokenServer"/>.</summary>
    public sealed record Token(TokenServer Server) : RegistryAuth;
}
