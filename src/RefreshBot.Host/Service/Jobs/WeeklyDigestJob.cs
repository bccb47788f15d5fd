using Microsoft.Extensions.Logging;
using Quartz;

namespace RefreshBot.Host.Service.Jobs;

/// <summary>
/// The weekly digest's slot (<c>service.digest</c>). The digest itself is not built yet (a later release): this job
/// only says so, and writes nothing.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class WeeklyDigestJob(ILogger<WeeklyDigestJob> logger) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        LogNotBuilt(logger, context.ScheduledFireTimeUtc ?? context.FireTimeUtc);
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Weekly digest due at {Due}: the digest is not built yet in this release")]
    private static partial void LogNotBuilt(ILogger logger, DateTimeOffset due);
}
