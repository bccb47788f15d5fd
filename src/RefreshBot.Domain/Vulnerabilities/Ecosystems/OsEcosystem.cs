using System.Diagnostics.CodeAnalysis;
using RefreshBot.Domain.Packages;
using RefreshBot.Domain.Versions;

namespace RefreshBot.Domain.Vulnerabilities.Ecosystems;

/// <summary>The OS distributions whose OSV advisories RefreshBot matches.</summary>
public enum OsFamily
{
    Debian,
    Ubuntu,
    Alpine,
    RedHat,
    RockyLinux,
    AlmaLinux,
}

/// <summary>
/// An OSV ecosystem of an OS distribution scoped to a release, as a matching key: <c>Debian:12</c> → (Debian, "12"),
/// <c>Alpine:v3.20</c> → (Alpine, "v3.20"), <c>Ubuntu:22.04:LTS</c> → (Ubuntu, "22.04"),
/// <c>Red Hat:enterprise_linux:9::appstream</c> → (RedHat, "9"), <c>Rocky Linux:9</c>, <c>AlmaLinux:9</c>.
/// A null <see cref="Release"/> (a record ecosystem without suffix) covers every release of the family.
/// </summary>
public sealed record OsEcosystem(OsFamily Family, string? Release)
{
    private static readonly Dictionary<string, string> DebianCodenames = new(StringComparer.Ordinal)
    {
        ["buster"] = "10", ["bullseye"] = "11", ["bookworm"] = "12", ["trixie"] = "13", ["forky"] = "14",
    };

    /// <summary>The ecosystem string to query OSV with (<c>Debian:12</c>, <c>Alpine:v3.20</c>, <c>Ubuntu:22.04</c>, <c>Rocky Linux:9</c>…).</summary>
    public string Name => Family switch
    {
        OsFamily.Debian => Scoped("Debian"),
        OsFamily.Ubuntu => Scoped("Ubuntu"),
        OsFamily.Alpine => Scoped("Alpine"),
        OsFamily.RedHat => Release is null ? "Red Hat" : $"Red Hat:enterprise_linux:{Release}",
        OsFamily.RockyLinux => Scoped("Rocky Linux"),
        _ => Scoped("AlmaLinux"),
    };

    /// <summary>The version ordering of the family's package manager.</summary>
    public IVersionOrdering Ordering => Family switch
    {
        OsFamily.Debian or OsFamily.Ubuntu => VersionOrderings.Dpkg,
        OsFamily.Alpine => VersionOrderings.Apk,
        _ => VersionOrderings.Rpm,
    };

    /// <summary>The package format whose packages this ecosystem's advisories describe.</summary>
    public PackageFormat Format => Family switch
    {
        OsFamily.Debian or OsFamily.Ubuntu => PackageFormat.Dpkg,
        OsFamily.Alpine => PackageFormat.Apk,
        _ => PackageFormat.Rpm,
    };

    /// <summary>True when advisories for <paramref name="recordEcosystem"/> apply to an image of this ecosystem.</summary>
    public bool Covers(OsEcosystem recordEcosystem)
        => recordEcosystem.Family == Family && (recordEcosystem.Release is null || recordEcosystem.Release == Release);

    /// <summary>
    /// Same as <c>FromRecord(recordEcosystem) is { } scope &amp;&amp; Covers(scope)</c>, without allocating: the matcher asks
    /// this for every (package, record) pair.
    /// </summary>
    public bool Covers(string recordEcosystem)
        => TryScope(recordEcosystem, out var family, out var hasRelease, out var release)
           && family == Family && (!hasRelease || (Release is not null && release.SequenceEqual(Release)));

    /// <summary>The family a record's ecosystem string maps to (as <see cref="FromRecord"/>), without allocating; null when unmatched.</summary>
    public static OsFamily? FamilyOf(string recordEcosystem)
        => TryScope(recordEcosystem, out var family, out _, out _) ? family : null;

    /// <summary><see cref="FromRecord"/> on spans: the family and, when the string has a suffix, the release it names.</summary>
    private static bool TryScope(string recordEcosystem, out OsFamily family, out bool hasSuffix, out ReadOnlySpan<char> release)
    {
        var text = recordEcosystem.AsSpan();
        var colon = text.IndexOf(':');
        var name = colon < 0 ? text : text[..colon];
        hasSuffix = colon >= 0;
        var suffix = hasSuffix ? text[(colon + 1)..] : default;
        family = default;
        release = default;
        switch (name)
        {
            case "Debian":
            case "Alpine":
                family = name is "Debian" ? OsFamily.Debian : OsFamily.Alpine;
                release = suffix;
                break;
            case "Ubuntu":
                family = OsFamily.Ubuntu;
                var stream = hasSuffix && suffix.IndexOf(':') is var end and >= 0 ? suffix[..end] : suffix;
                if (hasSuffix && stream is "Pro")
                {
                    return false;
                }

                release = stream;
                break;
            case "Red Hat":
                family = OsFamily.RedHat;
                if (hasSuffix)
                {
                    var cpeColon = suffix.IndexOf(':');
                    if (cpeColon < 0 || suffix[..cpeColon] is not "enterprise_linux")
                    {
                        return false;
                    }

                    var version = suffix[(cpeColon + 1)..];
                    version = version.IndexOf(':') is var versionEnd and >= 0 ? version[..versionEnd] : version;
                    if (version.IsEmpty)
                    {
                        return false;
                    }

                    release = MajorOf(version);
                }

                break;
            case "Rocky Linux":
            case "AlmaLinux":
                family = name is "Rocky Linux" ? OsFamily.RockyLinux : OsFamily.AlmaLinux;
                release = hasSuffix ? MajorOf(suffix) : default;
                break;
            default:
                return false;
        }

        return true;
    }

