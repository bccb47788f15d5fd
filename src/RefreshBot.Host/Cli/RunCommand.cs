using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using RefreshBot.Adapters.History;
using RefreshBot.Application.Refresh;
using RefreshBot.Host.Composition;
using RefreshBot.Host.Config;
using RefreshBot.Host.Output;
using RefreshBot.Host.Service;
using Serilog;

namespace RefreshBot.Host.Cli;

/// <summary>
/// <c>refreshbot run --once [--config FILE] [--dry-run]</c>: one full refresh cycle over every tracked repository,
/// then exit. Exit 0 when the cycle ran (failed repositories are listed), 2 for usage/config, 1 when it could not run.
/// Without <c>--once</c>: the service (<see cref="WorkerService"/>) until SIGTERM/Ctrl-C; exit 0 after a graceful stop.
/// </summary>
public static class RunCommand
{
    public const string ConfigEnvironmentVariable = "REFRESHBOT_CONFIG";

    private static readonly Option<bool> Once = new("--once") { Description = "Run one cycle over every tracked repository, then exit." };

    /// <summary>True when <paramref name="parsed"/> starts the service (<c>run</c> without <c>--once</c>).</summary>
    public static bool IsService(ParseResult parsed) => parsed.CommandResult.Command.Name == "run" && !parsed.GetValue(Once);

    public static Command Create()
    {
        var once = Once;
        var configFile = new Option<FileInfo?>("--config")
        {
            Description = $"The fleet config (YAML); default ${ConfigEnvironmentVariable}.",
            HelpName = "FILE",
        };
        var dryRun = new Option<bool>("--dry-run")
        {
            Description = "Compute everything and print what would be done; commit, push and write nothing.",
        };
        var cacheDir = new Option<DirectoryInfo?>("--cache-dir")
        {
            Description = "Folder of the manifest cache kept between runs (default as for check).",
            HelpName = "DIR",
        };

        var command = new Command("run", "Refresh the fleet: propose pull requests for base images that moved.")
        {
            once, configFile, dryRun, cacheDir,
        };
        command.SetAction((parsed, cancellationToken) => RunAsync(
            parsed.GetValue(once), parsed.GetValue(configFile)?.FullName ?? Environment.GetEnvironmentVariable(ConfigEnvironmentVariable),
            parsed.GetValue(dryRun), parsed.GetValue(cacheDir)?.FullName ?? CacheFolder.Default(),
            parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        bool once, string? configPath, bool dryRun, string? cacheFolder, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(configPath))
        {
            await error.WriteLineAsync($"refreshbot run: no config: pass --config FILE or set {ConfigEnvironmentVariable}.").ConfigureAwait(false);
            return ExitCodes.UsageOrConfig;
        }

        RefreshBotConfig config;
        try
        {
            config = ConfigLoader.LoadFile(configPath);
        }
        catch (ConfigException e)
        {
            foreach (var problem in e.All)
            {
                Log.Error("Configuration error: {Problem}", problem.Message);
            }

            await error.WriteLineAsync("refreshbot: configuration error: not starting; fix these (as `refreshbot config validate` shows them):")
                .ConfigureAwait(false);
            await ConfigCommand.WriteErrorsAsync(e, error).ConfigureAwait(false);
            return ExitCodes.UsageOrConfig;
        }

        if (!once)
        {
            if (dryRun)
            {
                await error.WriteLineAsync("refreshbot run: --dry-run needs --once (the service always publishes).").ConfigureAwait(false);
                return ExitCodes.UsageOrConfig;
            }

            return await ServeAsync(config, cacheFolder, error).ConfigureAwait(false);
        }

        try
        {
            await using var history = await HistoryStores.OpenAsync(config.Storage.Database, cancellationToken).ConfigureAwait(false);
            await using var services = new ServiceCollection().AddRefreshBotRun(config, history, cacheFolder).BuildServiceProvider();
            var options = new RefreshOptions(config.Git.Author, dryRun);
            var fleet = await services.DiscoverFleetAsync(config, cancellationToken).ConfigureAwait(false);
            await DiscoveryReportWriter.WriteAsync(fleet, output, error, cancellationToken).ConfigureAwait(false);
            var report = await services.GetRequiredService<RefreshCycle>().RunAsync(fleet.Repositories, options, cancellationToken).ConfigureAwait(false);
            await CycleReportWriter.WriteAsync(report, output, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.Warning("Run cancelled");
            return ExitCodes.Failure;
        }
        catch (Exception e)
        {
            Log.Fatal(e, "Run could not complete");
            await error.WriteLineAsync("refreshbot: run could not complete: " + e.Message).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }

    /// <summary>
    /// The service until SIGTERM/Ctrl-C. The host owns those signals (the command line's own cancellation would cut the
    /// graceful stop short), so the service runs without the command's token.
    /// </summary>
    private static async Task<int> ServeAsync(RefreshBotConfig config, string? cacheFolder, TextWriter error)
    {
        try
        {
            await WorkerService.RunAsync(config, cacheFolder, CancellationToken.None).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (Exception e)
        {
            Log.Fatal(e, "Service stopped on an error");
            await error.WriteLineAsync("refreshbot: the service stopped: " + e.Message).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }
}
