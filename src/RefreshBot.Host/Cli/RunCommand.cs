using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using RefreshBot.Adapters.History;
using RefreshBot.Application.Refresh;
using RefreshBot.Host.Composition;
using RefreshBot.Host.Config;
using RefreshBot.Host.Output;
using Serilog;

namespace RefreshBot.Host.Cli;

/// <summary>
/// <c>refreshbot run --once [--config FILE] [--dry-run]</c>: one full refresh cycle over every tracked repository,
/// then exit. Exit 0 when the cycle ran (failed repositories are listed), 2 for usage/config, 1 when it could not run.
/// Without <c>--once</c>: the service mode, not in this release (exit 2).
/// </summary>
public static class RunCommand
{
    public const string ConfigEnvironmentVariable = "REFRESHBOT_CONFIG";

    public static Command Create()
    {
        var once = new Option<bool>("--once") { Description = "Run one cycle over every tracked repository, then exit." };
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
        if (!once)
        {
            await error.WriteLineAsync("refreshbot run: the service mode arrives in a later release; use 'refreshbot run --once'.").ConfigureAwait(false);
            return ExitCodes.UsageOrConfig;
        }

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
            Log.Error("Configuration error: {Problem}", e.Message);
            await error.WriteLineAsync("refreshbot: configuration error: " + e.Message).ConfigureAwait(false);
            return ExitCodes.UsageOrConfig;
        }

        try
        {
            await using var history = await SqliteRefreshHistory.OpenAsync(config.Storage.DataDir, cancellationToken).ConfigureAwait(false);
            await using var services = new ServiceCollection().AddRefreshBotRun(config, history, cacheFolder).BuildServiceProvider();
            var options = new RefreshOptions(config.Git.Author, dryRun);
            var report = await services.GetRequiredService<RefreshCycle>().RunAsync(config.Repositories, options, cancellationToken).ConfigureAwait(false);
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
}
