namespace RefreshBot.Domain.Packages;

/// <summary>
/// Reads apk's <c>lib/apk/db/installed</c>: records separated by blank lines, one <c>K:value</c> line per
/// field (<c>P</c> name, <c>V</c> version, <c>A</c> architecture, <c>o</c> origin = source package; the
/// many file lines are skipped). Never throws.
/// </summary>
public static class ApkInstalledParser
{
    /// <summary>
    /// The packages of the file. Records without <c>P</c> or <c>V</c> are skipped; a record with a line
    /// that is not <c>K:value</c>, or with an unusable value, is skipped and reported.
    /// </summary>
    public static PackageDatabaseRead Parse(string text, PackageInventoryLimits? limits = null)
    {
        limits ??= PackageInventoryLimits.Default;
        var packages = new List<InstalledPackage>();
        var problems = new ProblemList(limits.MaxProblems);
        var record = new ApkRecord(limits.MaxFieldLength);
        var lines = new TextLines(text);

        while (lines.MoveNext())
        {
            if (!lines.Current.IsWhiteSpace())
            {
                record.Add(lines.Current, lines.Number);
            }
            else if (!Finish(record, packages, problems, limits))
            {
                return new PackageDatabaseRead(packages, problems.ToList());
            }
        }

        Finish(record, packages, problems, limits);
        return new PackageDatabaseRead(packages, problems.ToList());
    }

    private static bool Finish(ApkRecord record, List<InstalledPackage> packages, ProblemList problems, PackageInventoryLimits limits)
    {
        var package = record.Complete(out var problem);
        if (problem is not null)
        {
            problems.Add(problem);
        }

        if (package is null)
        {
            return true;
        }

        if (packages.Count >= limits.MaxPackages)
        {
            problems.Add($"more than {limits.MaxPackages} packages; the rest were not read");
            return false;
        }

        packages.Add(package);
        return true;
    }

    /// <summary>One record's identity fields, gathered line by line.</summary>
    private sealed class ApkRecord(int maxFieldLength)
    {
        private string? _name;
        private string? _version;
        private string? _architecture;
        private string? _origin;
        private string? _problem;

        public void Add(ReadOnlySpan<char> line, int number)
        {
            if (_problem is not null)
            {
                return;
            }

            if (line.Length < 2 || line[1] != ':' || char.IsWhiteSpace(line[0]))
            {
                _problem = $"line {number}: expected 'K:value'";
                return;
            }

            if (line[0] is not ('P' or 'V' or 'A' or 'o'))
            {
                return;
            }

            var value = FieldValue.Accept(line[2..], maxFieldLength, out var reason);
            if (reason is not null)
            {
                _problem = $"line {number}: {line[0]}: {reason}";
                return;
            }

            switch (line[0])
            {
                case 'P': _name = value; break;
                case 'V': _version = value; break;
                case 'A': _architecture = value; break;
                default: _origin = value; break;
            }
        }

        public InstalledPackage? Complete(out string? problem)
        {
            problem = _problem;
            var package = _problem is null && _name is not null && _version is not null
                ? new InstalledPackage(
                    _name,
                    _version,
                    PackageFormat.Apk,
                    SourceName: _origin == _name ? null : _origin,
                    Architecture: _architecture)
                : null;
            _name = _version = _architecture = _origin = _problem = null;
            return package;
        }
    }
}
