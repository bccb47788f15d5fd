namespace RefreshBot.Domain.Reports.Weekly;

/// <summary>The weekly digest as Text (work in progress).</summary>
public static class WeeklyDigestText
{
    public static string Render(WeeklyDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        throw new NotImplementedException();
    }
}
