namespace RefreshBot.Domain.Versions;

internal sealed class DpkgVersionOrdering : IVersionOrdering
{
    public string Name => "dpkg";

    public bool TryCompare(string a, string b, out int result) => throw new NotImplementedException();

    public bool IsValid(string version) => throw new NotImplementedException();
}

internal sealed class ApkVersionOrdering : IVersionOrdering
{
    public string Name => "apk";

    public bool TryCompare(string a, string b, out int result) => throw new NotImplementedException();

    public bool IsValid(string version) => throw new NotImplementedException();
}

internal sealed class RpmVersionOrdering : IVersionOrdering
{
    public string Name => "rpm";

    public bool TryCompare(string a, string b, out int result) => throw new NotImplementedException();

    public bool IsValid(string version) => throw new NotImplementedException();
}
