using RefreshBot.Application.Fleet;
using YamlDotNet.RepresentationModel;

namespace RefreshBot.Host.Config;

/// <summary>
/// Reads a repository's own settings file from the checkout of its target branch: <c>.github/refreshbot.yml</c>, else
/// <c>.refreshbot.yml</c> (the first found wins). Same keys and syntax as a <c>repositories:</c> entry, read by the same
/// <see cref="RepositorySettingsReader"/>, merged the same way (lists replace, maps merge) — limited to what
/// <c>overrides.allow</c> allows. The file is untrusted: no <c>${env:…}</c>/<c>${file:…}</c> substitution, a size cap,
/// and any error leaves the fleet settings in place (the outcome says where and why).
/// </summary>
public sealed class RepositoryOverridesFile(OverrideSettings settings) : IRepositoryOverrides
{
    /// <summary>Where the file is looked for, in order.</summary>
    public static readonly string[] Names = [".github/refreshbot.yml", ".refreshbot.yml"];

    /// <summary>Larger files are refused (a settings file is a few lines).</summary>
    public const int MaxBytes = 64 * 1024;

    private const string Untrusted = "substitutions are not allowed in a repository's settings file (it is untrusted); write the value itself";

    public async Task<OverrideResult> ApplyAsync(TrackedRepository repository, string checkoutDirectory, CancellationToken cancellationToken)
    {
        if (!settings.Enabled)
        {
            return OverrideResult.None(repository);
        }

        var found = Names.Where(name => File.Exists(Path.Combine(checkoutDirectory, name))).ToList();
        if (found.Count == 0)
        {
            return OverrideResult.None(repository);
        }

        var file = found[0];
        var shadowed = found.Skip(1).Select(other => $"{other}: ignored: {file} is read first").ToList();
        var length = new FileInfo(Path.Combine(checkoutDirectory, file)).Length;
        if (length > MaxBytes)
        {
            return Invalid(repository, file, [$"{file}: expected at most {MaxBytes / 1024} KiB, the file has {length} bytes"]);
        }

        var text = await File.ReadAllTextAsync(Path.Combine(checkoutDirectory, file), cancellationToken).ConfigureAwait(false);
        var result = Read(repository, file, text);
        return result with { Notices = [.. result.Notices, .. shadowed] };
    }

    /// <summary><paramref name="repository"/> with <paramref name="text"/> (the content of <paramref name="file"/>) applied.</summary>
    public OverrideResult Read(TrackedRepository repository, string file, string text)
    {
        YamlDocument? document;
        try
        {
            document = ConfigLoader.Parse(file, text);
        }
        catch (ConfigException error)
        {
            return Invalid(repository, file, [error.Message]);
        }

        if (document is null || document.RootNode is YamlScalarNode { Value: null or "" })
        {
            return new OverrideResult(repository, OverrideStatus.Applied, file, []);
        }

        var yaml = new YamlNodes(file, SecretSubstitution.Refusing(Untrusted));
        var gate = new OverrideGate(settings, yaml);
        var map = yaml.Recover(() => yaml.Mapping(document.RootNode, "the repository's settings", OverrideGate.TopKeys), null);
        var patch = map is null ? null : RepositorySettingsReader.Read(yaml, map, "settings", gate.Admit);
        if (yaml.Errors.Count > 0 || patch is null)
        {
            return Invalid(repository, file, InFileOrder(yaml.Errors).Select(e => e.Message).ToList());
        }

        return new OverrideResult(Apply(repository, patch), OverrideStatus.Applied, file, InFileOrder(gate.Ignored).Select(e => e.Message).ToList());
    }

    private static OverrideResult Invalid(TrackedRepository repository, string file, IReadOnlyList<string> errors) =>
        new(repository, OverrideStatus.Invalid, file, [.. errors, $"{file}: not applied (it has errors): this run used the fleet settings"]);

    private static IEnumerable<ConfigException> InFileOrder(IEnumerable<ConfigException> errors) =>
        errors.OrderBy(e => e.Line).ThenBy(e => e.Column);

    /// <summary>The patch over the repository's fleet settings; only the keys a repository may set (the gate kept the rest out).</summary>
    private static TrackedRepository Apply(TrackedRepository repository, RepositorySettingsPatch patch)
    {
        var fleet = new RepositorySettings(
            repository.Branch, repository.DockerfileGlobs, repository.BuildArgs, repository.Platforms, repository.Grouping,
            repository.Labels, repository.Reviewers, repository.Assignees, null, repository.Policy)
        {
            DashboardIssue = repository.DashboardIssue,
            DashboardIssueTitle = repository.DashboardIssueTitle,
            Build = repository.Build,
        };
        var merged = patch.ApplyTo(fleet);
        return repository with
        {
            DockerfileGlobs = merged.DockerfileGlobs,
            BuildArgs = merged.BuildArgs,
            Platforms = merged.Platforms,
            Grouping = merged.Grouping,
            Labels = merged.Labels,
            Reviewers = merged.Reviewers,
            Assignees = merged.Assignees,
            Policy = merged.Policy,
            DashboardIssue = merged.DashboardIssue,
            DashboardIssueTitle = merged.DashboardIssueTitle,
            Build = merged.Build,
        };
    }
}
