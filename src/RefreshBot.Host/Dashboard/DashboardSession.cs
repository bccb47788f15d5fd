using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RefreshBot.Host.Config;

namespace RefreshBot.Host.Dashboard;

/// <summary>
/// The login cookie: <c>&lt;expiry unix seconds&gt;.&lt;HMAC-SHA256 of it&gt;</c>. The key is derived from the configured
/// secret, so every worker of a cluster accepts it and changing the secret ends every session; the cookie carries no
/// secret (an HMAC does not reveal its key) and is compared in constant time.
/// </summary>
internal sealed class DashboardSession(DashboardAuth auth)
{
    public const string CookieName = "refreshbot_dashboard";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    private readonly byte[] _key = SHA256.HashData(Encoding.UTF8.GetBytes("refreshbot-dashboard-session\n" + auth switch
    {
        DashboardAuth.Token token => "token\n" + token.Value.Reveal(),
        DashboardAuth.Basic basic => "basic\n" + basic.Username + "\n" + basic.Password.Reveal(),
        _ => throw new ArgumentOutOfRangeException(nameof(auth)),
    }));

    /// <summary>A cookie value valid until <paramref name="now"/> + <see cref="Lifetime"/>.</summary>
    public string Issue(DateTimeOffset now)
    {
        var expires = (now + Lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return expires + "." + Convert.ToBase64String(Sign(expires)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>True for a cookie <see cref="Issue"/> made with the same secret that has not expired at <paramref name="now"/>.</summary>
    public bool IsValid(string? cookie, DateTimeOffset now)
    {
        var dot = cookie?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (dot <= 0 || !long.TryParse(cookie.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return false;
        }

        byte[] presented;
        try
        {
            var text = cookie![(dot + 1)..].Replace('-', '+').Replace('_', '/');
            presented = Convert.FromBase64String(text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '='));
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Sign(cookie[..dot]), presented) && now.ToUnixTimeSeconds() < expires;
    }

    private byte[] Sign(string expires) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(expires));
}
