namespace RefreshBot.Host.Config;

/// <summary>
/// The event endpoints (<c>events:</c>). Each endpoint is served only when its secret is configured; events only make
/// refresh jobs run sooner, at most once per <see cref="Debounce"/> per repository.
/// </summary>
/// <param name="Debounce">How long a requested early run waits for more requests before it runs (default 30 s).</param>
/// <param name="Registry"><c>POST /events/registry</c> (registry push notifications); null: not served.</param>
/// <param name="GitHubSecret"><c>POST /events/github</c>: the webhook secret that signs <c>X-Hub-Signature-256</c>; null: not served.</param>
/// <param name="TriggerToken"><c>POST /trigger</c>: the bearer token; null: not served.</param>
public sealed record EventSettings(TimeSpan Debounce, RegistryEventSettings? Registry, SecretText? GitHubSecret, SecretText? TriggerToken)
{
    public static readonly TimeSpan DefaultDebounce = TimeSpan.FromSeconds(30);

    public static readonly EventSettings Disabled = new(DefaultDebounce, null, null, null);
}

/// <summary>Registry notifications carry <paramref name="Secret"/> as the whole value of <paramref name="Header"/>.</summary>
/// <param name="Header">The request header holding the shared secret (default <c>Authorization</c>).</param>
/// <param name="Secret">The shared secret (the header's exact value).</param>
public sealed record RegistryEventSettings(string Header, SecretText Secret)
{
    public const string DefaultHeader = "Authorization";
}
