using RefreshBot.Domain.Reports.Weekly;

namespace RefreshBot.Application.Reporting.Publishing;

/// <summary>The digest by e-mail: subject with the week, the text rendering and the HTML page as alternatives.</summary>
/// <param name="html">Renders the HTML page (an adapter: the page's chart library lives outside the domain).</param>
/// <param name="recipients">For the report line only.</param>
public sealed class MailDigestChannel(IDigestMail mail, Func<WeeklyDigest, string> html, IReadOnlyList<string> recipients) : IDigestChannel
{
    public string Name => "email";

    public static string Subject(WeeklyDigest digest) =>
        $"RefreshBot weekly digest {digest.Week}: {digest.Fleet.FullyFresh} of {digest.Fleet.RepositoriesTracked} repositories fresh, "
        + $"{digest.Fleet.OpenPullRequests} open refresh PRs";

    public async Task<string> PublishAsync(WeeklyDigest digest, CancellationToken cancellationToken)
    {
        var message = new DigestMessage(Subject(digest), WeeklyDigestText.Render(digest), html(digest));
        await mail.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return "mailed to " + string.Join(", ", recipients);
    }
}
