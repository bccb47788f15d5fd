using System.Text;
using RefreshBot.Application.Refresh.Ports;

namespace RefreshBot.Integration.Tests.Git;

public sealed class GitWorkspaceSecretTests
{
    private static readonly Dictionary<string, string> Initial = new() { ["Dockerfile"] = "FROM node:20\n" };

    [Fact]
    public async Task The_token_appears_nowhere_in_the_cache_folder_or_the_logs_after_sync_and_publish()
    {
        await using var a = await WorkspaceArrangement.StartAsync(Initial);
        var checkout = await a.Workspace.SyncAsync(a.Repository, a.Remote, CancellationToken.None);
        await a.Workspace.PublishAsync(a.Repository, a.Remote, a.Update(checkout.HeadSha, new Dictionary<string, string> { ["Dockerfile"] = "FROM node:22\n" }, null), CancellationToken.None);
        await a.Workspace.SyncAsync(a.Repository, a.Remote, CancellationToken.None);

        Assert.Contains(a.Server.Requests, r => r.IsPush && r.User == WorkspaceArrangement.User && r.Status == 200);
        AssertNoSecret(a.Workspace.CacheFolder(a.Repository), a.Logs.AllText);
        var config = File.ReadAllText(Path.Combine(a.Workspace.CacheFolder(a.Repository), "git", "config"));
        Assert.Contains("url = " + a.Upstream.CloneUrl.AbsoluteUri, config, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_token_is_Auth_and_credentials_in_the_configured_URL_are_neither_stored_nor_quoted()
    {
        await using var a = await WorkspaceArrangement.StartAsync(Initial);
        var wrong = new GitRemote(a.Upstream.CloneUrl.AbsoluteUri, WorkspaceArrangement.User, "wrong-" + WorkspaceArrangement.Token);
        var rejected = await Assert.ThrowsAsync<WorkspaceException>(() => a.Workspace.SyncAsync(a.Repository, wrong, CancellationToken.None));
        Assert.True(rejected.Kind == WorkspaceErrorKind.Auth, rejected.Message);

        var inUrl = new UriBuilder(a.Upstream.CloneUrl) { UserName = WorkspaceArrangement.User, Password = WorkspaceArrangement.Token }.Uri.AbsoluteUri;
        var checkout = await a.Workspace.SyncAsync(a.Repository, new GitRemote(inUrl, null, null), CancellationToken.None);
        Assert.Equal(await a.Upstream.HeadAsync("main"), checkout.HeadSha);

        var unreachable = new UriBuilder("http", "127.0.0.1", 1, "acme/app.git") { UserName = "u", Password = WorkspaceArrangement.Token }.Uri.AbsoluteUri;
        var down = await Assert.ThrowsAsync<WorkspaceException>(() => a.Workspace.SyncAsync(a.Repository, new GitRemote(unreachable, null, null), CancellationToken.None));
        Assert.True(down.Kind == WorkspaceErrorKind.Transient, down.Message);
        AssertNoSecret(a.Workspace.CacheFolder(a.Repository), a.Logs.AllText + rejected + down);
    }

    [Fact]
    public async Task Server_errors_are_Transient()
    {
        await using var a = await WorkspaceArrangement.StartAsync(Initial);
        a.Server.Faults.FailNextFetches(5, 503);

        var outage = await Assert.ThrowsAsync<WorkspaceException>(() => a.Workspace.SyncAsync(a.Repository, a.Remote, CancellationToken.None));

        Assert.True(outage.Kind == WorkspaceErrorKind.Transient, outage.Message);
    }

    private static void AssertNoSecret(string folder, string text)
    {
        Assert.DoesNotContain(WorkspaceArrangement.Token, text, StringComparison.Ordinal);
        var token = Encoding.UTF8.GetBytes(WorkspaceArrangement.Token);
        var scanned = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(file);
            Assert.True(bytes.AsSpan().IndexOf(token) < 0, $"the token is in {file}");
            scanned++;
        }

        Assert.True(scanned > 5, "the cache folder should hold the clone");
    }
}
