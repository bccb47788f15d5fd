using System.CommandLine;
using Microsoft.Extensions.Logging;
using RefreshBot.Adapters.Vulnerabilities.Exports;
using RefreshBot.Host.Composition;
using RefreshBot.Host.Config;
using Serilog;
using Serilog.Extensions.Logging;

namespace RefreshBot.Host.Cli;

/// <summary>
/// <c>refreshbot vulnerabilities update [--config FILE] [--base-url URL] [--ecosystem NAME]...</c>: refreshes the OSV
/// bulk exports under <c>vulnerabilities.osvDirectory</c>, one line per ecosystem (updated / unchanged / failed: reason).
/// Exit 0 when it ran, even with failures listed; 2 for usage/config; 1 when it could not run.
/// </summary>
public static class VulnerabilitiesCommand
{
    public static Command Create()
    {
        var configFile = new Option<FileInfo?>("--config")
        {
            Description = $"The config (YAML) naming vulnerabilities.osvDirectory; default ${RunCommand.ConfigEnvironmentVariable}.",
            HelpName = "FILE",
        };
        var baseUrl = new Option<string?>("--base-url")
        {
            Description = $"Where the exports are: {{URL}}/{{Ecosystem}}/all.zip (default {OsvExportOptions.DefaultBaseUrl}).",
            HelpName = "URL",
        };
        var ecosystems = new Option<string[]>("--ecosystem")
        {
            Description = "An ecosystem folder to fetch, e.g. Debian or 'Red Hat' (repeatable; default: "
                + string.Join(", ", OsvExportOptions.DefaultEcosystems) + ").",
            HelpName = "NAME",
        };

        var update = new Command("update", "Download OSV's bulk exports into vulnerabilities.osvDirectory (only what changed).")
        {
            configFile, baseUrl, ecosystems,
        };
        update.SetAction((parsed, cancellationToken) => UpdateAsync(
            parsed.GetValue(configFile)?.FullName ?? Environment.GetEnvironmentVariable(RunCommand.ConfigEnvironmentVariable),
            parsed.GetValue(baseUrl), parsed.GetValue(ecosystems) ?? [],
            parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error, cancellationToken));

        return new Command("vulnerabilities", "Manage the vulnerability data RefreshBot matches against.") { update };
    }

    private static async Task<int> UpdateAsync(
        string? configPath, string? baseUrlText, string[] ecosystems, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        const string Verb = "refreshbot vulnerabilities update";
        if (string.IsNullOrEmpty(configPath))
        {
            await error.WriteLineAsync($"{Verb}: no config: pass --config FILE or set {RunCommand.ConfigEnvironmentVariable}.").ConfigureAwait(false);
            return ExitCodes.UsageOrConfig;
        }

        var baseUrl = OsvExportOptions.DefaultBaseUrl;
        if (baseUrlText is not null
            && (!Uri.TryCreate(baseUrlText, UriKind.Absolute, out baseUrl!) || baseUrl.Scheme is not ("http" or "https") || baseUrl.UserInfo.Length > 0))
        {
            await error.WriteLineAsync($"{Verb}: --base-url: expected an http(s) URL without credentials, got '{baseUrlText}'.").ConfigureAwait(false);
            return ExitCodes.UsageOrConfig;
        }

        if (ecosystems.FirstOrDefault(e => !OsvExportDownloader.IsValidEcosystemName(e)) is { } bad)
        {
            await error.WriteLineAsync($"{Verb}: --ecosystem: '{bad}' is not a folder name such as Debian or 'Red Hat'.").ConfigureAwait(false);
            return ExitCodes.UsageOrConfig;
        }

        string folder;
        try
        {
            var config = ConfigLoader.LoadFile(configPath);
            if (config.Vulnerabilities.OsvDirectory is not { } directory)
            {
                await error.WriteLineAsync($"{Verb}: the config has no vulnerabilities.osvDirectory to download into.").ConfigureAwait(false);
                return ExitCodes.UsageOrConfig;
            }

            folder = directory;
        }
        catch (ConfigException e)
        {
            await error.WriteLineAsync("refreshbot: configuration error: " + e.Message).ConfigureAwait(false);
            return ExitCodes.UsageOrConfig;
        }

        if (OsvExportUpdate.FolderProblem(folder) is { } problem)
        {
            await error.WriteLineAsync($"{Verb}: {problem}").ConfigureAwait(false);
            return ExitCodes.UsageOrConfig;
        }

        try
        {
            using var loggers = new SerilogLoggerFactory(Log.Logger, dispose: false);
            using var http = new HttpClient { Timeout = OsvExportUpdate.HttpTimeout };
            var update = new OsvExportUpdate(http, loggers.CreateLogger<OsvExportDownloader>());
            var results = await update.RunAsync(folder, baseUrl, ecosystems, cancellationToken).ConfigureAwait(false);
            foreach (var result in results)
            {
                await output.WriteLineAsync(OsvExportUpdate.Describe(result)).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.Warning("Vulnerability update cancelled");
            return ExitCodes.Failure;
        }
        catch (Exception e)
        {
            Log.Fatal(e, "Vulnerability update could not run");
            await error.WriteLineAsync($"{Verb}: could not run: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }
}
