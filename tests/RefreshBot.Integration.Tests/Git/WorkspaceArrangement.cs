using Microsoft.Extensions.Logging;
using RefreshBot.Adapters.Git;
using RefreshBot.Application.Fleet;
using RefreshBot.Application.Refresh.Ports;
using RefreshBot.Domain.Platforms;
using RefreshBot.Testing.Git;
using RefreshBot.Testing.Logging;

namespace RefreshBot.Integration.Tests.Git;

/// <summary>A git smart HTTP server with one repository, a data folder and a <see cref="GitWorkspace"/> over them.</summary>
public sealed class WorkspaceArrangement : IAsyncDisposable
{
    public const string User = "x-access-token";
    public const string Token = "ghs_SENTINEL_token_7f3a9c";

    private WorkspaceArrangement(GitHttpServer server, BareRepository upstream)
    {
        Server = server;
        Upstream = upstream;
        Workspace = NewWorkspace();
    }

    public GitHttpServer Server { get; }

    public BareRepository Upstream { get; }

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("refreshbot-data-").FullName;

    public CapturingLoggerProvider Logs { get; } = new();

    public ManualTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero));

    public GitWorkspace Workspace { get; }

    public TrackedRepository Repository { get; private set; } = null!;

    public GitRemote Remote => new(Upstream.CloneUrl.AbsoluteUri, User, Token);

    public static GitAuthor Bot { get; } = new("RefreshBot", "refreshbot@example.test");

    public static async Task<WorkspaceArrangement> StartAsync(IReadOnlyDictionary<string, string> files, string defaultBranch = "main")
    {
        var server = await GitHttpServer.StartAsync();
        server.AcceptCredentials(User, Token);
        var upstream = await server.CreateRepositoryAsync("acme", "app", files, defaultBranch);
        var arrangement = new WorkspaceArrangement(server, upstream);
        arrangement.Repository = Tracked("acme/app", new RepositoryLocation.GitHub("acme", "app"));
        return arrangement;
    }

    public static TrackedRepository Tracked(string id, RepositoryLocation location, string? branch = null) =>
        new(id, location, branch, [], new Dictionary<string, string>(), [Platform.Parse("linux/amd64")], UpdateGrouping.Repository, [], [], [], null, RefreshPolicy.Default);

    public GitWorkspace NewWorkspace() => new(DataDirectory, Time, Logs.CreateLogger<GitWorkspace>());

    public BranchUpdate Update(string baseSha, IReadOnlyDictionary<string, string> files, string? expected, bool dryRun = false) =>
        new("refreshbot/repository", baseSha, files, "Refresh base images", Bot, expected, dryRun);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }
}

/// <summary>A clock that says what the test sets.</summary>
public sealed class ManualTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
