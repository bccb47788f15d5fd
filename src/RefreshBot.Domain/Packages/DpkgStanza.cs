namespace RefreshBot.Domain.Packages;

/// <summary>The fields of one deb822 stanza that matter for package identity, gathered line by line.</summary>
internal sealed class DpkgStanza(int maxFieldLength)
{
    private string? _package;
    private string? _version;
    private string? _status;
    private string? _source;
    private string? _architecture;
    private bool _hasField;
    private string? _problem;

    public void Add(ReadOnlySpan<char> line, int number)
    {
        if (_problem is not null)
        {
            return;
        }

        if (line[0] is ' ' or '\t')
        {
            if (!_hasField)
            {
                _problem = $"line {number}: continuation line outside a field";
            }

            return; // continuation of a multi-line field (Description, Conffiles, ...): not needed
        }

        var colon = line.IndexOf(':');
        if (colon <= 0 || line[..colon].ContainsAny(' ', '\t'))
        {
            _problem = $"line {number}: expected 'Field: value'";
            return;
        }

        _hasField = true;
        var name = line[..colon];
        var field = Field(name);
        if (field is null)
        {
            return; // a field that does not identify the package
        }

        var value = FieldValue.Accept(line[(colon + 1)..], maxFieldLength, out var reason);
        if (reason is not null)
        {
            _problem = $"line {number}: {name}: {reason}";
            return;
        }

        switch (field)
        {
            case "package": _package = value; break;
            case "version": _version = value; break;
            case "status": _status = value; break;
            case "source": _source = value; break;
            default: _architecture = value; break;
        }
    }

    /// <summary>The entry, or null (with a problem when the stanza was malformed); resets for the next stanza.</summary>
    public DpkgEntry? Complete(out string? problem)
    {
        problem = _problem;
        var entry = _problem is null && _package is not null && _version is not null ? Build(_package, _version) : null;
        _package = _version = _status = _source = _architecture = _problem = null;
        _hasField = false;
        return entry;
    }

    private DpkgEntry Build(string package, string version)
    {
        string? sourceName = null;
        string? sourceVersion = null;
        if (_source is not null)
        {
            // "Source: name" or "Source: name (version)" when the source version differs.
            var open = _source.IndexOf('(');
            sourceName = (open < 0 ? _source : _source[..open]).Trim();
            if (open >= 0)
            {
                var close = _source.IndexOf(')', open);
                sourceVersion = (close < 0 ? _source[(open + 1)..] : _source[(open + 1)..close]).Trim();
            }
        }

        return new DpkgEntry(
            package,
            version,
            _status,
            string.IsNullOrEmpty(sourceName) || sourceName == package ? null : sourceName,
            string.IsNullOrEmpty(sourceVersion) || sourceVersion == version ? null : sourceVersion,
            _architecture);
    }

    private static readonly string[] KnownFields = ["package", "version", "status", "source", "architecture"];

    private static string? Field(ReadOnlySpan<char> name)
    {
        foreach (var known in KnownFields)
        {
            if (name.Equals(known, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return null;
    }
}
