using CsCheck;
using RefreshBot.Domain.Dockerfiles;
using RefreshBot.Domain.Dockerfiles.Parsing;
using Xunit.Abstractions;

namespace RefreshBot.Domain.Tests.Fuzz;

/// <summary>
/// Dockerfile parser + extraction under hostile input: never throws (problems are diagnostics), never hangs, and the
/// parser's segments always re-assemble the exact text (byte-exact round trip).
/// </summary>
public sealed class DockerfileFuzzTests(ITestOutputHelper output)
{
    private static readonly string[] Keywords =
        ["FROM", "from", "ARG", "ENV", "RUN", "COPY", "ADD", "ONBUILD", "LABEL", "WORKDIR", "CMD", "ENTRYPOINT", "HEALTHCHECK", "USER", "SHELL", "#", "# syntax=", "# escape=", "AS", "--platform=", "--from=", "--mount=type=bind,from="];

    private static readonly string[] Words =
        ["alpine", "debian:12", "${BASE}", "$BASE", "${BASE:-ubuntu}", "${A:+x}", "${A#*/}", "${A%%:*}", "base AS build", "scratch", "[\"a\",", "\"b\"]",
         "\\", "`", "<<EOF", "EOF", "<<-END", "END", "=", "BASE=alpine", "A=${A}${A}", "ghcr.io/o/i@sha256:" + new string('a', 64), "'q", "\"", "$$", "\t"];

    [Fact]
    public void Mutated_real_dockerfiles_never_throw_and_round_trip() =>
        FuzzRun.Check(output, "dockerfile: mutated corpus", Mutations.Of(Corpus.Dockerfiles), seed: 9_001, iterations: 1500, Holds);

    [Fact]
    public void Random_instruction_soup_never_throws_and_round_trips() =>
        FuzzRun.Check(output, "dockerfile: random structure", Soup, seed: 9_002, iterations: 1500, Holds);

    [Fact]
    public void Hostile_shapes_finish_with_diagnostics_not_exceptions() =>
        FuzzRun.Check(output, "dockerfile: hostile shapes", Gen.Int[0, Hostile.Length - 1].SelectMany(i => Gen.Int[1, 4].Select(scale => Hostile[i](scale))), seed: 9_003, iterations: 60, Holds,
            show: text => text.Length > 200 ? text[..200] : text);

    /// <summary>Worst cases, each built at a size picked by the generator (1–4).</summary>
    private static readonly Func<int, string>[] Hostile =
    [
        // ARG chain doubling at each step: 2^(40·scale) characters if expanded naively.
        scale => "ARG A0=x\n" + string.Concat(Enumerable.Range(1, 40 * scale).Select(i => $"ARG A{i}=${{A{i - 1}}}${{A{i - 1}}}\n")) + $"FROM alpine:${{A{40 * scale}}}\n",
        // self- and mutually-recursive ARGs
        scale => HostileText.Repeat("ARG A=${B}\nARG B=${A}\n", 50 * scale) + "FROM ${A}${B}\n",
        // substitutions nested far beyond any sane depth
        scale => "FROM " + HostileText.Repeat("${X:-", 5_000 * scale) + "alpine" + HostileText.Repeat("}", 5_000 * scale) + "\n",
        scale => "FROM " + HostileText.Repeat("${X:-", 5_000 * scale) + "\n",
        // a huge line and a huge word
        scale => "FROM alpine\nRUN " + new string('a', 300_000 * scale) + "\n",
        scale => "FROM " + new string('a', 200_000 * scale) + ":" + new string('1', 100_000) + "\n",
        // continuation lines forever, unterminated heredocs, unterminated JSON
        scale => "FROM alpine\nRUN a \\\n" + HostileText.Repeat("  b \\\n# c\n\n", 20_000 * scale),
        scale => "FROM alpine\n" + HostileText.Repeat("RUN <<EOF <<EOF2 <<EOF3\n", 3_000 * scale),
        scale => "FROM alpine\nCMD " + HostileText.NestedArrays(50_000 * scale) + "\n",
        scale => "FROM alpine\nCMD [\"" + HostileText.Repeat("\\\\\\\"", 50_000 * scale) + "\n",
        // thousands of stages referring to the previous one
        scale => "FROM alpine AS s0\n" + string.Concat(Enumerable.Range(1, 3_000 * scale).Select(i => $"FROM s{i - 1} AS s{i}\nCOPY --from=s{i - 1} / /\n")),
        // only escapes, directives and BOMs
        scale => "\uFEFF# escape=`\n" + HostileText.Repeat("`\n", 30_000 * scale),
        scale => HostileText.Repeat("# syntax=x\n# escape=\\\n# check=skip=all\n", 5_000 * scale) + "FROM a",
        scale => HostileText.Repeat("\r", 100_000 * scale) + "FROM a\r",
    ];

    private static Gen<string> Soup { get; } =
        Gen.Int[0, Keywords.Length - 1].SelectMany(k => Gen.Int[0, Words.Length - 1].Array[0, 6].SelectMany(ws => Gen.Int[0, 3].Select(end =>
            Keywords[k] + " " + string.Join(" ", ws.Select(w => Words[w])) + (end switch { 0 => "\n", 1 => " \\\n", 2 => "\r\n", _ => "" }))))
        .Array[0, 40].Select(string.Concat);

    private static void Holds(string text)
    {
        var syntax = DockerfileParser.Parse("Dockerfile", text);
        Assert.True(syntax.Reassemble() == text, "the parser's segments do not re-assemble the input");
        var report = DockerfileImages.Extract("Dockerfile", text, new Dictionary<string, string> { ["BASE"] = "busybox" });
        Assert.All(report.Diagnostics, diagnostic => Assert.True(diagnostic.Line >= 1, $"diagnostic without a line: {diagnostic}"));
        Assert.All(report.Images, image => Assert.NotNull(image.ToString()));
    }
}
