using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace RefreshBot.Domain.Packages;

/// <summary>
/// The identity tags of one rpm header, as stored in the <c>Packages</c> table of <c>rpmdb.sqlite</c>.
/// Binary format (rpm's <c>lib/header.c</c>, big-endian): <c>int32 il</c> index entries, <c>int32 dl</c>
/// data bytes, then <c>il</c> entries of <c>{int32 tag, uint32 type, int32 offset, uint32 count}</c>,
/// then the data store. An optional 8-byte header magic (<c>8e ad e8 01 00 00 00 00</c>) is skipped.
/// </summary>
public sealed record RpmHeader(string Name, string Version, string Release, int? Epoch, string? Architecture, string? SourceRpm)
{
    public const int TagName = 1000;
    public const int TagVersion = 1001;
    public const int TagRelease = 1002;
    public const int TagEpoch = 1003;
    public const int TagArch = 1022;
    public const int TagSourceRpm = 1044;

    public const uint TypeInt32 = 4;
    public const uint TypeString = 6;
    public const uint TypeStringArray = 8;
    public const uint TypeI18nString = 9;

    /// <summary>rpm's own limits: <c>HEADER_TAGS_MAX</c> and <c>HEADER_DATA_MAX</c>.</summary>
    public const int MaxIndexEntries = 0xffff;
    public const int MaxDataLength = 0x0fffffff;

    private const int EntrySize = 16;
    private static ReadOnlySpan<byte> Magic => [0x8e, 0xad, 0xe8, 0x01, 0, 0, 0, 0];

    /// <summary><c>[epoch:]version-release</c>, the epoch shown when the header has one (as rpm's <c>%{EVR}</c>).</summary>
    public string FullVersion => Epoch is { } epoch ? $"{epoch}:{Version}-{Release}" : $"{Version}-{Release}";

    /// <summary>Imported signing keys are stored as pseudo-packages named <c>gpg-pubkey</c>.</summary>
    public bool IsPublicKey => Name == "gpg-pubkey";

    public InstalledPackage ToInstalledPackage()
    {
        var (sourceName, sourceVersion) = SplitSourceRpm(SourceRpm);
        return new InstalledPackage(
            Name,
            FullVersion,
            PackageFormat.Rpm,
            sourceName == Name ? null : sourceName,
            sourceVersion == $"{Version}-{Release}" ? null : sourceVersion,
            Architecture);
    }

    /// <summary>Reads the identity tags; false with a reason when the blob is malformed or lacks NAME/VERSION/RELEASE.</summary>
    public static bool TryParse(
        ReadOnlySpan<byte> blob,
        [NotNullWhen(true)] out RpmHeader? header,
        [NotNullWhen(false)] out string? problem,
        int maxFieldLength = 4096)
    {
        header = null;
        if (blob.StartsWith(Magic))
        {
            blob = blob[Magic.Length..];
        }

        if (blob.Length < 8)
        {
            problem = $"header of {blob.Length} bytes is truncated";
            return false;
        }

        var il = BinaryPrimitives.ReadInt32BigEndian(blob);
        var dl = BinaryPrimitives.ReadInt32BigEndian(blob[4..]);
        if (il is < 1 or > MaxIndexEntries || dl is < 0 or > MaxDataLength)
        {
            problem = $"header declares {il} entries and {dl} data bytes: not an rpm header";
            return false;
        }

        var dataStart = 8L + (long)il * EntrySize;
        if (dataStart + dl > blob.Length)
        {
            problem = $"header is truncated: {il} entries and {dl} data bytes need {dataStart + dl} bytes, blob has {blob.Length}";
            return false;
        }

        var index = blob[8..(int)dataStart];
        var data = blob.Slice((int)dataStart, dl);
        var fields = new RpmFields();
        for (var i = 0; i < il; i++)
        {
            var entry = index.Slice(i * EntrySize, EntrySize);
            var tag = BinaryPrimitives.ReadInt32BigEndian(entry);
            var type = BinaryPrimitives.ReadUInt32BigEndian(entry[4..]);
            var offset = BinaryPrimitives.ReadInt32BigEndian(entry[8..]);
            var count = BinaryPrimitives.ReadUInt32BigEndian(entry[12..]);
            if (!fields.Read(tag, type, offset, count, data, maxFieldLength, out problem))
            {
                return false;
            }
        }

        if (fields.Name is null || fields.Version is null || fields.Release is null)
        {
            problem = "header has no NAME, VERSION or RELEASE";
            return false;
        }

        header = new RpmHeader(fields.Name, fields.Version, fields.Release, fields.Epoch, fields.Arch, fields.SourceRpm);
        problem = null;
        return true;
    }

