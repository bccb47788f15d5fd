namespace RefreshBot.Domain.Platforms;

/// <summary>
/// An OCI platform <c>os/architecture[/variant]</c>, normalized as containerd does
/// (<c>x86_64</c> → <c>amd64</c>, <c>aarch64</c> → <c>arm64</c>, …; see <see cref="Normalize"/>).
/// </summary>
/// <remarks>
/// <para>Matching (<see cref="Matches"/>), used to pick a manifest from an index: after normalizing
/// both sides, OS, architecture and variant must be equal (OS and architecture compared
/// case-insensitively). Because normalization folds the defaults, <c>linux/arm64</c> matches an entry
/// <c>linux/arm64/v8</c>, <c>linux/arm</c> matches <c>linux/arm/v7</c> (and an <c>arm</c> entry without a
/// variant), and <c>linux/amd64</c> matches <c>linux/amd64/v1</c>. There is no fallback to "compatible"
/// variants (an <c>arm/v6</c> image is not picked for <c>arm/v7</c>): RefreshBot compares the digest of
/// exactly the platform you build.</para>
/// </remarks>
public sealed record Platform(string Os, string Architecture, string? Variant = null)
{
    public static readonly Platform LinuxAmd64 = new("linux", "amd64");

    private static readonly System.Buffers.SearchValues<char> ComponentChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-");

    /// <summary>Parses <c>os/arch[/variant]</c> and normalizes it; throws <see cref="FormatException"/>.</summary>
    public static Platform Parse(string text)
        => TryParse(text, out var platform, out var error) ? platform! : throw new FormatException(error);

    public static bool TryParse(string text, out Platform? platform, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        platform = null;
        var span = text.AsSpan().Trim();
        if (span.IsEmpty)
        {
            error = "platform is empty: expected os/arch[/variant], e.g. linux/amd64";
            return false;
        }

        Span<Range> parts = stackalloc Range[4];
        var count = span.Split(parts, '/');
        if (count is < 2 or > 3)
        {
            error = $"invalid platform \"{text}\": expected os/arch[/variant], e.g. linux/amd64 or linux/arm/v7";
            return false;
        }

        string[] names = ["os", "architecture", "variant"];
        for (var i = 0; i < count; i++)
        {
            var part = span[parts[i]];
            if (part.IsEmpty)
            {
                error = $"invalid platform \"{text}\": the {names[i]} is empty";
                return false;
            }

            var bad = part.IndexOfAnyExcept(ComponentChars);
            if (bad >= 0)
            {
                error = $"invalid platform \"{text}\": the {names[i]} \"{part}\" contains '{part[bad]}' (allowed: letters, digits, '_', '.', '-')";
                return false;
            }
        }

        platform = Normalize(span[parts[0]].ToString(), span[parts[1]].ToString(), count == 3 ? span[parts[2]].ToString() : null);
        error = null;
        return true;
    }

    /// <summary>
    /// containerd's normalization: lowercase; OS <c>macos</c> → <c>darwin</c>; architecture aliases
    /// <c>i386</c> → <c>386</c>, <c>x86_64</c>/<c>x86-64</c> → <c>amd64</c> (variant <c>v1</c> dropped),
    /// <c>aarch64</c> → <c>arm64</c> (variant <c>8</c>/<c>v8</c>/<c>v8.0</c> dropped, <c>9</c>/<c>9.0</c>/<c>v9.0</c> → <c>v9</c>),
    /// <c>armhf</c> → <c>arm/v7</c>, <c>armel</c> → <c>arm/v6</c>, <c>arm</c> without variant → <c>arm/v7</c>,
    /// <c>arm</c> variants <c>5</c>/<c>6</c>/<c>7</c>/<c>8</c> → <c>v5</c>…<c>v8</c>.
    /// </summary>
    public static Platform Normalize(string os, string architecture, string? variant)
    {
        var normalizedOs = os.ToLowerInvariant();
        if (normalizedOs == "macos")
        {
            normalizedOs = "darwin";
        }

        var arch = architecture.ToLowerInvariant();
        var v = string.IsNullOrEmpty(variant) ? null : variant.ToLowerInvariant();
        switch (arch)
        {
            case "i386":
                arch = "386";
                v = null;
                break;
            case "x86_64" or "x86-64" or "amd64":
                arch = "amd64";
                if (v == "v1")
                {
                    v = null;
                }

                break;
            case "aarch64" or "arm64":
                arch = "arm64";
                v = v switch
                {
                    "8" or "v8" or "v8.0" => null,
                    "9" or "9.0" or "v9.0" => "v9",
                    _ => v,
                };
                break;
            case "armhf":
                arch = "arm";
                v = "v7";
                break;
            case "armel":
                arch = "arm";
                v = "v6";
                break;
            case "arm":
                v = v switch
                {
                    null or "7" => "v7",
                    "5" or "6" or "8" => "v" + v,
                    _ => v,
                };
                break;
        }

        return new Platform(normalizedOs, arch, v);
    }

    /// <summary>This platform with <see cref="Normalize"/> applied.</summary>
    public Platform Normalized() => Normalize(Os, Architecture, Variant);

    /// <summary>
    /// True when <paramref name="candidate"/> (e.g. an index entry's platform) is this platform:
    /// equal OS, architecture and variant after normalization.
    /// </summary>
    public bool Matches(Platform candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var wanted = Normalized();
        var other = candidate.Normalized();
        return wanted.Os == other.Os && wanted.Architecture == other.Architecture && wanted.Variant == other.Variant;
    }

    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";
}
