namespace RefreshBot.Testing.Registry;

/// <summary>
/// A notification endpoint of the registry's config (<c>notifications.endpoints</c>): every event is POSTed to
/// <paramref name="Url"/> with <paramref name="Header"/>: <paramref name="Value"/>; a failed delivery is retried after a second.
/// </summary>
public sealed record RegistryNotifications(Uri Url, string Header, string Value)
{
    internal string ConfigSection() => $"""
        notifications:
          endpoints:
            - name: refreshbot
              url: {Url.AbsoluteUri}
              headers:
                {Header}: ["{Value}"]
              timeout: 5s
              threshold: 3
              backoff: 1s
        """;
}
