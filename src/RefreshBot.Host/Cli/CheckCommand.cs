using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using RefreshBot.Adapters.History;
using RefreshBot.Application.Check;
using RefreshBot.Domain.Platforms;
using RefreshBot.Host.Composition;
using RefreshBot.Host.Config;
using RefreshBot.Host.Output;
using Serilog;

namespace RefreshBot.Host.Cli;

/// <summary>
/// <c>refreshbot check &lt;dir&gt; [--config FILE] [--format table|json] [--platform os/arch[/variant]] [--build-arg NAME[=VALUE]]… [--cache-dir DIR] [--no-cache]</c>:
/// finds the Dockerfiles under a folder, resolves every image reference against its registry and reports.
/// What never goes stale (manifests by digest, pinned descriptors) is kept in a cache folder between checks.
/// </summary>
public static class CheckCommand
{
    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo>("dir")
        {
            Description = "Folder to search for Dockerfiles (e.g. a checkout, or a folder of checkouts).",
        };
        var configFile = new Option<FileInfo?>("--config")
        {
            Description = "RefreshBot YAML config (registries; defaults.platforms (the first is compared) and defaults.buildArgs).",
            HelpName = "FILE",
        };
        var format = new Option<ReportFormat>("--format")
        {
            Description = "Report format on stdout: table or json.",
            DefaultValueFactory = _ => ReportFormat.Table,
        };
        var platform = new Option<Platform?>("--platform")
        {
            Description = "Platform to compare when a FROM has no --platform of its own (default: config, else linux/amd64).",
            HelpName = "os/arch[/variant]",
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (Platform.TryParse(text, out var parsed, out var problem))
                {
                    return parsed;
                }

                result.AddError($"--platform '{text}': {problem}");
                return null;
            },
        };

        var buildArgs = new Option<IReadOnlyList<KeyValuePair<string, string>>>("--build-arg")
        {
            Description = "Build argument overriding an ARG default, as `docker build --build-arg` (repeatable; NAME alone takes the value from the environment). Wins over the config's buildArgs.",
            HelpName = "NAME[=VALUE]",
            Arity = ArgumentArity.ZeroOrMore,
            CustomParser = result =>
            {
                var parsed = new List<KeyValuePair<string, string>>();
                foreach (var token in result.Tokens)
                {
                    if (BuildArgument.TryParse(token.Value, Environment.GetEnvironmentVariable, out var argument, out var problem))
                    {
                        if (argument is { } value)
                        {
                            parsed.Add(value);
                        }
                    }
                    else
                    {
                        result.AddError($"--build-arg '{token.Value}': {problem}");
                    }
                }

                return parsed;
            },
        };
        var cacheDir = new Option<DirectoryInfo?>("--cache-dir")
        {
            Description = $"Folder of the manifest cache kept between checks (default: ${CacheFolder.EnvironmentVariable}, else $XDG_CACHE_HOME/refreshbot, else ~/.cache/refreshbot).",
            HelpName = "DIR",
        };
        var noCache = new Option<bool>("--no-cache")
        {
            Description = "Ask the registries for everything; read and write no cache.",
        };

        var dataDir = new Option<DirectoryInfo?>("--data-dir")
        {
            Description = $"Data folder whose SQLite history records the digests of unpinned tags, to report drift (default: the config's storage.database — its SQLite file in storage.dataDir, else ${DataFolder.EnvironmentVariable}, else $XDG_DATA_HOME/refreshbot, else ~/.local/share/refreshbot — or its PostgreSQL).",
            HelpName = "DIR",
        };
        var noHistory = new Option<bool>("--no-history")
        {
            Description = "Read and record no history (no drift detection).",
        };

        var command = new Command("check", "Report which base images in the Dockerfiles under <dir> are outdated, unpinned or up to date.")
        {
            folder, configFile, format, platform, buildArgs, cacheDir, noCache, dataDir, noHistory,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(cacheDir) is not null && result.GetValue(noCache))
            {
                result.AddError("--cache-dir and --no-cache cannot be used together");
            }

            if (result.GetResult(dataDir) is not null && result.GetValue(noHistory))
            {
                result.AddError("--data-dir and --no-history cannot be used together");
            }
        });
        command.SetAction((parsed, cancellationToken) => RunAsync(
            new CheckOptions(
                parsed.GetValue(folder)!, parsed.GetValue(configFile), parsed.GetValue(format), parsed.GetValue(platform),
                parsed.GetValue(buildArgs) ?? [],
                parsed.GetValue(noCache) ? null : parsed.GetValue(cacheDir)?.FullName ?? CacheFolder.Default(),
                parsed.GetValue(noHistory) ? HistoryChoice.None : new HistoryChoice(parsed.GetValue(dataDir)?.FullName)),
            parsed.InvocationConfiguration.Output,
            parsed.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CheckOptions options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!options.Folder.Exists)
        {
            await error.WriteLineAsync($"refreshbot: no such folder: {options.Folder}").ConfigureAwait(false);
            return ExitCodes.UsageOrConfig;
        }

        RefreshBotConfig config;
        try
        {
            config = options.ConfigFile is null ? ConfigLoader.BuiltIn() : ConfigLoader.LoadFile(options.ConfigFile.FullName);
        }
        catch (ConfigException e)
        {
            Log.Error("Configuration error: {Problem}", e.Message);
            await error.WriteLineAsync("refreshbot: configuration error: " + e.Message).ConfigureAwait(false);
            return ExitCodes.UsageOrConfig;
        }

        try
        {
            await using var services = new ServiceCollection().AddRefreshBotCheck(config, options.CacheFolder).BuildServiceProvider();
            var request = new CheckRequest(
                options.Folder.FullName,
                options.Platform ?? config.Defaults.Platforms[0],
                BuildArgument.Merge(config.Defaults.BuildArgs, options.BuildArgs));
            var report = await services.GetRequiredService<CheckService>().CheckAsync(request, cancellationToken).ConfigureAwait(false);
            if (options.History.Enabled)
            {
                var database = options.History.DataDir is { } dataDir ? DatabaseSettings.SqliteIn(dataDir) : config.Storage.Database;
                report = await CheckHistory.ApplyAsync(report, database, cancellationToken).ConfigureAwait(false);
            }

            await ReportWriters.For(options.Format).WriteAsync(report, output, cancellationToken).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.Warning("Check cancelled");
            return ExitCodes.Failure;
        }
        catch (Exception e)
        {
            Log.Fatal(e, "Check could not run");
            await error.WriteLineAsync("refreshbot: check could not run: " + e.Message).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }

    /// <param name="CacheFolder">The manifest cache folder; null for no cache.</param>
    private sealed record CheckOptions(
        DirectoryInfo Folder, FileInfo? ConfigFile, ReportFormat Format, Platform? Platform,
        IReadOnlyList<KeyValuePair<string, string>> BuildArgs, string? CacheFolder, HistoryChoice History);

    /// <param name="DataDir">The data folder given on the command line; null: the config's.</param>
    private sealed record HistoryChoice(string? DataDir, bool Enabled = true)
    {
        public static HistoryChoice None { get; } = new(null, false);
    }
}
