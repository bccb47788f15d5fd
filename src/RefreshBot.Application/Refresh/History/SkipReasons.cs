namespace RefreshBot.Application.Refresh.History;

/// <summary>
/// How a successful run's skip reasons (why it left image uses alone: index churn, soak, policy) are kept in the
/// run's reason text: one per line, each <c>Dockerfile:line: reason</c>, capped in length. Read back by the weekly digest.
/// </summary>
public static class SkipReasons
{
    public const int MaxLength = 2000;

    /// <summary>The reason text for <paramref name="reasons"/> (distinct, in order), or null when there is none.</summary>
    public static string? Join(IEnumerable<string> reasons)
    {
        var lines = reasons.Select(r => r.ReplaceLineEndings(" ")).Distinct(StringComparer.Ordinal).ToList();
        if (lines.Count == 0)
        {
            return null;
        }

        var text = string.Join('\n', lines);
        return text.Length <= MaxLength ? text : text[..(MaxLength - 1)] + "…";
    }

    /// <summary>The reasons kept by <see cref="Join"/> (empty for none).</summary>
    public static IReadOnlyList<string> Split(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
