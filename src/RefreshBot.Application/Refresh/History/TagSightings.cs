namespace RefreshBot.Application.Refresh.History;

/// <summary>The digest a tag pointed at when last recorded (for one platform key).</summary>
/// <param name="FirstSeen">When that digest was first seen behind the tag.</param>
/// <param name="LastSeen">When the tag was last seen pointing at it.</param>
public sealed record LastDigest(string Digest, DateTimeOffset FirstSeen, DateTimeOffset LastSeen);

/// <summary>What recording one sighting of a tag found.</summary>
/// <param name="FirstSeen">When the sighting's digest was first seen behind the tag.</param>
/// <param name="Previous">The tag's last recorded digest when it was a different one (the tag moved: drift); else null.</param>
public sealed record TagSighting(DateTimeOffset FirstSeen, LastDigest? Previous)
{
    public bool Drifted => Previous is not null;
}

/// <summary>A tag that moved between two sightings (an unpinned reference drifted), for the history and the weekly digest.</summary>
/// <param name="Platform">The platform key of the sightings (as <see cref="DigestSighting.Platform"/>).</param>
/// <param name="From">The last recorded digest before the move.</param>
/// <param name="To">The digest the tag pointed at when the move was seen.</param>
public sealed record RecordedDrift(string Image, string Tag, string Platform, string From, string To, DateTimeOffset Detected);
