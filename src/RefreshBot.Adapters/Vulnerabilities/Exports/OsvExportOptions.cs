using RefreshBot.Domain.Vulnerabilities.Ecosystems;

namespace RefreshBot.Adapters.Vulnerabilities.Exports;

/// <summary>
/// Where OSV's bulk exports come from (<c>{BaseUrl}{Ecosystem}/all.zip</c>) and how large one may be.
/// </summary>
public sealed record OsvExportOptions(Uri BaseUrl, long MaxBytes)
{
    /// <summary>osv.dev's public bucket of bulk exports.</summary>
    public static readonly Uri DefaultBaseUrl = new("https://osv-vulnerabilities.storage.googleapis.com/");

    /// <summary>Ubuntu's export is the largest of the OS ones (hundreds of MB); 4 GiB leaves room and still stops a runaway.</summary>
    public const long DefaultMaxBytes = 4L * 1024 * 1024 * 1024;

    public static readonly OsvExportOptions Default = new(DefaultBaseUrl, DefaultMaxBytes);

    /// <summary>The export folder of every OS family RefreshBot matches: Debian, Ubuntu, Alpine, Red Hat, Rocky Linux, AlmaLinux.</summary>
    public static IReadOnlyList<string> DefaultEcosystems { get; } =
        [.. Enum.GetValues<OsFamily>().Select(family => new OsEcosystem(family, null).Name)];

    /// <summary>The base URL with a trailing slash, so relative paths append rather than replace its last segment.</summary>
    public Uri NormalizedBaseUrl => BaseUrl.AbsoluteUri.EndsWith('/') ? BaseUrl : new Uri(BaseUrl.AbsoluteUri + "/");
}
