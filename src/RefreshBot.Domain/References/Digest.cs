namespace RefreshBot.Domain.References;

/// <summary>
/// A content digest <c>algorithm:encoded</c> (OCI image-spec descriptor grammar).
/// CONTRACT (shape fixed; implementation owned by the references work item).
/// </summary>
public readonly record struct Digest(string Algorithm, string Encoded)
{
    public static Digest Parse(string text) => throw new NotImplementedException();

    public static bool TryParse(string text, out Digest digest, out string? error) => throw new NotImplementedException();

    /// <summary>SHA-256 digest of the given bytes.</summary>
    public static Digest Sha256Of(ReadOnlySpan<byte> content) => throw new NotImplementedException();

    /// <summary>True when <paramref name="content"/> hashes to this digest (sha256, sha512).</summary>
    public bool Matches(ReadOnlySpan<byte> content) => throw new NotImplementedException();

    public override string ToString() => Algorithm + ":" + Encoded;
}
