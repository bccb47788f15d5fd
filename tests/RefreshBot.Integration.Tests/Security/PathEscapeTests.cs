using RefreshBot.Application.Refresh.Reporting;
using RefreshBot.Integration.Tests.EndToEnd;
using RefreshBot.Testing.Git;

namespace RefreshBot.Integration.Tests.Security;

/// <summary>
/// Issue 9 "Path handling": a repository whose Dockerfile, a folder and its <c>.github/refreshbot.yml</c> are symbolic links
/// out of the checkout, and config globs with <c>..</c> or absolute paths, cannot make the bot read or rewrite anything
/// outside the checkout: the files outside keep their bytes, and their content appears in no PR, notice or log line.
/// </summary>
public sealed class PathEscapeTests : IAsyncLifetime
{
    private const string Sentinel = "OUTSIDE-SENTINEL-7f3a9c";
    private readonly RefreshWorld _world = new();
    private readonly string _outside = Directory.CreateTempSubdirectory("refreshbot-outside-").FullName;
    private string _outsideDockerfile = "";
    private string _outsideSettings = "";
    private byte[] _dockerfileBytes = [];
    private byte[] _settingsBytes = [];

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        Directory.CreateDirectory(Path.Combine(_outside, "deploy"));
        _outsideDockerfile = Path.Combine(_outside, "deploy", "Dockerfile");
        _dockerfileBytes = System.Text.Encoding.UTF8.GetBytes(_world.Dockerfile(_world.Old) + "# " + Sentinel + "\n");
        await File.WriteAllBytesAsync(_outsideDockerfile, _dockerfileBytes);
        _outsideSettings = Path.Combine(_outside, "settings.yml");
        // Were it read, the unknown key would be named in the notice (and so in the logs and the history).
        _settingsBytes = System.Text.Encoding.UTF8.GetBytes($"{Sentinel}: 1\nlabels: [{Sentinel}]\n");
        await File.WriteAllBytesAsync(_outsideSettings, _settingsBytes);

