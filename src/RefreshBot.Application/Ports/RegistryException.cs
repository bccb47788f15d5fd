namespace RefreshBot.Application.Ports;

/// <summary>How a registry failure should be treated by the application.</summary>
public enum RegistryErrorKind
{
    /// <summary>Worth retrying next cycle: 5xx, 429, timeouts, connection failures.</summary>
    Transient,
    /// <summary>401/403 or a failing token service.</summary>
    Auth,
    /// <summary>Repository, tag or digest unknown.</summary>
    NotFound,
    /// <summary>The registry answered something unusable: digest mismatch, oversize, malformed.</summary>
    Invalid,
}

/// <summary>A registry failure that names the registry, the request and what went wrong. Never carries credentials.</summary>
public sealed class RegistryException : Exception
{
    public RegistryException(RegistryErrorKind kind, string registry, string reference, string message, Exception? inner = null)
        : base(Describe(registry, reference) + ": " + message, inner)
    {
        Kind = kind;
        Registry = registry;
        Reference = reference;
    }

    public RegistryErrorKind Kind { get; }

    /// <summary>The reference as the message shows it, prefixed with the registry unless it already names it.</summary>
    private static string Describe(string registry, string reference) =>
        reference.StartsWith(registry + "/", StringComparison.Ordinal) ? reference : registry + ": " + reference;

    public string Registry { get; }

    public string Reference { get; }
}
