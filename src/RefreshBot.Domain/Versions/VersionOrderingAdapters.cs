namespace RefreshBot.Domain.Versions;

/// <summary>dpkg: compares what <c>dpkg --compare-versions</c> accepts; valid = no warning either.</summary>
internal sealed class DpkgVersionOrdering : IVersionOrdering
{
    public string Name => "dpkg";

    public bool TryCompare(string a, string b, out int result)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return DpkgVersion.TryCompare(a, b, out result);
    }

    public bool IsValid(string version) => version is not null && DpkgVersion.IsValid(version);
}

/// <summary>apk: compares like apk (anything but an empty string); valid = <c>apk_version_validate</c>.</summary>
internal sealed class ApkVersionOrdering : IVersionOrdering
{
    public string Name => "apk";

    public bool TryCompare(string a, string b, out int result)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Length == 0 || b.Length == 0)
        {
            result = 0;
            return false;
        }

        result = ApkVersion.Compare(a, b);
        return true;
    }

    public bool IsValid(string version) => version is not null && ApkVersion.IsValid(version);
}

/// <summary>rpm: EVR comparison of any non-empty string; valid as <see cref="RpmVersion.IsValid"/>.</summary>
internal sealed class RpmVersionOrdering : IVersionOrdering
{
    public string Name => "rpm";

    public bool TryCompare(string a, string b, out int result)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Length == 0 || b.Length == 0)
        {
            result = 0;
            return false;
        }

        result = RpmVersion.Compare(a, b);
        return true;
    }

    public bool IsValid(string version) => version is not null && RpmVersion.IsValid(version);
}
