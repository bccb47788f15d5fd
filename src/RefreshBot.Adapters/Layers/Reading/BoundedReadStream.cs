using RefreshBot.Adapters.Streams;

namespace RefreshBot.Adapters.Layers.Reading;

/// <summary>
/// A forward-only reader that counts what passes through, fails once more than <see cref="Limit"/> bytes
/// were read (the decompressed-size cap that turns a gzip bomb into an error), and remembers whether the
/// end of the underlying stream was reached. Does not own the underlying stream.
/// </summary>
internal sealed class BoundedReadStream(Stream inner, long limit, string what) : ForwardOnlyReadStream
{
    public long Limit => limit;

    public long BytesRead { get; private set; }

    public bool ReachedEnd { get; private set; }

    protected override long ReadPosition => BytesRead;

    public override int Read(Span<byte> buffer) => Account(inner.Read(buffer), buffer.Length);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Account(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false), buffer.Length);

    /// <summary>Reads and discards the rest (still counted against the limit).</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        while (await ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
        {
        }
    }

    private int Account(int read, int requested)
    {
        if (read == 0)
        {
            // a zero-length request (TarReader makes them) says nothing about the end
            ReachedEnd |= requested > 0;
            return 0;
        }

        BytesRead += read;
        return BytesRead > limit
            ? throw new LayerReadException($"{what} is larger than the {limit} byte limit (gzip bomb?)")
            : read;
    }
}
