using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace RefreshBot.Testing.Git;

/// <summary>
/// Runs <c>git http-backend</c> as a CGI program for one request: request body streamed to its stdin,
/// its header block parsed (including <c>Status:</c>) and the rest of its stdout streamed as the response body.
/// </summary>
internal static class GitCgi
{
    public static async Task RunAsync(HttpContext context, string projectRoot, string user, GitFault? drop, Action stalled, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("http-backend");
        var env = start.Environment;
        env["GIT_PROJECT_ROOT"] = projectRoot;
        env["GIT_HTTP_EXPORT_ALL"] = "1";
        env["GIT_CONFIG_NOSYSTEM"] = "1";
        env["REMOTE_USER"] = user;
        env["REMOTE_ADDR"] = context.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1";
        env["GATEWAY_INTERFACE"] = "CGI/1.1";
        env["SERVER_PROTOCOL"] = request.Protocol;
        env["REQUEST_METHOD"] = request.Method;
        env["PATH_INFO"] = request.Path.Value ?? "/";
        env["QUERY_STRING"] = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        env["CONTENT_TYPE"] = request.ContentType ?? "";
        if (request.ContentLength is { } length)
        {
            env["CONTENT_LENGTH"] = length.ToString(CultureInfo.InvariantCulture);
        }

        if (request.Headers["Git-Protocol"].ToString() is { Length: > 0 } protocol)
        {
            env["GIT_PROTOCOL"] = protocol;
        }

        if (request.Headers.ContentEncoding.ToString() is { Length: > 0 } encoding)
        {
            env["HTTP_CONTENT_ENCODING"] = encoding;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("git http-backend could not be started");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        var feed = FeedAsync(request.Body, process.StandardInput.BaseStream, cancellationToken);
        try
        {
            var stdout = process.StandardOutput.BaseStream;
            var (status, headers, rest) = await ReadHeadersAsync(stdout, cancellationToken);
            context.Response.StatusCode = status;
            foreach (var (name, value) in headers)
            {
                context.Response.Headers.Append(name, value);
            }

            if (drop is { Kind: GitFaultKind.Stall })
            {
                // The whole answer is known; half of it (pack bytes included) reaches the client, then nothing more.
                using var all = new MemoryStream();
                all.Write(rest);
                await stdout.CopyToAsync(all, cancellationToken);
                var bytes = all.ToArray();
                await context.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), cancellationToken);
                await context.Response.Body.FlushAsync(cancellationToken);
                stalled();
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    // The client went away (killed): that is the point.
                }

                return;
            }

            if (drop is not null)
            {
                // Send the headers and part of the body, let it reach the client, then cut the connection
                // (a connection dropped before any response byte would be silently retried by curl).
                var part = rest;
                if (part.Length == 0)
                {
                    var first = new byte[64];
                    part = first[..await stdout.ReadAsync(first, cancellationToken)];
                }

                await context.Response.Body.WriteAsync(part.AsMemory(0, (part.Length + 1) / 2), cancellationToken);
                await context.Response.Body.FlushAsync(cancellationToken);
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
                context.Abort();
                process.Kill(entireProcessTree: true);
                return;
            }

            await context.Response.Body.WriteAsync(rest, cancellationToken);
            await stdout.CopyToAsync(context.Response.Body, cancellationToken);
            await feed;
            await process.WaitForExitAsync(cancellationToken);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await Task.WhenAny(feed, Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None));
            _ = await Task.WhenAny(stderr, Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None));
        }
    }

    private static async Task FeedAsync(Stream body, Stream stdin, CancellationToken cancellationToken)
    {
        try
        {
            await body.CopyToAsync(stdin, cancellationToken);
        }
        catch (IOException)
        {
            // http-backend stopped reading (e.g. it refused the request); its answer says why.
        }
        finally
        {
            try
            {
                await stdin.DisposeAsync();
            }
            catch (IOException)
            {
                // Broken pipe when the process already exited.
            }
        }
    }

    /// <summary>Reads the CGI header block (up to the blank line); returns status, headers and the body bytes already read.</summary>
    private static async Task<(int Status, List<(string Name, string Value)> Headers, byte[] Body)> ReadHeadersAsync(
        Stream stdout, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int end;
        while ((end = HeaderEnd(buffer.GetBuffer(), (int)buffer.Length, out _)) < 0)
        {
            var read = await stdout.ReadAsync(chunk, cancellationToken);
            if (read == 0)
            {
                throw new InvalidOperationException("git http-backend ended before its header block");
            }

            buffer.Write(chunk, 0, read);
        }

        var all = buffer.ToArray();
        HeaderEnd(all, all.Length, out var sep);
        var text = Encoding.ASCII.GetString(all, 0, end);
        var status = 200;
        var headers = new List<(string, string)>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
            {
                status = int.Parse(value.Split(' ')[0], CultureInfo.InvariantCulture);
            }
            else
            {
                headers.Add((name, value));
            }
        }

        return (status, headers, all[(end + sep)..]);
    }

    private static int HeaderEnd(byte[] data, int length, out int separatorLength)
    {
        for (var i = 0; i < length - 1; i++)
        {
            if (data[i] == '\n' && data[i + 1] == '\n')
            {
                separatorLength = 2;
                return i;
            }

            if (i < length - 3 && data[i] == '\r' && data[i + 1] == '\n' && data[i + 2] == '\r' && data[i + 3] == '\n')
            {
                separatorLength = 4;
                return i;
            }
        }

        separatorLength = 0;
        return -1;
    }
}
