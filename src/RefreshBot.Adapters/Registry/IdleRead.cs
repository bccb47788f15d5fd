using System.Globalization;

namespace RefreshBot.Adapters.Registry;

/// <summary>
/// Reads of a response body that must make progress: each read gets the idle time to deliver at least one byte,
/// so a registry that stalls half-way through a body fails the read instead of hanging it.
/// </summary>
internal static class IdleRead
{
    public static async ValueTask<int> ReadAsync(Stream body, Memory<byte> buffer, TimeSpan idle, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(idle);
        try
        {
            return await body.ReadAsync(buffer, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException
            && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new IdleReadTimeoutException(idle, e);
        }
    }

    /// <summary><c>no data within 30 s</c>.</summary>
    public static string Describe(TimeSpan idle) =>
        $"no data within {idle.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s";
}

/// <summary>A body read made no progress within its idle time.</summary>
internal sealed class IdleReadTimeoutException(TimeSpan idle, Exception inner) : TimeoutException(IdleRead.Describe(idle), inner);
