using RefreshBot.Domain.Dockerfiles.Expansion;

namespace RefreshBot.Domain.Tests.Dockerfiles;

public sealed class ShellExpansionVectorTests
{
    private static readonly Dictionary<string, string> EnvVarEnvironment = new(StringComparer.Ordinal)
    {
        ["PWD"] = "/home",
        ["SHELL"] = "bash",
        ["KOREAN"] = "한국어",
        ["NULL"] = "",
    };

    /// <summary>envVarTest lines for all platforms (A) and unix (U); Windows-only (W) lines are not ours.</summary>
    public static TheoryData<int, string, string> EnvVarCases()
    {
        var data = new TheoryData<int, string, string>();
        var number = 0;
        foreach (var line in File.ReadLines(VectorFiles.PathOf("buildkit-dockerfile-parser", "shell", "envVarTest")))
        {
            number++;
            if (line.Trim().Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split('|');
            if (fields[0].Trim() is "A" or "U")
            {
                data.Add(number, fields[1].Trim(), fields[2].Trim());
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EnvVarCases))]
    public void EnvVarTest_case(int line, string input, string expected)
    {
        var expander = new ShellWordExpander('\\', name => EnvVarEnvironment.TryGetValue(name, out var v) ? v : null);

        var result = expander.Expand(input);

        if (expected == "error")
        {
            Assert.False(result.Succeeded, $"line {line}: expected an error, got '{result.Value}'");
        }
        else
        {
            Assert.True(result.Succeeded, $"line {line}: {result.Error}");
            Assert.Equal(expected, result.Value);
        }
    }

    [Fact]
    public void WordsTest_cases()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        var checkedCases = 0;
        foreach (var line in File.ReadLines(VectorFiles.PathOf("buildkit-dockerfile-parser", "shell", "wordsTest")))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith("ENV ", StringComparison.Ordinal))
            {
                var kv = line[4..];
                var eq = kv.IndexOf('=', StringComparison.Ordinal);
                env[kv[..eq]] = kv[(eq + 1)..];
                continue;
            }

            var bar = line.IndexOf('|', StringComparison.Ordinal);
            var input = line[..bar].Trim();
            var expected = line[(bar + 1)..].TrimStart().Split(',');
            var expander = new ShellWordExpander('\\', name => env.TryGetValue(name, out var v) ? v : null);

            var result = expander.Expand(input);

            if (expected is ["error"])
            {
                Assert.False(result.Succeeded, line);
            }
            else
            {
                Assert.True(result.Succeeded, $"{line}: {result.Error}");
                Assert.Equal(expected, result.Words);
            }

            checkedCases++;
        }

        Assert.Equal(24, checkedCases);
    }

    [Fact]
    public void Hostile_nesting_is_bounded()
    {
        var input = string.Concat(Enumerable.Repeat("${A:-", 200)) + "x" + new string('}', 200);
        var expander = new ShellWordExpander('\\', _ => null);

        var result = expander.Expand(input);

        Assert.False(result.Succeeded);
        Assert.Contains("nested deeper", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Oversized_result_is_an_error()
    {
        var big = new string('a', 40_000);
        var expander = new ShellWordExpander('\\', _ => big);

        var result = expander.Expand("$A$A");

        Assert.False(result.Succeeded);
        Assert.Contains("exceeds", result.Error, StringComparison.Ordinal);
    }
}
