using System.Text;
using RefreshBot.Adapters.Caching;
using RefreshBot.Application.Reporting.Publishing;
using RefreshBot.Domain.Reports.Weekly;

namespace RefreshBot.Adapters.Reports.Pages;

/// <summary>
/// The digest's HTML page (<see cref="WeeklyDigestHtml"/>) written to <c>&lt;folder&gt;/refreshbot-digest-2026-W48.html</c>,
/// one file per week, replaced atomically on a re-run (<c>digest.html.dir</c>).
/// </summary>
/// <param name="html">The renderer (<see cref="WeeklyDigestHtml.Render"/> in production).</param>
public sealed class DigestPageFolder(string folder, Func<WeeklyDigest, string> html) : IDigestChannel
{
    public string Name => "html";

    public static string FileName(IsoWeek week) => $"refreshbot-digest-{week}.html";

    public async Task<string> PublishAsync(WeeklyDigest digest, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, FileName(digest.Week));
        await AtomicFile.WriteAsync(path, Encoding.UTF8.GetBytes(html(digest)), cancellationToken).ConfigureAwait(false);
        return path;
    }
}
