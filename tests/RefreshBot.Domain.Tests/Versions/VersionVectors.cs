namespace RefreshBot.Domain.Tests.Versions;

/// <summary>Reads the version vector files copied under <c>Vectors/</c>.</summary>
internal static class VersionVectors
{
    public static string PathOf(string folder, string file) => Path.Combine(AppContext.BaseDirectory, "Vectors", folder, file);

    /// <summary>Lines of a vector file with their 1-based numbers.</summary>
    public static IEnumerable<(int Number, string Text)> Lines(string folder, string file)
        => File.ReadLines(PathOf(folder, file)).Select((text, index) => (index + 1, text));

    /// <summary>
    /// OSV-SCALIBR fixture rows <c>A OP B</c> (as its <c>compare_test.go</c> reads them: lines that are
    /// empty or start with <c>"# "</c> / <c>"// "</c> are skipped; the rest split on single spaces).
    /// </summary>
    public static IEnumerable<ComparisonRow> Scalibr(string file)
    {
        foreach (var (number, text) in Lines("osv-scalibr-semantic", file))
        {
            if (text.Length == 0 || text.StartsWith("# ", StringComparison.Ordinal) || text.StartsWith("// ", StringComparison.Ordinal))
            {
                continue;
            }

            var pieces = text.Split(' ');
            if (pieces.Length != 3)
            {
                throw new InvalidDataException($"{file}:{number}: expected \"A OP B\", got \"{text}\"");
            }

            yield return new ComparisonRow(file, number, pieces[0], pieces[2], pieces[1] switch
            {
                "<" => -1,
                "=" => 0,
                ">" => 1,
                _ => throw new InvalidDataException($"{file}:{number}: unknown operator \"{pieces[1]}\""),
            });
        }
    }

    /// <summary>
    /// Checks every row (and its mirror) with <paramref name="compare"/>; returns one message per failing row
    /// so a test can report them all at once.
    /// </summary>
    public static List<string> Failures(IEnumerable<ComparisonRow> rows, Func<string, string, int> compare, out int total)
    {
        var failures = new List<string>();
        total = 0;
        foreach (var row in rows)
        {
            total++;
            var actual = Math.Sign(compare(row.A, row.B));
            var mirrored = Math.Sign(compare(row.B, row.A));
            if (actual != row.Expected || mirrored != -row.Expected)
            {
                failures.Add($"{row.File}:{row.Line}: {row.A} {Symbol(row.Expected)} {row.B} expected; got {Symbol(actual)} (mirrored {Symbol(mirrored)})");
            }
        }

        return failures;
    }

    public static string Symbol(int order) => order switch { < 0 => "<", 0 => "=", _ => ">" };
}

internal sealed record ComparisonRow(string File, int Line, string A, string B, int Expected)
{
    public override string ToString() => $"{File}:{Line} {A} {VersionVectors.Symbol(Expected)} {B}";
}
