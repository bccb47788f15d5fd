using System.CommandLine;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RefreshBot.Adapters.History;
using RefreshBot.Adapters.Reports;
using RefreshBot.Application.Refresh.History;
using RefreshBot.Application.Reporting;
using RefreshBot.Application.Reporting.Publishing;
using RefreshBot.Domain.Reports.Weekly;
using RefreshBot.Host.Composition;
using RefreshBot.Host.Config;
using Serilog;

namespace RefreshBot.Host.Cli;

/// <summary>
/// <c>refreshbot report [--config FILE] [--week 2026-W48] [--format md|html|json] [--out PATH] [--publish]</c>: the
/// weekly digest of one ISO week (default: the current week, UTC, as of now) from the history, rendered to stdout or a
/// file. <c>--publish</c> also delivers it to what <c>digest:</c> configures, as the weekly job does. Exit 0 when done,
/// 2 for usage/config errors, 1 when it could not build, write or publish everywhere (each failure is printed).
/// </summary>
public static class ReportCommand
{
    private static readonly string[] Formats = ["md", "html", "json"];

    public static Command Create()
    {
        var configFile = new Option<FileInfo?>("--config")
        {
            Description = $"The fleet config (YAML); default ${RunCommand.ConfigEnvironmentVariable}.",
            HelpName = "FILE",
        };
        var week = new Option<string?>("--week")
        {
            Description = "The ISO week, e.g. 2026-W48 (default: the current week, UTC).",
            HelpName = "YYYY-Www",
        };
        var format = new Option<string>("--format")
        {
            Description = "md (Markdown, default), html (a self-contained page) or json.",
            DefaultValueFactory = _ => "md",
        };
        format.AcceptOnlyFromAmong(Formats);
        var output = new Option<FileInfo?>("--out")
        {
            Description = "Write the digest to this file instead of stdout.",
            HelpName = "PATH",
        };
        var publish = new Option<bool>("--publish")
        {
            Description = "Also publish it as configured under digest: (GitHub issue, e-mail, HTML folder), like the weekly job.",
        };

        var command = new Command("report", "The weekly digest: what got fresher, what is stale, what it cost in risk.")
        {
            configFile, week, format, output, publish,
        };
        command.SetAction((parsed, cancellationToken) => RunAsync(
            new ReportRequest(
                parsed.GetValue(configFile)?.FullName ?? Environment.GetEnvironmentVariable(RunCommand.ConfigEnvironmentVariable),
                parsed.GetValue(week), parsed.GetValue(format)!, parsed.GetValue(output)?.FullName, parsed.GetValue(publish)),
            parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    /// <summary>Renders <paramref name="digest"/> in <paramref name="format"/> (<c>md</c>, <c>html</c>, <c>json</c>).</summary>
    public static string Render(WeeklyDigest digest, string format) => format switch
    {
        "html" => WeeklyDigestHtml.Render(digest),
        "json" => WeeklyDigestJson.Render(digest),
        _ => WeeklyDigestMarkdown.Render(digest),
    };

    private sealed record ReportRequest(string? ConfigPath, string? Week, string Format, string? OutPath, bool Publish);

    private static async Task<int> RunAsync(ReportRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.ConfigPath))
        {
            await error.WriteLineAsync($"refreshbot report: no config: pass --config FILE or set {RunCommand.ConfigEnvironmentVariable}.").ConfigureAwait(false);
            return ExitCodes.UsageOrConfig;
        }

        var now = TimeProvider.System.GetUtcNow();
        var week = IsoWeek.Of(now);
        if (request.Week is { } weekText && !IsoWeek.TryParse(weekText, out week))
        {
            await error.WriteLineAsync($"refreshbot report: --week: expected an ISO week such as 2026-W48 (year, 'W', week 01-52 or 53), got '{weekText}'.")
                .ConfigureAwait(false);
            return ExitCodes.UsageOrConfig;
        }

        RefreshBotConfig config;
        try
        {
            config = ConfigLoader.LoadFile(request.ConfigPath);
        }
        catch (ConfigException e)
        {
            await error.WriteLineAsync("refreshbot: configuration error: " + e.Message).ConfigureAwait(false);
            return ExitCodes.UsageOrConfig;
        }

        if (request.Publish && !config.Digest.PublishesAnywhere)
        {
            await error.WriteLineAsync("refreshbot report: --publish: the config has no digest: section (github, email or html) to publish to.")
                .ConfigureAwait(false);
            return ExitCodes.UsageOrConfig;
        }

        try
        {
            await using var history = await HistoryStores.OpenAsync(config.Storage.Database, cancellationToken).ConfigureAwait(false);
            await using var services = Compose(config, history);
            var digest = await services.GetRequiredService<WeeklyDigestBuilder>()
                .BuildAsync(week, config.Repositories, now, cancellationToken).ConfigureAwait(false);
            await WriteAsync(Render(digest, request.Format), request.OutPath, output, cancellationToken).ConfigureAwait(false);
            if (!request.Publish)
            {
                return ExitCodes.Success;
            }

            var report = await services.GetRequiredService<DigestDelivery>().PublishAsync(digest, cancellationToken).ConfigureAwait(false);
            foreach (var outcome in report.Outcomes)
            {
                await error.WriteLineAsync(outcome.Succeeded
                    ? $"refreshbot report: {week} published to {outcome.Channel}: {outcome.Where}"
                    : $"refreshbot report: {week} not published to {outcome.Channel}: {outcome.Failure}").ConfigureAwait(false);
            }

            return report.AllSucceeded ? ExitCodes.Success : ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Failure;
        }
        catch (Exception e)
        {
            Log.Error(e, "The report could not be made");
            await error.WriteLineAsync("refreshbot report: could not make the report: " + e.Message).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }

    private static ServiceProvider Compose(RefreshBotConfig config, IHistoryStore history)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddSerilog(dispose: false));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IRefreshHistory>(history);
        services.AddSingleton<IImageUsageIndex>(history);
        services.AddRefreshBotDigest(config);
        return services.BuildServiceProvider();
    }

    private static async Task WriteAsync(string text, string? path, TextWriter output, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            await output.WriteAsync(text).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, text, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
    }
}
