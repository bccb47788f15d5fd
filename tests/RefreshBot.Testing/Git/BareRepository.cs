namespace RefreshBot.Testing.Git;

/// <summary>
/// A bare repository served by <see cref="GitHttpServer"/>, driven with git plumbing (no work tree):
/// commit files onto a branch as a person would push them, read heads, files and authors, move the default branch, merge.
/// </summary>
public sealed class BareRepository
{
    internal BareRepository(string path, Uri cloneUrl)
    {
        Path = path;
        CloneUrl = cloneUrl;
    }

    /// <summary>The bare repository's folder (<c>…/owner/name.git</c>).</summary>
    public string Path { get; }

    /// <summary>Its smart HTTP URL (no credentials).</summary>
    public Uri CloneUrl { get; }

    internal async Task InitializeAsync(string defaultBranch, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path);
        await GitCli.RunAsync(Path, ["init", "--bare", "--quiet", "--initial-branch=" + defaultBranch], cancellationToken);
        // Let http-backend accept pushes; keep the repository small and deterministic.
        await GitCli.RunAsync(Path, ["config", "http.receivepack", "true"], cancellationToken);
    }

    /// <summary>
    /// Commits <paramref name="files"/> (path → content; <paramref name="deletions"/> removed) on top of
    /// <paramref name="branch"/> (created when missing, from <paramref name="startFrom"/> or as a root commit). Returns the new sha.
    /// </summary>
    public async Task<string> CommitAsync(
        string branch,
        IReadOnlyDictionary<string, string> files,
        string message,
        CommitIdentity? author = null,
        CancellationToken cancellationToken = default,
        IReadOnlyList<string>? deletions = null,
        string? startFrom = null)
    {
        author ??= CommitIdentity.Human;
        var current = await HeadAsync(branch, cancellationToken);
        var parent = current ?? (startFrom is null ? null : await ResolveAsync(startFrom, cancellationToken));
        var index = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "refreshbot-index-" + Guid.NewGuid().ToString("N"));
        var env = new Dictionary<string, string>
        {
            ["GIT_INDEX_FILE"] = index,
            ["GIT_AUTHOR_NAME"] = author.Name,
            ["GIT_AUTHOR_EMAIL"] = author.Email,
            ["GIT_COMMITTER_NAME"] = author.Name,
            ["GIT_COMMITTER_EMAIL"] = author.Email,
        };
        try
        {
            if (parent is not null)
            {
                await GitCli.RunAsync(Path, ["read-tree", parent], cancellationToken, environment: env);
            }

            foreach (var (file, content) in files)
            {
                var blob = (await GitCli.RunAsync(Path, ["hash-object", "-w", "--stdin"], cancellationToken, input: content)).Trim();
                await GitCli.RunAsync(Path, ["update-index", "--add", "--cacheinfo", $"100644,{blob},{file}"], cancellationToken, environment: env);
            }

            foreach (var file in deletions ?? [])
            {
                await GitCli.RunAsync(Path, ["update-index", "--force-remove", file], cancellationToken, environment: env);
            }

            var tree = (await GitCli.RunAsync(Path, ["write-tree"], cancellationToken, environment: env)).Trim();
            List<string> commitArgs = ["commit-tree", tree, "-m", message];
            if (parent is not null)
            {
                commitArgs.AddRange(["-p", parent]);
            }

            var sha = (await GitCli.RunAsync(Path, commitArgs, cancellationToken, environment: env)).Trim();
            await GitCli.RunAsync(Path, ["update-ref", "refs/heads/" + branch, sha, current ?? new string('0', 40)], cancellationToken);
            return sha;
        }
        finally
        {
            File.Delete(index);
        }
    }

    /// <summary>The sha at the tip of <paramref name="branch"/>, or null when it does not exist.</summary>
    public async Task<string?> HeadAsync(string branch, CancellationToken cancellationToken = default)
    {
        var result = await GitCli.TryRunAsync(Path, ["rev-parse", "--verify", "--quiet", "refs/heads/" + branch + "^{commit}"], cancellationToken);
        return result.ExitCode == 0 ? result.Output.Trim() : null;
    }

    /// <summary>The content of <paramref name="file"/> at <paramref name="revision"/> (a branch or sha), or null when absent.</summary>
    public async Task<string?> ReadFileAsync(string revision, string file, CancellationToken cancellationToken = default)
    {
        var result = await GitCli.TryRunAsync(Path, ["cat-file", "blob", $"{revision}:{file}"], cancellationToken);
        return result.ExitCode == 0 ? result.Output : null;
    }

    /// <summary>Commits reachable from <paramref name="revision"/>, newest first.</summary>
    public async Task<IReadOnlyList<CommitInfo>> CommitsAsync(string revision, int max = 100, CancellationToken cancellationToken = default)
    {
        var output = await GitCli.RunAsync(Path, ["log", $"--max-count={max}", "--format=%H%x1f%an%x1f%ae%x1f%s%x1f%P", revision], cancellationToken);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\x1f'))
            .Select(f => new CommitInfo(f[0], f[1], f[2], f[3], f[4].Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .ToArray();
    }

    /// <summary>Branch names.</summary>
    public async Task<IReadOnlyList<string>> BranchesAsync(CancellationToken cancellationToken = default)
    {
        var output = await GitCli.RunAsync(Path, ["for-each-ref", "--format=%(refname:short)", "refs/heads/"], cancellationToken);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The branch HEAD points at (what a clone checks out).</summary>
    public async Task<string> DefaultBranchAsync(CancellationToken cancellationToken = default) =>
        (await GitCli.RunAsync(Path, ["symbolic-ref", "--short", "HEAD"], cancellationToken)).Trim();

    /// <summary>Makes <paramref name="branch"/> the default branch (HEAD).</summary>
    public Task SetDefaultBranchAsync(string branch, CancellationToken cancellationToken = default) =>
        GitCli.RunAsync(Path, ["symbolic-ref", "HEAD", "refs/heads/" + branch], cancellationToken);

    /// <summary>Creates or moves <paramref name="branch"/> to <paramref name="revision"/>.</summary>
    public Task SetBranchAsync(string branch, string revision, CancellationToken cancellationToken = default) =>
        GitCli.RunAsync(Path, ["update-ref", "refs/heads/" + branch, revision], cancellationToken);

    public Task DeleteBranchAsync(string branch, CancellationToken cancellationToken = default) =>
        GitCli.RunAsync(Path, ["update-ref", "-d", "refs/heads/" + branch], cancellationToken);

    /// <summary>Whether <paramref name="ancestor"/> is reachable from <paramref name="descendant"/>.</summary>
    public async Task<bool> IsAncestorAsync(string ancestor, string descendant, CancellationToken cancellationToken = default) =>
        (await GitCli.TryRunAsync(Path, ["merge-base", "--is-ancestor", ancestor, descendant], cancellationToken)).ExitCode == 0;

    /// <summary>
    /// Merges <paramref name="head"/> into <paramref name="baseBranch"/> with a merge commit, as GitHub's merge button does.
    /// Returns the merge commit's sha, or null when the two conflict (nothing changes then).
    /// </summary>
    public async Task<string?> MergeAsync(string baseBranch, string head, string message, CommitIdentity? committer = null, CancellationToken cancellationToken = default)
    {
        committer ??= CommitIdentity.Human;
        var baseSha = await HeadAsync(baseBranch, cancellationToken) ?? throw new InvalidOperationException($"no branch {baseBranch}");
        var headSha = await ResolveAsync(head, cancellationToken);
        var tree = await GitCli.TryRunAsync(Path, ["merge-tree", "--write-tree", baseSha, headSha], cancellationToken);
        if (tree.ExitCode != 0)
        {
            return null;
        }

        var env = new Dictionary<string, string>
        {
            ["GIT_AUTHOR_NAME"] = committer.Name,
            ["GIT_AUTHOR_EMAIL"] = committer.Email,
            ["GIT_COMMITTER_NAME"] = committer.Name,
            ["GIT_COMMITTER_EMAIL"] = committer.Email,
        };
        var treeSha = tree.Output.Split('\n')[0].Trim();
        var sha = (await GitCli.RunAsync(Path, ["commit-tree", treeSha, "-p", baseSha, "-p", headSha, "-m", message], cancellationToken, environment: env)).Trim();
        await GitCli.RunAsync(Path, ["update-ref", "refs/heads/" + baseBranch, sha, baseSha], cancellationToken);
        return sha;
    }

    /// <summary>The full sha of a revision (branch, tag or sha).</summary>
    public async Task<string> ResolveAsync(string revision, CancellationToken cancellationToken = default) =>
        (await GitCli.RunAsync(Path, ["rev-parse", "--verify", revision + "^{commit}"], cancellationToken)).Trim();
}
