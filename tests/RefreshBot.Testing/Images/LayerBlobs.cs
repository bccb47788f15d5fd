using System.Formats.Tar;
using System.IO.Compression;

namespace RefreshBot.Testing.Images;

/// <summary>Layer blobs, good and bad: gzip of a tar, a truncated gzip, a gzip bomb.</summary>
public static class LayerBlobs
{
    public static byte[] Gzip(byte[] tar)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(tar);
        }

        return output.ToArray();
    }

    /// <summary>The first <paramref name="fraction"/> of a gzip blob: a valid start, no end.</summary>
    public static byte[] Truncated(byte[] gzip, double fraction = 0.5) => gzip[..(int)(gzip.Length * fraction)];

    /// <summary>
    /// A gzip bomb: a tar whose single file <paramref name="entryName"/> claims <paramref name="decompressedBytes"/>
    /// of zeros, written as many identical gzip members (each 1 MiB of zeros, about 1 KiB compressed), so it is
    /// cheap to build and about 1000 times smaller than what it expands to.
    /// </summary>
    public static byte[] Bomb(long decompressedBytes, string entryName = "junk/zeros.bin")
    {
        const int Chunk = 1024 * 1024;
        using var header = new MemoryStream();
        using (var writer = new TarWriter(header, TarEntryFormat.Ustar, leaveOpen: true))
        {
            // write just the header: a zero-length entry, then patch its size field (octal, 12 bytes at offset 124)
            writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, entryName) { ModificationTime = DateTimeOffset.UnixEpoch });
        }

        var headerBlock = header.ToArray()[..512];
        var size = Convert.ToString(decompressedBytes, 8).PadLeft(11, '0') + "\0";
        System.Text.Encoding.ASCII.GetBytes(size).CopyTo(headerBlock, 124);
        var checksum = 0;
        for (var i = 0; i < 512; i++)
        {
            checksum += i is >= 148 and < 156 ? ' ' : headerBlock[i];
        }

        System.Text.Encoding.ASCII.GetBytes(Convert.ToString(checksum, 8).PadLeft(6, '0') + "\0 ").CopyTo(headerBlock, 148);

        var zeros = Gzip(new byte[Chunk]);
        using var bomb = new MemoryStream();
        bomb.Write(Gzip(headerBlock));
        for (long written = 0; written < decompressedBytes + 1024; written += Chunk)
        {
            bomb.Write(zeros);
        }

        return bomb.ToArray();
    }
}