    /// <summary><c>openssl-3.0.7-27.el9.src.rpm</c> → (<c>openssl</c>, <c>3.0.7-27.el9</c>); nulls when not of that shape.</summary>
    public static (string? Name, string? Version) SplitSourceRpm(string? sourceRpm)
    {
        if (sourceRpm is null)
        {
            return (null, null);
        }

        var stem = sourceRpm.EndsWith(".src.rpm", StringComparison.Ordinal) ? sourceRpm[..^".src.rpm".Length]
            : sourceRpm.EndsWith(".nosrc.rpm", StringComparison.Ordinal) ? sourceRpm[..^".nosrc.rpm".Length]
            : null;
        var releaseDash = stem?.LastIndexOf('-') ?? -1;
        var versionDash = releaseDash > 0 ? stem!.LastIndexOf('-', releaseDash - 1) : -1;
        return versionDash > 0 ? (stem![..versionDash], stem[(versionDash + 1)..]) : (null, null);
    }

    /// <summary>The wanted tags found so far.</summary>
    private sealed class RpmFields
    {
        public string? Name { get; private set; }
        public string? Version { get; private set; }
        public string? Release { get; private set; }
        public int? Epoch { get; private set; }
        public string? Arch { get; private set; }
        public string? SourceRpm { get; private set; }

        public bool Read(int tag, uint type, int offset, uint count, ReadOnlySpan<byte> data, int maxLength, [NotNullWhen(false)] out string? problem)
        {
            problem = null;
            if (tag is not (TagName or TagVersion or TagRelease or TagEpoch or TagArch or TagSourceRpm))
            {
                return true;
            }

            if (offset < 0 || offset >= data.Length || count == 0)
            {
                problem = $"tag {tag}: offset {offset} or count {count} is outside the data store of {data.Length} bytes";
                return false;
            }

            if (tag == TagEpoch)
            {
                if (type != TypeInt32 || offset > data.Length - 4)
                {
                    problem = $"tag {tag}: expected an INT32 inside the data store";
                    return false;
                }

                Epoch = BinaryPrimitives.ReadInt32BigEndian(data[offset..]);
                return true;
            }

            if (type is not (TypeString or TypeStringArray or TypeI18nString))
            {
                problem = $"tag {tag}: type {type} is not a string";
                return false;
            }

            var rest = data[offset..];
            var end = rest.IndexOf((byte)0);
            if (end < 0)
            {
                problem = $"tag {tag}: string is not terminated inside the data store";
                return false;
            }

            if (end > maxLength * 4)
            {
                problem = $"tag {tag}: value longer than {maxLength} characters";
                return false;
            }

            var value = FieldValue.Accept(Encoding.UTF8.GetString(rest[..end]), maxLength, out var reason);
            if (reason is not null)
            {
                problem = $"tag {tag}: {reason}";
                return false;
            }

            switch (tag)
            {
                case TagName: Name = value; break;
                case TagVersion: Version = value; break;
                case TagRelease: Release = value; break;
                case TagArch: Arch = value; break;
                default: SourceRpm = value; break;
            }

            return true;
        }
    }
}
