using System.CommandLine;
using RefreshBot.Host.Logging;
using Serilog.Events;

namespace RefreshBot.Host.Cli;

/// <summary>The <c>refreshbot</c> command line: verbs, global options, exit codes.</summary>
public static class RefreshBotCli
{
    public static readonly Option<LogFormat> LogFormatOption = new("--log-format")
    {
        Description = "Log format on stderr: text or json (compact JSON, one event per line).",
        DefaultValueFactory = _ => LogFormat.Text,
        Recursive = true,
    };

    public static readonly Option<LogEventLevel> LogLevelOption = new("--log-level")
    {
        Description = "Lowest log level written to stderr (Verbose, Debug, Information, Warning, Error, Fatal).",
        DefaultValueFactory = _ => LogEventLevel.Information,
        Recursive = true,
    };

    /// <summary>Runs the command line; returns the process exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("RefreshBot: keeps container base images fresh across a fleet of Git repositories.")
        {
            LogFormatOption,
            LogLevelOption,
            CheckCommand.Create(),
            ConfigCommand.Create(),
            RunCommand.Create(),
            ReportCommand.Create(),
            VulnerabilitiesCommand.Create(),
        };

        var parsed = root.Parse(args);
        var invocation = new InvocationConfiguration { Output = output, Error = error };
        if (RunCommand.IsService(parsed))
        {
            invocation.ProcessTerminationTimeout = null;    // the service's host handles SIGTERM/Ctrl-C and stops gracefully
        }

        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors)
            {
                await error.WriteLineAsync("refreshbot: " + problem.Message).ConfigureAwait(false);
            }

            await error.WriteLineAsync("Run 'refreshbot --help' (or 'refreshbot <verb> --help') for usage.").ConfigureAwait(false);
            return ExitCodes.UsageOrConfig;
        }

        Serilog.Log.Logger = CliLogging.Create(parsed.GetValue(LogFormatOption), parsed.GetValue(LogLevelOption));
        return await parsed.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }
}
