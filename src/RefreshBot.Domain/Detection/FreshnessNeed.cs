namespace RefreshBot.Domain.Detection;

/// <summary>The next fact the decision needs from the registry.</summary>
public enum FreshnessNeed
{
    /// <summary>HEAD of the tag (one per unique image:tag per check).</summary>
    Tag,

    /// <summary>GET of the tag's current index (content-addressed: cache by digest), then select the platform.</summary>
    CurrentIndex,

    /// <summary>HEAD of the pinned digest, to learn whether the pin is an index or a platform manifest.</summary>
    Pinned,

    /// <summary>GET of the pinned index (content-addressed), then select the platform.</summary>
    PinnedIndex,
}

/// <summary>Either a verdict, or the next fact needed to reach one.</summary>
public sealed record FreshnessStep(Freshness? Verdict, FreshnessNeed? Need)
{
    public static FreshnessStep Done(Freshness verdict) => new(verdict, null);

    public static FreshnessStep Ask(FreshnessNeed need) => new(null, need);
}
