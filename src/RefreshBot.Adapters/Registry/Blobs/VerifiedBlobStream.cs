using System.Security.Cryptography;
using RefreshBot.Application.Ports;
using RefreshBot.Domain.References;
using RefreshBot.Adapters.Streams;

namespace RefreshBot.Adapters.Registry.Blobs;

/// <summary>
/// A read-only, forward-only view of a blob body that hashes as it goes and verifies the digest when the
/// body ends (a mismatch throws instead of reporting end of stream). Transport failures while reading
/// become <see cref="RegistryException"/> (Transient). Owns the response.
/// </summary>
internal sealed class VerifiedBlobStream(HttpResponseMessage response, Stream body, Digest digest, string registry, string display) : ForwardOnlyReadStream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(
        digest.Algorithm == Digest.Sha512 ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256);

    private bool _verified;

    public long BytesRead { get; private set; }

    protected override long ReadPosition => BytesRead;

    public override int Read(Span<byte> buffer)
    {
        int read;
        try
        {
            read = body.Read(buffer);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw Broken(e);
        }

        return Account(buffer[..read]);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        try
        {
            read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw Broken(e);
        }

        return Account(buffer.Span[..read]);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            body.Dispose();
            response.Dispose();
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Account(ReadOnlySpan<byte> chunk)
    {
        if (chunk.Length > 0)
        {
            BytesRead += chunk.Length;
            _hash.AppendData(chunk);
            return chunk.Length;
        }

        if (!_verified)
        {
            var actual = new Digest(digest.Algorithm, Convert.ToHexStringLower(_hash.GetHashAndReset()));
            if (actual != digest)
            {
                throw new RegistryException(RegistryErrorKind.Invalid, registry, display,
                    $"blob bytes ({BytesRead} bytes) hash to {actual}, not to the digest asked for");
            }

            _verified = true;
        }

        return 0;
    }

    private RegistryException Broken(Exception e) =>
        new(RegistryErrorKind.Transient, registry, display, $"connection failed while reading the blob after {BytesRead} bytes", e);
}
