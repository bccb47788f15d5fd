using System.Buffers;
using System.Security.Cryptography;
using RefreshBot.Application.Ports;
using RefreshBot.Domain.References;
using RefreshBot.Adapters.Streams;

namespace RefreshBot.Adapters.Registry.Blobs;

/// <summary>
/// A read-only, forward-only view of a blob body that hashes as it goes and verifies the digest when the
/// body ends (a mismatch throws instead of reporting end of stream). Each read must make progress within
/// <paramref name="idle"/>; a stalled body and transport failures while reading become <see cref="RegistryException"/>
/// (Transient). Owns the response.
/// </summary>
internal sealed class VerifiedBlobStream(
    HttpResponseMessage response, Stream body, Digest digest, string registry, string display, TimeSpan idle) : ForwardOnlyReadStream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(
        digest.Algorithm == Digest.Sha512 ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256);

    private bool _verified;

    public long BytesRead { get; private set; }

    protected override long ReadPosition => BytesRead;

    /// <summary>Synchronous readers (e.g. a decompressor read synchronously) get the same idle timeout: a response
    /// body's synchronous read cannot be cancelled, so this waits for the asynchronous one.</summary>
    public override int Read(Span<byte> buffer)
    {
        var rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            var read = ReadAsync(rented.AsMemory(0, buffer.Length)).AsTask().GetAwaiter().GetResult();
            rented.AsSpan(0, read).CopyTo(buffer);
            return read;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        try
        {
            read = await IdleRead.ReadAsync(body, buffer, idle, cancellationToken).ConfigureAwait(false);
        }
        catch (IdleReadTimeoutException e)
        {
            throw new RegistryException(RegistryErrorKind.Transient, registry, display,
                $"{e.Message} while reading the blob after {BytesRead} bytes", e.InnerException as OperationCanceledException);
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
