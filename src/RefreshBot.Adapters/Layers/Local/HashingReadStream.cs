using System.Security.Cryptography;
using RefreshBot.Adapters.Streams;

namespace RefreshBot.Adapters.Layers.Local;

/// <summary>Passes bytes through, adding each to a hash.</summary>
internal sealed class HashingReadStream(Stream inner, IncrementalHash hash) : ForwardOnlyReadStream
{
    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        hash.AppendData(buffer[..read]);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        hash.AppendData(buffer.Span[..read]);
        return read;
    }
}
