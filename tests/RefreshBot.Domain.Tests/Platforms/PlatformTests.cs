using RefreshBot.Domain.Platforms;

namespace RefreshBot.Domain.Tests.Platforms;

public sealed class PlatformTests
{
    [Theory]
    [InlineData("linux/amd64", "linux/amd64")]
    [InlineData("linux/x86_64", "linux/amd64")]
    [InlineData("Linux/X86-64", "linux/amd64")]
    [InlineData("linux/amd64/v1", "linux/amd64")]
    [InlineData("linux/amd64/v3", "linux/amd64/v3")]
    [InlineData("linux/aarch64", "linux/arm64")]
    [InlineData("linux/arm64/v8", "linux/arm64")]
    [InlineData("linux/arm64/8", "linux/arm64")]
    [InlineData("linux/arm64/9.0", "linux/arm64/v9")]
    [InlineData("linux/armhf", "linux/arm/v7")]
    [InlineData("linux/armel", "linux/arm/v6")]
    [InlineData("linux/arm", "linux/arm/v7")]
    [InlineData("linux/arm/6", "linux/arm/v6")]
    [InlineData("linux/i386", "linux/386")]
    [InlineData("macos/arm64", "darwin/arm64")]
    [InlineData("windows/amd64", "windows/amd64")]
    [InlineData("linux/riscv64", "linux/riscv64")]
    [InlineData(" linux/s390x ", "linux/s390x")]
    public void Parses_and_normalizes_like_containerd(string text, string expected)
        => Assert.Equal(expected, Platform.Parse(text).ToString());

    [Theory]
    [InlineData("", "platform is empty")]
    [InlineData("linux", "expected os/arch[/variant]")]
    [InlineData("linux/amd64/v2/x", "expected os/arch[/variant]")]
    [InlineData("linux//v7", "the architecture is empty")]
    [InlineData("/amd64", "the os is empty")]
    [InlineData("linux/amd64/", "the variant is empty")]
    [InlineData("linux/am d64", "the architecture \"am d64\" contains ' '")]
    [InlineData("$TARGETPLATFORM", "expected os/arch[/variant]")]
    public void Rejects_with_a_reason(string text, string expected)
    {
        Assert.False(Platform.TryParse(text, out var platform, out var error));
        Assert.Null(platform);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Equal(error, Assert.Throws<FormatException>(() => Platform.Parse(text)).Message);
    }

    [Theory]
    [InlineData("linux/arm64", "linux", "arm64", "v8", true)]
    [InlineData("linux/arm64", "linux", "arm64", null, true)]
    [InlineData("linux/arm64/v8", "linux", "aarch64", null, true)]
    [InlineData("linux/arm", "linux", "arm", "v7", true)]
    [InlineData("linux/arm", "linux", "arm", null, true)]
    [InlineData("linux/arm/v7", "linux", "arm", null, true)]
    [InlineData("linux/arm/v6", "linux", "arm", "v7", false)]
    [InlineData("linux/arm/v7", "linux", "arm", "v6", false)]
    [InlineData("linux/amd64", "linux", "amd64", null, true)]
    [InlineData("linux/amd64", "linux", "x86_64", null, true)]
    [InlineData("linux/amd64", "linux", "amd64", "v3", false)]
    [InlineData("linux/amd64", "windows", "amd64", null, false)]
    [InlineData("linux/amd64", "linux", "arm64", null, false)]
    [InlineData("linux/arm64", "linux", "arm", "v8", false)]
    [InlineData("linux/amd64", "unknown", "unknown", null, false)]
    public void Matches_index_entries(string wanted, string os, string architecture, string? variant, bool expected)
        => Assert.Equal(expected, Platform.Parse(wanted).Matches(new Platform(os, architecture, variant)));

    [Fact]
    public void Normalized_platforms_are_equal_records()
    {
        Assert.Equal(Platform.LinuxAmd64, Platform.Parse("linux/x86_64"));
        Assert.Equal(new Platform("linux", "arm", "v7"), new Platform("LINUX", "armhf").Normalized());
    }
}
