namespace RefreshBot.Integration.Tests.GitHub;

/// <summary>Real time plus an offset the test moves forward (shared by the code host and the fake GitHub).</summary>
public sealed class SettableTimeProvider : TimeProvider
{
    private TimeSpan _offset;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _offset;

    public void Advance(TimeSpan by) => _offset += by;
}
