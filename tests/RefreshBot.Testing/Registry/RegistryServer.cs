using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace RefreshBot.Testing.Registry;

/// <summary>
/// A real CNCF distribution registry (<c>docker-registry serve</c>) on 127.0.0.1 with an ephemeral
/// port, filesystem storage in a temporary directory and deletes enabled. Dispose kills the
/// process and deletes the directory. Fails loudly when <c>docker-registry</c> is missing.
/// </summary>
public sealed class RegistryServer : IAsyncDisposable
{
    private const string ExecutableName = "docker-registry";
    private readonly Process _process;
    private readonly StringBuilder _output;

    private RegistryServer(Process process, StringBuilder output, string directory, int port, RegistryAuth auth)
    {
        _process = process;
        _output = output;
        Directory = directory;
        Port = port;
        Auth = auth;
    }

    /// <summary><c>127.0.0.1:PORT</c>, usable as the domain of an image reference.</summary>
    public string Host => "127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

    public Uri BaseUri => new("http://" + Host + "/");

    public int Port { get; }

    public RegistryAuth Auth { get; }

    /// <summary>Temporary directory holding config, storage and htpasswd file.</summary>
    public string Directory { get; }

    /// <summary>What the registry process printed so far (for diagnosing a failed test).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="notifications">Where the registry sends its push/pull notifications (CNCF distribution webhooks); none when null.</param>
    public static async Task<RegistryServer> StartAsync(
        RegistryAuth? auth = null, CancellationToken cancellationToken = default, RegistryNotifications? notifications = null)
    {
        auth ??= new RegistryAuth.None();
        var directory = System.IO.Directory.CreateTempSubdirectory("refreshbot-registry-").FullName;
        try
        {
            var port = FreePort.Next();
            var authSection = await WriteAuthAsync(auth, directory, cancellationToken);
            var configPath = Path.Combine(directory, "config.yml");
            await File.WriteAllTextAsync(configPath, Config(port, directory, authSection) + "\n" + (notifications?.ConfigSection() ?? ""), cancellationToken);

            var output = new StringBuilder();
            var process = StartProcess(configPath, output);
            var server = new RegistryServer(process, output, directory, port, auth);
            try
            {
                await server.WaitUntilReadyAsync(cancellationToken);
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }

            return server;
        }
        catch (Exception) when (DeleteQuietly(directory))
        {
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.Dispose();
        DeleteQuietly(Directory);
    }

    private static string Config(int port, string directory, string authSection) => $"""
        version: 0.1
        log:
          level: warn
          accesslog:
            disabled: true
        storage:
          filesystem:
            rootdirectory: {Path.Combine(directory, "storage")}
          delete:
            enabled: true
          cache:
            blobdescriptor: inmemory
        http:
          addr: 127.0.0.1:{port}
          debug:
            addr: ""
        {authSection}
        """;

    private static async Task<string> WriteAuthAsync(RegistryAuth auth, string directory, CancellationToken cancellationToken)
    {
        switch (auth)
        {
            case RegistryAuth.Basic basic:
                var htpasswdPath = Path.Combine(directory, "htpasswd");
                var line = await RunHtpasswdAsync(basic.Username, basic.Password, cancellationToken);
                await File.WriteAllTextAsync(htpasswdPath, line + "\n", cancellationToken);
                return $"""
                    auth:
                      htpasswd:
                        realm: refreshbot-test
                        path: {htpasswdPath}
                    """;
            case RegistryAuth.Token token:
                var bundlePath = Path.Combine(directory, "token-root.pem");
                await File.WriteAllTextAsync(bundlePath, token.Server.CertificatePem, cancellationToken);
                return $"""
                    auth:
                      token:
                        realm: {token.Server.Realm}
                        service: {token.Server.Service}
                        issuer: {token.Server.Issuer}
                        rootcertbundle: {bundlePath}
                    """;
            default:
                return "";
        }
    }

    private static async Task<string> RunHtpasswdAsync(string username, string password, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("htpasswd")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-Bbn", username, password })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException("could not start htpasswd (Debian package apache2-utils)");
        var stdout = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("htpasswd failed: " + stderr.Trim());
        }

        return stdout.Trim();
    }

    private static Process StartProcess(string configPath, StringBuilder output)
    {
        var start = new ProcessStartInfo(ExecutableName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add(configPath);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + ExecutableName);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"'{ExecutableName}' is not installed (Debian package docker-registry); integration tests need it", e);
        }

        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"docker-registry exited with {_process.ExitCode}: {Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseUri, "v2/"), cancellationToken);
                // 200 without auth, 401 with auth: either way the API answers.
                if ((int)response.StatusCode is 200 or 401)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(50, cancellationToken);
        }

        throw new TimeoutException("docker-registry did not answer /v2/ within 20 s: " + Output);
    }

    private static bool DeleteQuietly(string directory)
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return false;
    }
}
