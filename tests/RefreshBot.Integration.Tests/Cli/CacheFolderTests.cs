using RefreshBot.Host.Cli;

namespace RefreshBot.Integration.Tests.Cli;

/// <summary>Where the cache lives when <c>--cache-dir</c> is not given.</summary>
public sealed class CacheFolderTests
{
    [Theory]
    [InlineData("/srv/cache", "/xdg", "/home/bot", "/srv/cache")]
    [InlineData(null, "/xdg", "/home/bot", "/xdg/refreshbot")]
    [InlineData("", "/xdg", "/home/bot", "/xdg/refreshbot")]
    [InlineData(null, null, "/home/bot", "/home/bot/.cache/refreshbot")]
    [InlineData(null, "relative/xdg", "/home/bot", "/home/bot/.cache/refreshbot")]
    [InlineData(null, null, "", null)]
    public void Explicit_variable_then_XDG_then_home(string? refreshbot, string? xdg, string home, string? expected)
    {
        var environment = new Dictionary<string, string?> { [CacheFolder.EnvironmentVariable] = refreshbot, ["XDG_CACHE_HOME"] = xdg };

        Assert.Equal(expected, CacheFolder.Default(name => environment.GetValueOrDefault(name), home));
    }
}
