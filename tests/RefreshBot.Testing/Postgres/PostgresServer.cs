using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using RefreshBot.Testing.Registry;

namespace RefreshBot.Testing.Postgres;

/// <summary>
/// A real PostgreSQL server for tests (Debian package <c>postgresql</c>, binaries in <c>/usr/lib/postgresql/*/bin</c>):
/// <c>initdb</c> into a temporary directory, <c>postgres</c> on 127.0.0.1 with a free port and its socket in that
/// directory; a superuser that logs in with a password over TCP (SCRAM), so connection strings carry a password like
/// real ones. PostgreSQL refuses to run as root: under root the server runs as the <c>postgres</c> system user
/// (<c>setpriv</c>), owning the directory. Startup takes seconds: share one server per test collection and give each
/// test its own database (<see cref="CreateDatabaseAsync"/>). Dispose stops it and deletes the directory. Fails loudly
/// when the binaries are missing.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string Username = "refreshbot";

    private const string BinariesRoot = "/usr/lib/postgresql";
    private const string SystemUser = "postgres";

    private readonly Process _process;
    private readonly StringBuilder _output;
    private readonly string _binaries;
    private int _databases;

    private PostgresServer(Process process, StringBuilder output, string binaries, string directory, int port, string password)
    {
        _process = process;
        _output = output;
        _binaries = binaries;
        Directory = directory;
        Port = port;
        Password = password;
    }

    public string Host => "127.0.0.1";

    public int Port { get; }

    /// <summary>The password of <see cref="Username"/> (random per server).</summary>
    public string Password { get; }

    /// <summary>Temporary directory holding the data directory (<c>data</c>) and the socket (<c>socket</c>).</summary>
    public string Directory { get; }

    /// <summary>What the server printed so far (for diagnosing a failed test).</summary>
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

    private string DataDirectory => Path.Combine(Directory, "data");

    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var binaries = FindBinaries();
        var directory = System.IO.Directory.CreateTempSubdirectory("refreshbot-postgres-").FullName;
        try
        {
            var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();
            var socket = System.IO.Directory.CreateDirectory(Path.Combine(directory, "socket")).FullName;
            var passwordFile = Path.Combine(directory, "password");
            await File.WriteAllTextAsync(passwordFile, password + "\n", cancellationToken);
            if (RunsAsRoot)
            {
                await RunAsync("chown", ["-R", $"{SystemUser}:{SystemUser}", directory], cancellationToken);
            }

            await RunAsync(
                Path.Combine(binaries, "initdb"),
                [
                    "-D", Path.Combine(directory, "data"), "--username", Username, "--pwfile", passwordFile, "--auth-host=scram-sha-256",
                    "--auth-local=scram-sha-256", "--encoding=UTF8", "--no-locale", "--no-sync",
                ],
                cancellationToken,
                asServerUser: true);
            File.Delete(passwordFile);

            var port = FreePort.Next();
            var output = new StringBuilder();
            var process = Start(
                Path.Combine(binaries, "postgres"),
                [
                    "-D", Path.Combine(directory, "data"), "-p", port.ToString(CultureInfo.InvariantCulture), "-k", socket,
                    "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                    "-c", "max_connections=200", "-c", "logging_collector=off",
                ],
                output,
                directory);
            var server = new PostgresServer(process, output, binaries, directory, port, password);
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

    /// <summary>A connection string (with <see cref="Username"/> and its password) to <paramref name="database"/>.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = Host,
        Port = Port,
        Database = database,
        Username = Username,
        Password = Password,
        Timeout = 30,
    }.ToString();

    /// <summary>Creates a new empty database (a unique name when none is given) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null, CancellationToken cancellationToken = default)
    {
        name ??= "test_" + Interlocked.Increment(ref _databases).ToString(CultureInfo.InvariantCulture) + "_" + Guid.NewGuid().ToString("N")[..8];
        if (name.Length is 0 or > 63 || !name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
        {
            throw new ArgumentException("database names here are 1-63 characters of a-z, 0-9 and _", nameof(name));
        }

        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            if (!_process.HasExited)
            {
                try
                {
                    using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                    await RunAsync(Path.Combine(_binaries, "pg_ctl"), ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "30"], stop.Token, asServerUser: true);
                }
                catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                }

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

    private static bool RunsAsRoot => Environment.UserName == "root";

    /// <summary>The newest <c>/usr/lib/postgresql/N/bin</c> holding <c>initdb</c> and <c>postgres</c>.</summary>
    private static string FindBinaries()
    {
        var found = System.IO.Directory.Exists(BinariesRoot)
            ? System.IO.Directory.GetDirectories(BinariesRoot)
                .Select(version => (Version: int.TryParse(Path.GetFileName(version), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1, Bin: Path.Combine(version, "bin")))
                .Where(v => v.Version >= 0 && File.Exists(Path.Combine(v.Bin, "initdb")) && File.Exists(Path.Combine(v.Bin, "postgres")))
                .OrderByDescending(v => v.Version)
                .Select(v => v.Bin)
                .FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            $"PostgreSQL server binaries (initdb, postgres) were not found in {BinariesRoot}/*/bin: install the Debian package postgresql " +
            "(scripts/test.sh does); the PostgreSQL tests need a real server");
    }

    /// <summary>Under root, the command as the <c>postgres</c> user (<c>setpriv</c> execs it: the process is the server itself).</summary>
    private static ProcessStartInfo StartInfo(string executable, IEnumerable<string> arguments, bool asServerUser, string? workingDirectory)
    {
        var wrap = asServerUser && RunsAsRoot;
        var start = new ProcessStartInfo(wrap ? "setpriv" : executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        if (wrap)
        {
            foreach (var argument in new[] { "--reuid=" + SystemUser, "--regid=" + SystemUser, "--init-groups", "--", executable })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static Process Start(string executable, IEnumerable<string> arguments, StringBuilder output, string workingDirectory)
    {
        var process = Process.Start(StartInfo(executable, arguments, asServerUser: true, workingDirectory))
            ?? throw new InvalidOperationException("could not start " + executable);
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task RunAsync(string executable, IReadOnlyList<string> arguments, CancellationToken cancellationToken, bool asServerUser = false)
    {
        using var process = Process.Start(StartInfo(executable, arguments, asServerUser, null))
            ?? throw new InvalidOperationException("could not start " + executable);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(executable)} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
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
        var deadline = DateTime.UtcNow.AddSeconds(60);
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"postgres exited with {_process.ExitCode}: {Output}");
            }

            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false;Timeout=2");
                await connection.OpenAsync(cancellationToken);
                return;
            }
            catch (NpgsqlException e)
            {
                last = e;
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"postgres did not accept connections within 60 s ({last?.Message}): {Output}");
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
