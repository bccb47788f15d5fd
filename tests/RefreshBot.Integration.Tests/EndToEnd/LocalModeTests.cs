using System.Diagnostics;
using RefreshBot.Integration.Tests.Cli;
using RefreshBot.Testing.Registry;

namespace RefreshBot.Integration.Tests.EndToEnd;

/// <summary>
/// <c>refreshbot run --once</c> in-process over a repository on this machine (local code host): the branch is written
/// into the user's repository without touching its working tree, and the proposal lands in the proposals folder.
/// </summary>
public sealed class LocalModeTests : RegistryFleetTest
{
    [Fact]
    public async Task Run_once_writes_the_proposal_and_the_branch_and_leaves_the_worktree_untouched()
    {
        var current = (await Registry.Pusher.PushImageAsync("team/base", "1")).Digest;
        var dockerfile = $"FROM {Registry.Host}/team/base:1\nRUN echo hi\n";
        Fleet.Repository("app", ("Dockerfile", dockerfile), ("notes.txt", "mine\n"));
        var repo = Path.Combine(Fleet.Root, "app");
        Fleet.Write("app/notes.txt", "uncommitted edit\n");
        var headBefore = Git(repo, "rev-parse", "HEAD");
        var statusBefore = Git(repo, "status", "--porcelain");
        var config = Fleet.Write("refreshbot.yaml", $"""
            storage:
              dataDir: data
            repositories:
              - path: app
            """);

        var dry = await CliRun.InProcessAsync("run", "--once", "--config", config, "--dry-run", "--log-level", "Warning");
        Assert.True(dry.ExitCode == 0, dry.ToString());
        Assert.Contains("would create", dry.Stdout);
        Assert.False(Directory.Exists(Path.Combine(Fleet.Root, "data", "proposals")));
        Assert.Equal("", Git(repo, "branch", "--list", "refreshbot/*"));

        var run = await CliRun.InProcessAsync("run", "--once", "--config", config, "--log-level", "Warning");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"app\s+ok\s+1\s+0\s+0\s+0\s+0", run.Stdout);
        var proposal = Assert.Single(Directory.GetFiles(Path.Combine(Fleet.Root, "data", "proposals"), "*.md", SearchOption.AllDirectories));
        var text = await File.ReadAllTextAsync(proposal);
        Assert.Contains(current.Encoded[..12], text);
        Assert.Contains(proposal, run.Stdout);
        Assert.Equal($"FROM {Registry.Host}/team/base:1@{current}\nRUN echo hi\n", Git(repo, "show", "refreshbot/base-images:Dockerfile") + "\n");
        Assert.Equal(headBefore, Git(repo, "rev-parse", "HEAD"));
        Assert.Equal(statusBefore, Git(repo, "status", "--porcelain"));
        Assert.Equal("uncommitted edit\n", await File.ReadAllTextAsync(Path.Combine(repo, "notes.txt")));
        Assert.Equal(dockerfile, await File.ReadAllTextAsync(Path.Combine(repo, "Dockerfile")));
        Assert.True(File.Exists(Path.Combine(Fleet.Root, "data", "refreshbot.db")));

        var again = await CliRun.InProcessAsync("run", "--once", "--config", config, "--log-level", "Warning");
        Assert.Matches(@"app\s+ok\s+0\s+0\s+1\s+0\s+0", again.Stdout);
    }

    [Fact]
    public async Task Service_dry_run_and_bad_configs_are_usage_errors_and_a_failed_repository_still_exits_0()
    {
        var service = await CliRun.InProcessAsync("run", "--config", "x.yaml");
        Assert.Equal(2, service.ExitCode);
        Assert.Contains("config file not found", service.Stderr);

        var dryService = await CliRun.InProcessAsync("run", "--dry-run", "--config", Fleet.Write("empty.yaml", "storage:\n  dataDir: data\n"));
        Assert.Equal(2, dryService.ExitCode);
        Assert.Contains("--dry-run needs --once", dryService.Stderr);

        var typo = await CliRun.InProcessAsync("run", "--once", "--config", Fleet.Write("typo.yaml", "repositoriez: []\n"));
        Assert.Equal(2, typo.ExitCode);
        Assert.Contains("typo.yaml:1:1", typo.Stderr);

        Fleet.Repository("gone", ("Dockerfile", $"FROM {Registry.Host}/team/missing:1\n"));
        var missing = Fleet.Write("missing.yaml", "storage:\n  dataDir: data\nrepositories:\n  - path: gone\n");
        var failed = await CliRun.InProcessAsync("run", "--once", "--config", missing, "--log-level", "Fatal");
        Assert.True(failed.ExitCode == 0, failed.ToString());
        Assert.Contains("FAILED", failed.Stdout);
        Assert.Contains("1 of 1 repositories failed", failed.Stdout);
        Assert.Contains("registry error (notfound)", failed.Stdout);
    }

    private static string Git(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output.TrimEnd('\n');
    }
}
