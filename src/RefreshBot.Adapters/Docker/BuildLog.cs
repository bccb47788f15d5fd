using System.Text;
using System.Text.RegularExpressions;

namespace RefreshBot.Adapters.Docker;

/// <summary>
/// Reads the legacy builder's output as it streams: keeps the last lines (secrets redacted as <c>***</c>, each line
/// capped), the last <c>Step N/M : …</c> line, the last error line (stderr) and the ids of the intermediate images
/// the build committed (not the <c>FROM</c> bases, not cache hits), so a failed build can remove them, and the first
/// line that blames the build host (<see cref="BuildHostProblem"/>).
/// </summary>
internal sealed partial class BuildLog
{
    private const string Redacted = "***";
    private readonly Queue<string> _tail = new();
    private readonly int _tailLines;
    private readonly int _maxLineChars;
    private readonly string[] _secrets;
    private readonly List<string> _intermediateImages = [];
    private bool _inFromStep;
    private bool _cacheHit;

    public BuildLog(IReadOnlyList<string> secrets, int tailLines, int maxLineChars)
    {
        _secrets = secrets.Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length).ToArray();
        _tailLines = tailLines;
        _maxLineChars = maxLineChars;
    }

    /// <summary>How many characters a line must be read with so a secret starting before the cap is still redacted whole.</summary>
    public int ReadLineChars => _maxLineChars + (_secrets.Length == 0 ? 0 : _secrets[0].Length);

    public string? LastStep { get; private set; }

    public string? LastError { get; private set; }

    public IReadOnlyList<string> IntermediateImages => _intermediateImages;

    /// <summary>The first line that blamed the build host (daemon unreachable, connection lost, disk full), if any.</summary>
    public BuildHostProblem? HostProblem { get; private set; }

    public void Add(OutputLine line)
    {
        if (line.IsError && IsLegacyBuilderNotice(line.Text))
        {
            return;
        }

        var text = Redact(line.Text);
        if (text.Length > _maxLineChars || line.Cut)
        {
            text = text[..Math.Min(text.Length, _maxLineChars)] + "…";
        }

        Track(text, line.IsError);
        _tail.Enqueue(text);
        while (_tail.Count > _tailLines)
        {
            _tail.Dequeue();
        }
    }

    /// <summary>Adds a line of the bot's own (e.g. the timeout), marked so it is not mistaken for build output.</summary>
    public void Note(string text) => Add(new OutputLine("[refreshbot] " + text, Cut: false, IsError: false));

    public string Tail()
    {
        var builder = new StringBuilder();
        foreach (var line in _tail)
        {
            builder.Append(line).Append('\n');
        }

        return builder.ToString();
    }

    public string Redact(string text)
    {
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Redacted, StringComparison.Ordinal);
        }

        return text;
    }

    private void Track(string text, bool isError)
    {
        HostProblem ??= BuildHostProblem.Classify(text, isError, started: LastStep is not null);
        if (isError && text.Trim().Length > 0)
        {
            LastError = text.Trim();
            return;
        }

        var step = StepLine().Match(text);
        if (step.Success)
        {
            LastStep = text.Trim();
            _inFromStep = step.Groups["instruction"].Value.Equals("FROM", StringComparison.OrdinalIgnoreCase);
            _cacheHit = false;
            return;
        }

        if (text.Trim() == "---> Using cache")
        {
            _cacheHit = true;
            return;
        }

        var image = CommittedImage().Match(text);
        if (image.Success)
        {
            if (!_inFromStep && !_cacheHit)
            {
                _intermediateImages.Add(image.Groups["id"].Value);
            }

            _cacheHit = false;
        }
    }

    // docker CLI 23+ prints this notice on stderr whenever DOCKER_BUILDKIT=0; it is not build output.
    private static bool IsLegacyBuilderNotice(string text)
    {
        var trimmed = text.Trim();
        return trimmed.StartsWith("DEPRECATED: The legacy builder is deprecated", StringComparison.Ordinal)
            || trimmed.StartsWith("BuildKit is currently disabled", StringComparison.Ordinal)
            || trimmed == "environment-variable.";
    }

    [GeneratedRegex(@"^Step \d+/\d+ : (?<instruction>[A-Za-z]+)")]
    private static partial Regex StepLine();

    [GeneratedRegex(@"^ ---> (?<id>[0-9a-f]{12,64})$")]
    private static partial Regex CommittedImage();
}
