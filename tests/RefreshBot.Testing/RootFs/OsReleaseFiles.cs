namespace RefreshBot.Testing.RootFs;

/// <summary><c>os-release</c> contents as the distributions ship them.</summary>
public static class OsReleaseFiles
{
    public static string Debian(string versionId = "12", string codename = "bookworm") =>
        $"""
        PRETTY_NAME="Debian GNU/Linux {versionId} ({codename})"
        NAME="Debian GNU/Linux"
        VERSION_ID="{versionId}"
        VERSION="{versionId} ({codename})"
        VERSION_CODENAME={codename}
        ID=debian
        HOME_URL="https://www.debian.org/"
        SUPPORT_URL="https://www.debian.org/support"
        BUG_REPORT_URL="https://bugs.debian.org/"

        """;

    public static string Alpine(string versionId = "3.20.3") =>
        $"""
        NAME="Alpine Linux"
        ID=alpine
        VERSION_ID={versionId}
        PRETTY_NAME="Alpine Linux v{string.Join('.', versionId.Split('.').Take(2))}"
        HOME_URL="https://alpinelinux.org/"
        BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"

        """;
}
