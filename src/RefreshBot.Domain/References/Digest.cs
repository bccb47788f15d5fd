using System.Buffers;
using System.Security.Cryptography;

namespace RefreshBot.Domain.References;

/// <summary>
/// A content digest <c>algorithm:encoded</c> (OCI image-spec descriptor grammar).
/// </summary>
/// <remarks>
/// <para>Grammar (OCI image-spec, descriptor.md):
/// <c>algorithm-component ([+._-] algorithm-component)* ":" [a-zA-Z0-9=_-]+</c>, with
/// <c>algorithm-component = [a-z0-9]+</c>.</para>
/// <para>Only the algorithms RefreshBot can verify are accepted: <c>sha256</c> (64 lowercase hex)
/// and <c>sha512</c> (128 lowercase hex). A digest that is grammatically valid but uses another
/// algorithm (<c>blake3:…</c>, <c>sha256+b64u:…</c>, <c>multihash+base58:…</c>) is rejected with an
/// "unsupported digest algorithm" error, as go-digest does: a digest we cannot recompute cannot be
/// used to verify bytes fetched from a registry, and comparing it would be guesswork.</para>
/// </remarks>
public readonly record struct Digest(string Algorithm, string Encoded)
{
    public const string Sha256 = "sha256";
    public const string Sha512 = "sha512";

    internal static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    private static readonly SearchValues<char> EncodedChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789=_-");

    /// <summary>Parses a digest; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static Digest Parse(string text)
        => TryParse(text, out var digest, out var error) ? digest : throw new FormatException(error);

    public static bool TryParse(string text, out Digest digest, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, 0, text.Length, out digest, out error);
    }

    /// <summary>Parses <c>text[start..start+length]</c>; used by the reference parser to avoid a substring.</summary>
    internal static bool TryParse(string text, int start, int length, out Digest digest, out string? error)
    {
        digest = default;
        var span = text.AsSpan(start, length);
        if (span.IsEmpty)
        {
            error = "digest is empty";
            return false;
        }

        var colon = span.IndexOf(':');
        if (colon < 0)
        {
            error = $"invalid digest format \"{Shorten(span)}\": expected algorithm:encoded (e.g. sha256:<64 hex>)";
            return false;
        }

        var algorithm = span[..colon];
        var encoded = span[(colon + 1)..];
        if (!IsAlgorithmGrammar(algorithm, out var algorithmProblem))
        {
            error = $"invalid digest format \"{Shorten(span)}\": {algorithmProblem}";
            return false;
        }

        if (!IsEncodedGrammar(encoded, out var encodedProblem))
        {
            error = $"invalid digest format \"{Shorten(span)}\": {encodedProblem}";
            return false;
        }

        int expectedLength;
        string algorithmName;
        if (algorithm.SequenceEqual(Sha256))
        {
            expectedLength = 64;
            algorithmName = Sha256;
        }
        else if (algorithm.SequenceEqual(Sha512))
        {
            expectedLength = 128;
            algorithmName = Sha512;
        }
        else
        {
            error = $"unsupported digest algorithm \"{algorithm}\" in \"{Shorten(span)}\" (supported: sha256, sha512)";
            return false;
        }

        if (encoded.Length != expectedLength)
        {
            error = $"invalid checksum digest length in \"{Shorten(span)}\": {algorithmName} needs {expectedLength} hex characters, found {encoded.Length}";
            return false;
        }

        var bad = encoded.IndexOfAnyExcept(LowerHex);
        if (bad >= 0)
        {
            error = $"invalid digest format \"{Shorten(span)}\": {algorithmName} must be lowercase hex, found '{encoded[bad]}' at position {colon + 1 + bad + 1}";
            return false;
        }

        digest = new Digest(algorithmName, encoded.ToString());
        error = null;
        return true;
    }

    /// <summary>SHA-256 digest of the given bytes.</summary>
    public static Digest Sha256Of(ReadOnlySpan<byte> content)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(content, hash);
        return new Digest(Sha256, Convert.ToHexStringLower(hash));
    }

    /// <summary>SHA-512 digest of the given bytes.</summary>
    public static Digest Sha512Of(ReadOnlySpan<byte> content)
    {
        Span<byte> hash = stackalloc byte[SHA512.HashSizeInBytes];
        SHA512.HashData(content, hash);
        return new Digest(Sha512, Convert.ToHexStringLower(hash));
    }

    /// <summary>
    /// True when <paramref name="content"/> hashes to this digest (sha256, sha512).
    /// False for any other algorithm (such a digest cannot be produced by <see cref="Parse"/>).
    /// </summary>
    public bool Matches(ReadOnlySpan<byte> content)
    {
        Span<byte> hash = stackalloc byte[SHA512.HashSizeInBytes];
        int written;
        if (Algorithm == Sha256)
        {
            written = SHA256.HashData(content, hash);
        }
        else if (Algorithm == Sha512)
        {
            written = SHA512.HashData(content, hash);
        }
        else
        {
            return false;
        }

        Span<char> hex = stackalloc char[SHA512.HashSizeInBytes * 2];
        if (!Convert.TryToHexStringLower(hash[..written], hex, out var chars))
        {
            return false;
        }

        return hex[..chars].SequenceEqual(Encoded);
    }

    public override string ToString() => Algorithm + ":" + Encoded;

    private static bool IsAlgorithmGrammar(ReadOnlySpan<char> algorithm, out string? problem)
    {
        if (algorithm.IsEmpty)
        {
            problem = "the algorithm before ':' is missing";
            return false;
        }

        var componentLength = 0;
        for (var i = 0; i < algorithm.Length; i++)
        {
            var c = algorithm[i];
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                componentLength++;
                continue;
            }

            if (c is '+' or '.' or '_' or '-')
            {
                if (componentLength == 0)
                {
                    problem = $"algorithm \"{algorithm}\" has a separator '{c}' at position {i + 1} not preceded by a lowercase letter or digit";
                    return false;
                }

                componentLength = 0;
                continue;
            }

            problem = $"algorithm \"{algorithm}\" may only contain lowercase letters, digits and + . _ - (found '{c}' at position {i + 1})";
            return false;
        }

        if (componentLength == 0)
        {
            problem = $"algorithm \"{algorithm}\" ends with a separator";
            return false;
        }

        problem = null;
        return true;
    }

    private static bool IsEncodedGrammar(ReadOnlySpan<char> encoded, out string? problem)
    {
        if (encoded.IsEmpty)
        {
            problem = "the encoded hash after ':' is missing";
            return false;
        }

        var bad = encoded.IndexOfAnyExcept(EncodedChars);
        if (bad >= 0)
        {
            problem = $"encoded hash contains '{encoded[bad]}' (allowed: letters, digits, = _ -)";
            return false;
        }

        problem = null;
        return true;
    }

    private static string Shorten(ReadOnlySpan<char> text)
        => text.Length <= 160 ? text.ToString() : string.Concat(text[..157], "...");
}
