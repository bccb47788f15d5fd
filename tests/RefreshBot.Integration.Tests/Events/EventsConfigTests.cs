using RefreshBot.Host.Config;
using RefreshBot.Integration.Tests.Config;

namespace RefreshBot.Integration.Tests.Events;

/// <summary>The <c>events:</c> section: defaults, secrets from the environment and files, never as text.</summary>
public sealed class EventsConfigTests : IDisposable
{
    private readonly ConfigFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Without_an_events_section_no_endpoint_is_served()
    {
        var config = _folder.Load("defaults:\n  grouping: image\n");

        Assert.Same(EventSettings.Disabled, config.Events);
        Assert.Equal(TimeSpan.FromSeconds(30), config.Events.Debounce);
        Assert.Null(config.Events.Registry);
        Assert.Null(config.Events.GitHubSecret);
        Assert.Null(config.Events.TriggerToken);
    }

    [Fact]
    public void Every_endpoint_with_its_secret_and_the_debounce()
    {
        _folder.Environment["WEBHOOK_SECRET"] = "whsec-s3cret";
        _folder.Environment["TRIGGER_TOKEN"] = "trigger-s3cret";
        File.WriteAllText(Path.Combine(_folder.Root, "registry-secret.txt"), "Bearer reg-s3cret\n");

        var config = _folder.Load("""
            events:
              debounce: 2m
              registry:
                header: X-Registry-Secret
                secret: ${file:registry-secret.txt}
              github:
                secret: ${env:WEBHOOK_SECRET}
              trigger:
                token: ${env:TRIGGER_TOKEN}
            """);

        Assert.Equal(TimeSpan.FromMinutes(2), config.Events.Debounce);
        Assert.Equal("X-Registry-Secret", config.Events.Registry!.Header);
        Assert.Equal("Bearer reg-s3cret", config.Events.Registry.Secret.Reveal());
        Assert.Equal("whsec-s3cret", config.Events.GitHubSecret!.Reveal());
        Assert.Equal("trigger-s3cret", config.Events.TriggerToken!.Reveal());
        Assert.DoesNotContain("s3cret", config.Events.ToString());
    }

    [Fact]
    public void The_registry_header_defaults_to_Authorization_and_debounce_0_is_none()
    {
        var config = _folder.Load("events:\n  debounce: 0\n  registry:\n    secret: ${env:REG_PASSWORD}\n");

        Assert.Equal(TimeSpan.Zero, config.Events.Debounce);
        Assert.Equal("Authorization", config.Events.Registry!.Header);
        Assert.Null(config.Events.GitHubSecret);
    }
}
