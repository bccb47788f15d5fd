namespace RefreshBot.Domain.Platforms;

/// <summary>
/// An OCI platform <c>os/architecture[/variant]</c>, normalized as containerd does
/// (<c>x86_64</c> → <c>amd64</c>, <c>aarch64</c> → <c>arm64</c>, …).
/// CONTRACT (shape fixed; implementation owned by the references work item).
/// </summary>
public sealed record Platform(string Os, string Architecture, string? Variant = null)
{
    public static readonly Platform LinuxAmd64 = new("linux", "amd64");

    public static Platform Parse(string text) => throw new NotImplementedException();

    public static bool TryParse(string text, out Platform? platform, out string? error) => throw new NotImplementedException();

    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";
}
