namespace RefreshBot.Domain.Reports.Weekly;

/// <summary>The weekly digest as Json (work in progress).</summary>
public static class WeeklyDigestJson
{
    public static string Render(WeeklyDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        throw new NotImplementedException();
    }
}
