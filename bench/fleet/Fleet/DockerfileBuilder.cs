using System.Text;

namespace RefreshBot.FleetBench.Fleet;

/// <summary>Collects the lines of one generated Dockerfile and the image references expected from it.</summary>
public sealed class DockerfileBuilder(string path)
{
    private readonly List<string> _lines = [];
    private readonly List<ExpectedImage> _images = [];

    /// <summary>Path relative to the fleet folder, <c>/</c>-separated (as the JSON report prints it).</summary>
    public string Path { get; } = path;

    public IReadOnlyList<ExpectedImage> Images => _images;

    /// <summary>Appends a line; returns its 1-based number.</summary>
    public int Line(string text)
    {
        _lines.Add(text);
        return _lines.Count;
    }

    public void Expect(ExpectedImage image) => _images.Add(image);

    public string Text()
    {
        var text = new StringBuilder();
        foreach (var line in _lines)
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }
}
