using CsCheck;

namespace RefreshBot.Domain.Tests.Fuzz;

/// <summary>
/// Generators that start from real inputs (the Vectors corpus) and damage them: bit flips, truncation, duplication
/// of a slice, deletion, insertion of characters parsers treat specially, splicing with another sample.
/// </summary>
public static class Mutations
{
    /// <summary>Characters and fragments with a meaning to at least one of the parsers under test.</summary>
    public static readonly string[] Specials =
    [
        "\0", "\\", "\n", "\r", "\r\n", "\t", " ", "$", "${", "}", "${A:-", "${A:+", "${A#", "\"", "'", "`", "[", "]", "{", "}",
        ":", "@", "#", "# escape=`\n", "<<EOF\n", "<<-'X'\n", "=", "-", "--", "~", "^", "+", ".", "/", "..", "*", ",",
        "\uFEFF", "\uD800", "\uDC00", "é", "\u202E", "\u0085", "\u2028", "&a ", "*a", "!!str ", "|", ">", "? ", "%",
        "sha256:", "@sha256:", "99999999999999999999999999", "-1", "1e309", "null", "true", "[]", "{}",
    ];

    /// <summary>Samples from <paramref name="corpus"/> with 0 to 8 random mutations applied.</summary>
    public static Gen<string> Of(IReadOnlyList<string> corpus) =>
        Gen.Int[0, corpus.Count - 1].SelectMany(index => Gen.Int[0, 8].SelectMany(count => Gen.Int.Select(seed =>
            Mutate(corpus[index], corpus, count, new Random(seed)))));

    /// <summary>Byte-level variant for binary or UTF-8 inputs (JSON documents).</summary>
    public static Gen<byte[]> OfBytes(IReadOnlyList<byte[]> corpus) =>
        Gen.Int[0, corpus.Count - 1].SelectMany(index => Gen.Int[0, 8].SelectMany(count => Gen.Int.Select(seed =>
            MutateBytes(corpus[index], corpus, count, new Random(seed)))));

    public static string Mutate(string text, IReadOnlyList<string> corpus, int count, Random random)
    {
        var chars = new List<char>(text);
        for (var n = 0; n < count; n++)
        {
            var at = chars.Count == 0 ? 0 : random.Next(chars.Count + 1);
            switch (random.Next(7))
            {
                case 0 when chars.Count > 0:
                    var flip = Math.Min(at, chars.Count - 1);
                    chars[flip] = (char)(chars[flip] ^ (1 << random.Next(16)));
                    break;
                case 1:
                    chars.RemoveRange(at, chars.Count - at);
                    break;
                case 2:
                    var length = random.Next(Math.Min(200, chars.Count - at) + 1);
                    var slice = chars.GetRange(at, length);
                    for (var repeat = random.Next(1, 4); repeat > 0; repeat--)
                    {
                        chars.InsertRange(at, slice);
                    }

                    break;
                case 3:
                    chars.RemoveRange(at, random.Next(Math.Min(50, chars.Count - at) + 1));
                    break;
                case 4:
                    var other = corpus[random.Next(corpus.Count)];
                    var from = random.Next(other.Length + 1);
                    chars.InsertRange(at, other.AsSpan(from, random.Next(Math.Min(300, other.Length - from) + 1)).ToArray());
                    break;
                default:
                    chars.InsertRange(at, Specials[random.Next(Specials.Length)]);
                    break;
            }
        }

        return new string([.. chars]);
    }

    public static byte[] MutateBytes(byte[] bytes, IReadOnlyList<byte[]> corpus, int count, Random random)
    {
        var data = new List<byte>(bytes);
        for (var n = 0; n < count; n++)
        {
            var at = data.Count == 0 ? 0 : random.Next(data.Count + 1);
            switch (random.Next(6))
            {
                case 0 when data.Count > 0:
                    var flip = Math.Min(at, data.Count - 1);
                    data[flip] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    data.RemoveRange(at, data.Count - at);
                    break;
                case 2:
                    var slice = data.GetRange(at, random.Next(Math.Min(400, data.Count - at) + 1));
                    data.InsertRange(at, slice);
                    break;
                case 3:
                    data.RemoveRange(at, random.Next(Math.Min(50, data.Count - at) + 1));
                    break;
                case 4:
                    var other = corpus[random.Next(corpus.Count)];
                    var from = random.Next(other.Length + 1);
                    data.InsertRange(at, other.AsSpan(from, random.Next(Math.Min(300, other.Length - from) + 1)).ToArray());
                    break;
                default:
                    data.InsertRange(at, System.Text.Encoding.UTF8.GetBytes(Specials[random.Next(Specials.Length)]));
                    break;
            }
        }

        return [.. data];
    }

    /// <summary>Text made of <paramref name="alphabet"/> only, up to <paramref name="maxLength"/> characters.</summary>
    public static Gen<string> Over(string alphabet, int maxLength) =>
        Gen.Char[alphabet].Array[0, maxLength].Select(chars => new string(chars));

    /// <summary>One of <paramref name="values"/>.</summary>
    public static Gen<string> Pick(params string[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);
}
