using System.Reflection;

namespace RefreshBot.Integration.Tests.Faults;

/// <summary>The README's "Faults tried" table lists exactly the faults the tests inject (<see cref="FaultAttribute"/>).</summary>
public sealed class FaultTableTests
{
    [Fact]
    public void The_readme_fault_table_lists_exactly_the_injected_faults()
    {
        var marked = typeof(FaultTableTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .SelectMany(m => m.GetCustomAttributes<FaultAttribute>())
            .Select(a => a.Neighbour + " | " + a.Fault)
            .ToHashSet(StringComparer.Ordinal);
        var listed = ReadmeRows().ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(marked);
        Assert.True(marked.SetEquals(listed),
            "README rows missing: " + string.Join("; ", marked.Except(listed)) + "\nREADME rows with no test: " + string.Join("; ", listed.Except(marked)));
    }

    /// <summary>Rows <c>| neighbour | fault | …</c> of the table under the README's "Faults tried" heading.</summary>
    private static IEnumerable<string> ReadmeRows()
    {
        var readme = Testing.Source.SourceTree.Path("README.md");
        var inTable = false;
        foreach (var line in File.ReadLines(readme))
        {
            if (line.StartsWith('#'))
            {
                inTable = line.Contains("Faults tried", StringComparison.Ordinal);
                continue;
            }

            if (!inTable || !line.StartsWith('|') || line.StartsWith("|---", StringComparison.Ordinal) || line.StartsWith("| neighbour", StringComparison.Ordinal))
            {
                continue;
            }

            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            yield return cells[1] + " | " + cells[2].Replace("\\|", "|", StringComparison.Ordinal);
        }
    }
}
