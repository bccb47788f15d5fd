using RefreshBot.Domain.Reports.Weekly;

namespace RefreshBot.Adapters.Reports;

/// <summary>The weekly digest as one self-contained HTML page (work in progress).</summary>
public static class WeeklyDigestHtml
{
    public static string Render(WeeklyDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        throw new NotImplementedException();
    }
}
