using System.Buffers.Binary;
using System.Text;
using RefreshBot.Domain.Packages;

namespace RefreshBot.Domain.Tests.Packages;

/// <summary>Writes rpm header blobs in the documented format (index entries, then the data store), for tests.</summary>
internal sealed class RpmHeaderBlob
{
    private readonly List<(int Tag, uint Type, int Offset, uint Count)> _entries = [];
    private readonly List<byte> _data = [];

    public RpmHeaderBlob String(int tag, string value, uint type = RpmHeader.TypeString)
    {
        _entries.Add((tag, type, _data.Count, 1));
        _data.AddRange(Encoding.UTF8.GetBytes(value));
        _data.Add(0);
        return this;
    }

    public RpmHeaderBlob Int32(int tag, int value)
    {
        while (_data.Count % 4 != 0)
        {
            _data.Add(0);
        }

        _entries.Add((tag, RpmHeader.TypeInt32, _data.Count, 1));
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        _data.AddRange(bytes);
        return this;
    }

    public RpmHeaderBlob Raw(int tag, uint type, int offset, uint count)
    {
        _entries.Add((tag, type, offset, count));
        return this;
    }

    public static RpmHeaderBlob Package(string name, string version, string release) =>
        new RpmHeaderBlob().String(RpmHeader.TagName, name).String(RpmHeader.TagVersion, version).String(RpmHeader.TagRelease, release);

    public byte[] ToArray()
    {
        var blob = new byte[8 + (_entries.Count * 16) + _data.Count];
        BinaryPrimitives.WriteInt32BigEndian(blob, _entries.Count);
        BinaryPrimitives.WriteInt32BigEndian(blob.AsSpan(4), _data.Count);
        for (var i = 0; i < _entries.Count; i++)
        {
            var entry = blob.AsSpan(8 + (i * 16));
            BinaryPrimitives.WriteInt32BigEndian(entry, _entries[i].Tag);
            BinaryPrimitives.WriteUInt32BigEndian(entry[4..], _entries[i].Type);
            BinaryPrimitives.WriteInt32BigEndian(entry[8..], _entries[i].Offset);
            BinaryPrimitives.WriteUInt32BigEndian(entry[12..], _entries[i].Count);
        }

        _data.CopyTo(blob, 8 + (_entries.Count * 16));
        return blob;
    }
}
