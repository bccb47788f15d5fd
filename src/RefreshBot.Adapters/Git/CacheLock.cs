using RefreshBot.Application.Refresh.Ports;

namespace RefreshBot.Adapters.Git;

/// <summary>
/// Exclusive use of one repository's cache folder across threads and processes: an open-exclusive lock file
/// (<c>&lt;cache&gt;/.lock</c>), retried every 100 ms; after <paramref name="timeout"/> the work is skipped as
/// <see cref="WorkspaceErrorKind.Transient"/> (another worker holds it).
/// </summary>
internal sealed class CacheLock : IDisposable
{
    private readonly FileStream _stream;

    private CacheLock(FileStream stream) => _stream = stream;

    public static async Task<CacheLock> AcquireAsync(string cacheFolder, string repository, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(cacheFolder);
        var path = Path.Combine(cacheFolder, ".lock");
        var deadline = time.GetUtcNow() + timeout;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return new CacheLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (time.GetUtcNow() < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), time, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new WorkspaceException(WorkspaceErrorKind.Transient, repository, $"the cached clone is busy (locked by another worker): {e.Message}");
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
