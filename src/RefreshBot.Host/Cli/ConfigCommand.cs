using System.CommandLine;
using RefreshBot.Host.Config;

namespace RefreshBot.Host.Cli;

/// <summary>
/// <c>refreshbot config validate [--config FILE]</c>: loads the config exactly as <c>run</c> does (secrets from the
/// environment and files, Quartz crons parsed, paths checked) and prints every error as
/// <c>file:line:column: key: what was expected</c>. Exit 0 when valid, 2 when not (or no config given).
/// </summary>
public static class ConfigCommand
{
    public static Command Create()
    {
        var configFile = new Option<FileInfo?>("--config")
        {
            Description = $"The fleet config (YAML); default ${RunCommand.ConfigEnvironmentVariable}.",
            HelpName = "FILE",
        };
        var validate = new Command("validate", "Check the config as the service would load it; print every error with file:line:column.")
        {
            configFile,
        };
        validate.SetAction((parsed, _) => ValidateAsync(
            parsed.GetValue(configFile)?.FullName ?? Environment.GetEnvironmentVariable(RunCommand.ConfigEnvironmentVariable),
            parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error));

        return new Command("config", "Work with the fleet config.") { validate };
    }

    /// <summary>Every error of <paramref name="invalid"/>, one line each in file order, then how many there are;
    /// the same lines for <c>config validate</c> and a <c>run</c> that refuses to start.</summary>
    public static async Task WriteErrorsAsync(ConfigException invalid, TextWriter error)
    {
        foreach (var problem in invalid.All)
        {
            await error.WriteLineAsync(problem.Message).ConfigureAwait(false);
        }

        var count = invalid.All.Count;
        await error.WriteLineAsync($"{invalid.File}: {count} {(count == 1 ? "error" : "errors")}").ConfigureAwait(false);
    }

    private static async Task<int> ValidateAsync(string? configPath, TextWriter output, TextWriter error)
    {
        if (string.IsNullOrEmpty(configPath))
        {
            await error.WriteLineAsync($"refreshbot config validate: no config: pass --config FILE or set {RunCommand.ConfigEnvironmentVariable}.")
                .ConfigureAwait(false);
            return ExitCodes.UsageOrConfig;
        }

        try
        {
            var config = ConfigLoader.LoadFile(configPath);
            await output.WriteLineAsync(
                $"{configPath}: valid ({Count(config.Repositories.Count, "repository", "repositories")}, "
                + $"{Count(config.Registries.Count, "registry", "registries")}, history: {config.Storage.Database})").ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (ConfigException e)
        {
            await WriteErrorsAsync(e, error).ConfigureAwait(false);
            return ExitCodes.UsageOrConfig;
        }
    }

    private static string Count(int count, string one, string many) => $"{count} {(count == 1 ? one : many)}";
}
