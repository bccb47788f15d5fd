namespace RefreshBot.Domain.Dockerfiles.Parsing;

/// <summary>Instruction-level checks BuildKit makes after parsing: known keywords, flag syntax, FROM shape, ONBUILD triggers.</summary>
internal static class InstructionRules
{
    private static readonly Dictionary<string, string[]> KnownFlags = new(StringComparer.Ordinal)
    {
        ["ADD"] = ["chown", "chmod", "link", "checksum", "keep-git-dir", "exclude", "unpack"],
        ["ARG"] = [],
        ["CMD"] = [],
        ["COPY"] = ["from", "chown", "chmod", "link", "parents", "exclude"],
        ["ENTRYPOINT"] = [],
        ["ENV"] = [],
        ["EXPOSE"] = [],
        ["FROM"] = ["platform"],
        ["HEALTHCHECK"] = ["interval", "timeout", "start-period", "start-interval", "retries"],
        ["LABEL"] = [],
        ["MAINTAINER"] = [],
        ["ONBUILD"] = [],
        ["RUN"] = ["mount", "network", "security", "device"],
        ["SHELL"] = [],
        ["STOPSIGNAL"] = [],
        ["USER"] = [],
        ["VOLUME"] = [],
        ["WORKDIR"] = [],
    };

    private static readonly HashSet<string> BooleanFlags = new(StringComparer.Ordinal) { "link", "parents", "keep-git-dir", "unpack" };

    public static void Check(InstructionBody body, string path, int line, List<DockerfileDiagnostic> diagnostics)
    {
        if (!KnownFlags.TryGetValue(body.Name, out var flags))
        {
            diagnostics.Add(new DockerfileDiagnostic(path, line, $"unknown instruction: {body.Keyword}"));
            return;
        }

        foreach (var flag in body.Flags)
        {
            if (flag.Name.Length == 0 || !flag.Raw.StartsWith("--", StringComparison.Ordinal))
            {
                diagnostics.Add(new DockerfileDiagnostic(path, line, $"invalid flag syntax '{flag.Raw}' on {body.Name}"));
            }
            else if (Array.IndexOf(flags, flag.Name.ToLowerInvariant()) < 0)
            {
                diagnostics.Add(new DockerfileDiagnostic(path, line, $"unknown flag: {flag.Name} on {body.Name}", DiagnosticSeverity.Warning));
            }
            else if (flag.Value is null && !BooleanFlags.Contains(flag.Name.ToLowerInvariant()))
            {
                diagnostics.Add(new DockerfileDiagnostic(path, line, $"missing a value on flag: {flag.Name}"));
            }
        }

        switch (body.Name)
        {
            case "FROM":
                if (!(body.Values.Count == 1 || (body.Values.Count == 3 && string.Equals(body.Values[1], "AS", StringComparison.OrdinalIgnoreCase))))
                {
                    diagnostics.Add(new DockerfileDiagnostic(path, line, body.Values.Count == 0 ? "FROM requires an image (either one or three arguments: FROM image [AS name])" : "FROM requires either one or three arguments (FROM image [AS name])"));
                }

                break;
            case "ONBUILD" when body.Trigger is null:
                diagnostics.Add(new DockerfileDiagnostic(path, line, "ONBUILD requires at least one argument"));
                break;
            case "ONBUILD" when body.Trigger.Name is "FROM" or "ONBUILD" or "MAINTAINER":
                diagnostics.Add(new DockerfileDiagnostic(path, line, body.Trigger.Name == "ONBUILD" ? "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed" : $"{body.Trigger.Name} isn't allowed as an ONBUILD trigger"));
                break;
            case "ONBUILD":
                Check(body.Trigger, path, line, diagnostics);
                break;
        }
    }
}
