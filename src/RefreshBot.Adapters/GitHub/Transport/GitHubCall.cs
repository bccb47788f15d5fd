using Microsoft.Extensions.Logging;
using RefreshBot.Application.Refresh.Ports;

namespace RefreshBot.Adapters.GitHub.Transport;

/// <summary>
/// Runs one GitHub API call on behalf of a repository: applies the caller's cancellation, classifies failures
/// and logs them. Retries only happen below, in <see cref="TransientRetry"/> (never for a POST that may have reached
/// GitHub): a failed POST is reported, not replayed (that could duplicate a pull request).
/// </summary>
internal sealed partial class GitHubCall(TimeProvider time, ILogger logger)
{
    public async Task<T> RunAsync<T>(string repository, string request, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        AmbientCancellation.Set(cancellationToken);
        try
        {
            var result = await call();
            LogRequest(logger, repository, request);
            return result;
        }
        catch (Exception e) when (GitHubFailures.Classify(e, request, time.GetUtcNow(), cancellationToken) is { } failure)
        {
            LogFailure(logger, repository, request, failure.Kind, failure.RetryAt, failure.Message);
            throw failure;
        }
    }

    public Task RunAsync(string repository, string request, Func<Task> call, CancellationToken cancellationToken) =>
        RunAsync(repository, request, async () =>
        {
            await call();
            return true;
        }, cancellationToken);

    [LoggerMessage(Level = LogLevel.Debug, Message = "GitHub {Request} for {Repository} succeeded")]
    private static partial void LogRequest(ILogger logger, string repository, string request);

    [LoggerMessage(Level = LogLevel.Warning, Message = "GitHub {Request} for {Repository} failed ({Kind}, retry at {RetryAt}): {Failure}")]
    private static partial void LogFailure(ILogger logger, string repository, string request, CodeHostErrorKind kind, DateTimeOffset? retryAt, string failure);
}
