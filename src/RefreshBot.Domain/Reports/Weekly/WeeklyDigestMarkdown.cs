namespace RefreshBot.Domain.Reports.Weekly;

/// <summary>The weekly digest as Markdown (work in progress).</summary>
public static class WeeklyDigestMarkdown
{
    public static string Render(WeeklyDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        throw new NotImplementedException();
    }
}