    /// <summary>
    /// Maps <c>os-release</c>: <c>ID</c> debian/ubuntu/alpine/rhel/rocky/almalinux with <c>VERSION_ID</c>
    /// (Debian without one: <c>VERSION_CODENAME</c> of a numbered release; Alpine: major.minor with a <c>v</c>;
    /// the rpm family: the major version). Other distributions, including ones only <c>ID_LIKE</c> a known one,
    /// are not mapped: their package versions do not follow the parent's advisories.
    /// </summary>
    public static bool TryFromOsRelease(OsRelease os, [NotNullWhen(true)] out OsEcosystem? ecosystem, [NotNullWhen(false)] out string? problem)
    {
        ecosystem = null;
        var id = os.Id.Trim().ToLowerInvariant();
        var version = string.IsNullOrWhiteSpace(os.VersionId) ? null : os.VersionId.Trim();
        ecosystem = id switch
        {
            "debian" => version is not null ? new OsEcosystem(OsFamily.Debian, version)
                : os.VersionCodename is { } codename && DebianCodenames.TryGetValue(codename, out var number) ? new OsEcosystem(OsFamily.Debian, number)
                : null,
            "ubuntu" when version is not null => new OsEcosystem(OsFamily.Ubuntu, version),
            "alpine" when version is not null && MajorMinor(version) is { } branch => new OsEcosystem(OsFamily.Alpine, "v" + branch),
            "rhel" when version is not null => new OsEcosystem(OsFamily.RedHat, Major(version)),
            "rocky" when version is not null => new OsEcosystem(OsFamily.RockyLinux, Major(version)),
            "almalinux" when version is not null => new OsEcosystem(OsFamily.AlmaLinux, Major(version)),
            _ => null,
        };
        problem = ecosystem is null
            ? $"no OSV ecosystem for os-release ID={os.Id} VERSION_ID={os.VersionId ?? "(none)"} VERSION_CODENAME={os.VersionCodename ?? "(none)"}"
            : null;
        return ecosystem is not null;
    }

    /// <summary>
    /// Maps a record's <c>affected[].package.ecosystem</c>; null for ecosystems RefreshBot does not match
    /// (language ecosystems, <c>Ubuntu:Pro:…</c> ESM streams, Red Hat streams other than <c>enterprise_linux</c> such as
    /// <c>rhel_aus</c>/<c>rhel_e4s</c>/<c>rhel_eus</c>/<c>rhel_tus</c>, which apply only to subscribed hosts).
    /// </summary>
    public static OsEcosystem? FromRecord(string ecosystem)
    {
        var colon = ecosystem.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? ecosystem : ecosystem[..colon];
        var suffix = colon < 0 ? null : ecosystem[(colon + 1)..];
        return name switch
        {
            "Debian" => new OsEcosystem(OsFamily.Debian, suffix),
            "Alpine" => new OsEcosystem(OsFamily.Alpine, suffix),
            "Ubuntu" => Ubuntu(suffix),
            "Red Hat" => RedHat(suffix),
            "Rocky Linux" => new OsEcosystem(OsFamily.RockyLinux, suffix is null ? null : Major(suffix)),
            "AlmaLinux" => new OsEcosystem(OsFamily.AlmaLinux, suffix is null ? null : Major(suffix)),
            _ => null,
        };
    }

    public override string ToString() => Name;

    private string Scoped(string name) => Release is null ? name : $"{name}:{Release}";

    private static OsEcosystem? Ubuntu(string? suffix)
    {
        if (suffix is null)
        {
            return new OsEcosystem(OsFamily.Ubuntu, null);
        }

        var parts = suffix.Split(':');
        return parts[0] == "Pro" ? null : new OsEcosystem(OsFamily.Ubuntu, parts[0]);
    }

    private static OsEcosystem? RedHat(string? cpe)
    {
        if (cpe is null)
        {
            return new OsEcosystem(OsFamily.RedHat, null);
        }

        var parts = cpe.Split(':');
        return parts.Length >= 2 && parts[0] == "enterprise_linux" && parts[1].Length > 0
            ? new OsEcosystem(OsFamily.RedHat, Major(parts[1]))
            : null;
    }

    private static ReadOnlySpan<char> MajorOf(ReadOnlySpan<char> version)
    {
        var dot = version.IndexOf('.');
        return dot < 0 ? version : version[..dot];
    }

    private static string Major(string version)
    {
        var dot = version.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? version : version[..dot];
    }

    private static string? MajorMinor(string version)
    {
        var parts = version.Split('.');
        return parts.Length >= 2 && parts[0].All(char.IsAsciiDigit) && parts[0].Length > 0
            && parts[1].TakeWhile(char.IsAsciiDigit).Any()
            ? $"{parts[0]}.{new string(parts[1].TakeWhile(char.IsAsciiDigit).ToArray())}"
            : null;
    }
}
