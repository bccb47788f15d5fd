using System.Net;
using System.Net.Sockets;

namespace RefreshBot.Adapters.Registry.Auth;

/// <summary>Whether a token realm may be contacted, and whether credentials may go with the request.</summary>
internal sealed record RealmDecision(bool MayContact, bool MaySendCredentials, string? Refusal);

/// <summary>
/// Rules for Bearer token realms (a registry's challenge decides where we send credentials, so it is checked):
/// <list type="number">
/// <item>The realm must be an absolute http(s) URL.</item>
/// <item>A realm that is a loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local or unspecified
/// IP literal on another host than the registry is refused for a non-loopback registry unless <c>AllowPrivateRealms</c>
/// (host names are not resolved).</item>
/// <item>Credentials go to an HTTPS realm when the challenge came from the registry over HTTPS (or from a loopback registry);
/// to a plain-HTTP realm only when realm and registry are both loopback, or when the registry is configured
/// insecure and the realm is on the same host. Otherwise the token is requested anonymously.</item>
/// </list>
/// </summary>
internal static class RealmPolicy
{
    public static RealmDecision Decide(Uri realm, Uri registry, bool registryInsecure, bool allowPrivateRealms)
    {
        if (!realm.IsAbsoluteUri || (realm.Scheme != Uri.UriSchemeHttps && realm.Scheme != Uri.UriSchemeHttp))
        {
            return new RealmDecision(false, false, "token realm is not an absolute http(s) URL");
        }

        var registryLoopback = RegistryEndpoint.IsLoopback(registry.Authority);
        var realmLoopback = RegistryEndpoint.IsLoopback(realm.Authority);
        var sameHost = string.Equals(realm.Host, registry.Host, StringComparison.OrdinalIgnoreCase);
        if (!registryLoopback && !sameHost && !allowPrivateRealms && IsPrivateAddress(realm.Host))
        {
            return new RealmDecision(false, false, $"token realm host {realm.Host} is a private address");
        }

        var credentials = realm.Scheme == Uri.UriSchemeHttps
            ? registry.Scheme == Uri.UriSchemeHttps || registryLoopback
            : (realmLoopback && registryLoopback)
              || (registryInsecure && sameHost);
        return new RealmDecision(true, credentials, null);
    }

    /// <summary>True for IP literals that are loopback, private, link-local or unspecified.</summary>
    public static bool IsPrivateAddress(string host)
    {
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal;
        }

        var b = address.GetAddressBytes();
        return b[0] == 10 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254);
    }
}
