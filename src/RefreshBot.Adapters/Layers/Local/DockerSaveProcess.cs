using System.ComponentModel;
using System.Diagnostics;
using System.Text.RegularExpressions;
using RefreshBot.Adapters.Layers.Reading;
using RefreshBot.Domain.References;

namespace RefreshBot.Adapters.Layers.Local;

/// <summary>
/// <c>docker save &lt;image&gt;</c> with its standard output streamed into a <see cref="DockerSaveArchive"/>.
/// The process is killed when reading fails or is cancelled; a non-zero exit is an error with the tail of stderr.
/// </summary>
internal static partial class DockerSaveProcess
{
    private const int MaxStderrChars = 2000;

    /// <summary>True for an image id (<c>sha256:&lt;hex&gt;</c>, or 12 to 64 hex digits) or an image reference; never an option.</summary>
    public static bool IsValidImage(string image) =>
        ImageId().IsMatch(image) || (!image.StartsWith('-') && ImageReference.TryParse(image, out _, out _));

    public static async Task ReadAsync(string docker, string? dockerHost, string image, DockerSaveArchive archive, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(docker)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        if (dockerHost is not null)
        {
            start.Environment["DOCKER_HOST"] = dockerHost;
        }

        start.ArgumentList.Add("save");
        start.ArgumentList.Add(image);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new LayerReadException($"could not start {docker}");
        }
        catch (Win32Exception e)
        {
            throw new LayerReadException($"could not run '{docker} save' ({e.Message}); is the docker CLI installed?", e);
        }

        using (process)
        {
            var stderr = ReadTailAsync(process.StandardError);
            try
            {
                await archive.ReadAsync(process.StandardOutput.BaseStream, cancellationToken);
                await process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, cancellationToken);
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (Exception e) when (LayerFailure.IsLayerFailure(e))
            {
                // an unreadable archive is usually docker failing (no such image): its own message says more
                if (process.WaitForExit(TimeSpan.FromSeconds(5)) && process.ExitCode != 0)
                {
                    throw new LayerReadException($"docker save exited with {process.ExitCode}: {(await stderr).Trim()}", e);
                }

                Kill(process);
                throw;
            }
            catch
            {
                Kill(process);
                throw;
            }

            if (process.ExitCode != 0)
            {
                throw new LayerReadException($"docker save exited with {process.ExitCode}: {(await stderr).Trim()}");
            }
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already exited
        }
    }

    private static async Task<string> ReadTailAsync(StreamReader reader)
    {
        var text = await reader.ReadToEndAsync();
        return text.Length <= MaxStderrChars ? text : "…" + text[^MaxStderrChars..];
    }

    [GeneratedRegex("^(sha256:[0-9a-f]{64}|[0-9a-f]{12,64})$")]
    private static partial Regex ImageId();
}
