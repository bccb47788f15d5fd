using RefreshBot.Testing.Git;

namespace RefreshBot.Integration.Tests.Git;

/// <summary>A person's change to an upstream repository made the ordinary way: clone, edit files, commit all, push.</summary>
public static class UpstreamEdit
{
    public static async Task<string> CommitAsync(BareRepository upstream, string branch, string message, Action<string> edit)
    {
        var work = Directory.CreateTempSubdirectory("refreshbot-edit-").FullName;
        try
        {
            await GitCli.RunAsync(work, ["clone", "--quiet", "--branch", branch, upstream.Path, "."], CancellationToken.None);
            edit(work);
            await GitCli.RunAsync(work, ["add", "-A"], CancellationToken.None);
            await GitCli.RunAsync(work, ["-c", "user.name=Dana", "-c", "user.email=dana@example.test", "-c", "core.filemode=true", "commit", "--quiet", "-m", message], CancellationToken.None);
            await GitCli.RunAsync(work, ["push", "--quiet", "origin", branch], CancellationToken.None);
            return (await GitCli.RunAsync(work, ["rev-parse", "HEAD"], CancellationToken.None)).Trim();
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
