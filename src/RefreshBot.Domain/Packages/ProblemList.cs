namespace RefreshBot.Domain.Packages;

/// <summary>Collects problems up to a cap and counts the rest, so hostile input cannot grow the report.</summary>
internal sealed class ProblemList(int max)
{
    private readonly List<string> _problems = [];
    private int _dropped;

    public int Count => _problems.Count + _dropped;

    public void Add(string problem)
    {
        if (_problems.Count < max)
        {
            _problems.Add(problem);
        }
        else
        {
            _dropped++;
        }
    }

    public IReadOnlyList<string> ToList(string? prefix = null)
    {
        var list = new List<string>(_problems.Count + 1);
        foreach (var p in _problems)
        {
            list.Add(prefix is null ? p : $"{prefix}: {p}");
        }

        if (_dropped > 0)
        {
            var more = $"{_dropped} more problem(s) not shown";
            list.Add(prefix is null ? more : $"{prefix}: {more}");
        }

        return list;
    }
}