        // The repository: one real Dockerfile in app/, and links out of the checkout.
        await CommitWithLinksAsync(new Dictionary<string, string>
        {
            ["Dockerfile"] = "/etc/passwd",
            ["svc/Dockerfile"] = _outsideDockerfile,
            ["linked"] = Path.Combine(_outside, "deploy"),
            ["up"] = "../../../../../../../..",
            [".github/refreshbot.yml"] = _outsideSettings,
        }, new Dictionary<string, string> { ["app/Dockerfile"] = _world.Dockerfile(_world.Old) });
    }

    [Fact]
    public async Task Links_out_of_the_checkout_are_neither_read_nor_rewritten()
    {
        var report = await _world.RunAsync();

        var outcome = Assert.Single(report.Repositories);
        Assert.True(outcome.Status == RepositoryStatus.Succeeded, outcome.Reason);
        Console.WriteLine("notices: " + string.Join(" | ", outcome.Notices));
        var pull = Assert.Single(_world.Pulls);
        Assert.Equal(["app/Dockerfile"], await ChangedFilesAsync(pull.HeadSha));
        Assert.DoesNotContain(Sentinel, string.Join(",", pull.Labels));
        await AssertOutsideUntouchedAsync(outcome, pull.Title + pull.Body);
    }

    [Theory]
    [InlineData("../**/Dockerfile")]
    [InlineData("linked/Dockerfile")]
    [InlineData("up/**/Dockerfile")]
    [InlineData("/OUTSIDE/deploy/Dockerfile")]
    [InlineData("../../../../../../../../OUTSIDE/deploy/Dockerfile")]
    [InlineData("app/../../**/Dockerfile")]
    public async Task Globs_with_dot_dot_or_absolute_paths_reach_nothing_outside(string glob)
    {
        glob = glob.Replace("OUTSIDE", _outside.TrimStart('/'), StringComparison.Ordinal);
        var entry = $"team/app\n    dockerfiles: [\"{glob}\", \"app/Dockerfile\"]";
        var path = _world.WriteConfig(entry);
        CycleReport report;
        try
        {
            report = await _world.RunAsync(dryRun: false, entry);
        }
        catch (Host.Config.ConfigException refused)
        {
            // Refusing such a glob at load time is a fine outcome too: it must say why, and nothing ran.
            Console.WriteLine("refused: " + refused.Message);
            Assert.Contains("dockerfiles", refused.Message, StringComparison.Ordinal);
            Assert.Empty(_world.Pulls);
            await AssertOutsideUntouchedAsync(null, refused.Message + File.ReadAllText(path));
            return;
        }

        var outcome = Assert.Single(report.Repositories);
        Assert.Equal(RepositoryStatus.Succeeded, outcome.Status);
        var pull = Assert.Single(_world.Pulls);
        Assert.Equal(["app/Dockerfile"], await ChangedFilesAsync(pull.HeadSha));
        await AssertOutsideUntouchedAsync(outcome, pull.Title + pull.Body);
    }

    /// <summary>
    /// Links that look inside when read as text but leave through another link: <c>q1/…/q5/m → ../../../../../d</c> is
    /// lexically at depth 6 but really at depth 1, so <c>q1/…/q5/m/../../../../../../X</c> reads as <c>X</c> in the
    /// checkout while the OS resolves it five folders above the checkout — the temporary folder holding the files outside.
    /// </summary>
    [Fact]
    public async Task Chained_links_that_only_look_inside_are_neither_read_nor_rewritten()
    {
        // The checkout is <data>/repos/<name>/worktree and <data> is <folder>/data: five levels up is the temp folder.
        Assert.Equal(Path.GetDirectoryName(_world.Folder), Path.GetDirectoryName(_outside));
        const string Climb = "q1/q2/q3/q4/q5/m/../../../../../../";
        var outside = Path.GetFileName(_outside);
        var links = new Dictionary<string, string>
        {
            ["q1/q2/q3/q4/q5/m"] = "../../../../../d",
            ["Dockerfile"] = $"{Climb}{outside}/deploy/Dockerfile",
            ["deep"] = $"{Climb}{outside}",
            [".github/refreshbot.yml"] = $"../{Climb}{outside}/settings.yml",
        };
        await CommitWithLinksAsync(links, new Dictionary<string, string> { ["d/keep"] = "" });

        var report = await _world.RunAsync();

        var outcome = Assert.Single(report.Repositories);
        Assert.True(outcome.Status == RepositoryStatus.Succeeded, outcome.Reason);
        Console.WriteLine("notices: " + string.Join(" | ", outcome.Notices));
        var pull = Assert.Single(_world.Pulls);
        Assert.Equal(["app/Dockerfile"], await ChangedFilesAsync(pull.HeadSha));
        await AssertOutsideUntouchedAsync(outcome, pull.Title + pull.Body);

        // In the checkout the bot reads, the link that stays inside is kept; the ones that leave through it are gone.
        var worktree = Assert.Single(Directory.GetDirectories(Path.Combine(_world.DataDir, "repos"), "worktree", SearchOption.AllDirectories));
        Assert.Equal("../../../../../d", new FileInfo(Path.Combine(worktree, "q1/q2/q3/q4/q5/m")).LinkTarget);
        Assert.All(["Dockerfile", "deep", ".github/refreshbot.yml"], link => Assert.Null(new FileInfo(Path.Combine(worktree, link)).LinkTarget));
    }

    private async Task AssertOutsideUntouchedAsync(RepositoryOutcome? outcome, string published)
    {
        Assert.Equal(_dockerfileBytes, await File.ReadAllBytesAsync(_outsideDockerfile));
        Assert.Equal(_settingsBytes, await File.ReadAllBytesAsync(_outsideSettings));
        var everything = string.Join("\n", [published, outcome?.Reason, .. outcome?.Notices ?? [], _world.Logs.AllText]);
        Assert.DoesNotContain(Sentinel, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("root:x:0:0", everything, StringComparison.Ordinal);
        var history = !Directory.Exists(_world.DataDir) ? [] : Directory.EnumerateFiles(_world.DataDir, "*", SearchOption.AllDirectories)
            .Where(f => new FileInfo(f).LinkTarget is null)
            .Where(f => File.ReadAllText(f).Contains(Sentinel, StringComparison.Ordinal));
        Assert.Empty(history);
    }

    private async Task<IReadOnlyList<string>> ChangedFilesAsync(string head)
    {
        var names = await GitCli.RunAsync(_world.Repo.Git.Path, ["diff", "--name-only", "main", head], CancellationToken.None);
        return names.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Commits symbolic links (path → target) and files on main through a clone (BareRepository writes files only).</summary>
    private async Task CommitWithLinksAsync(IReadOnlyDictionary<string, string> links, IReadOnlyDictionary<string, string> files)
    {
        var clone = Directory.CreateTempSubdirectory("refreshbot-links-").FullName;
        try
        {
            await GitCli.RunAsync(clone, ["clone", "-q", _world.Repo.Git.Path, "."], CancellationToken.None);
            foreach (var (path, target) in links)
            {
                var full = Path.Combine(clone, path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                if (File.Exists(full) || Directory.Exists(full))
                {
                    File.Delete(full);
                }

                File.CreateSymbolicLink(full, target);
            }

            foreach (var (path, content) in files)
            {
                var full = Path.Combine(clone, path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                await File.WriteAllTextAsync(full, content);
            }

            await GitCli.RunAsync(clone, ["add", "-A"], CancellationToken.None);
            await GitCli.RunAsync(clone, ["-c", "user.name=dana", "-c", "user.email=dana@example.test", "commit", "-qm", "links out"], CancellationToken.None);
            await GitCli.RunAsync(clone, ["push", "-q", "origin", "HEAD:main"], CancellationToken.None);
        }
        finally
        {
            Directory.Delete(clone, recursive: true);
        }
    }

    public async Task DisposeAsync()
    {
        await _world.DisposeAsync();
        Assert.Equal(_dockerfileBytes, await File.ReadAllBytesAsync(_outsideDockerfile));
        Directory.Delete(_outside, recursive: true);
    }
}
