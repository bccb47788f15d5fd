using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RefreshBot.Adapters.Credentials;

/// <summary>
/// Runs a Docker credential helper: <c>docker-credential-&lt;name&gt; get</c> with the server address on
/// stdin, reading <c>{"ServerURL","Username","Secret"}</c>. Username <c>&lt;token&gt;</c> means the secret
/// is an identity token. The helper is found on PATH.
/// </summary>
public sealed partial class CredentialHelper(string name, TimeSpan? timeout = null)
{
    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromSeconds(15);

    public string Name { get; } = ValidName().IsMatch(name) ? name : throw new ArgumentException($"invalid credential helper name '{name}'");

    public string Executable => "docker-credential-" + Name;

    /// <returns>Credentials, or null when the helper has none for <paramref name="serverAddress"/>.</returns>
    /// <exception cref="CredentialHelperException">The helper is missing, failed, timed out or printed nonsense.</exception>
    public async Task<RegistryCredential?> GetAsync(string serverAddress, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Executable, "get")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new CredentialHelperException($"could not start {Executable}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new CredentialHelperException($"credential helper {Executable} not found on PATH", e);
        }

        using (process)
        {
            using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeoutSource.CancelAfter(_timeout);
            try
            {
                await process.StandardInput.WriteAsync(serverAddress);
                process.StandardInput.Close();
                var stdout = process.StandardOutput.ReadToEndAsync(timeoutSource.Token);
                var stderr = process.StandardError.ReadToEndAsync(timeoutSource.Token);
                await process.WaitForExitAsync(timeoutSource.Token);
                return Interpret(process.ExitCode, await stdout, await stderr);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                throw new CredentialHelperException($"credential helper {Executable} timed out after {_timeout.TotalSeconds:0} s");
            }
        }
    }

    private RegistryCredential? Interpret(int exitCode, string stdout, string stderr)
    {
        if (exitCode != 0)
        {
            // docker-credential-helpers print "credentials not found in native keychain" for a miss.
            var text = (stdout + stderr).Trim();
            if (text.Contains("credentials not found", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            // Never echo helper output: it may contain secrets.
            throw new CredentialHelperException($"credential helper {Executable} failed with exit code {exitCode}");
        }

        try
        {
            using var json = JsonDocument.Parse(stdout);
            var username = json.RootElement.TryGetProperty("Username", out var u) ? u.GetString() : null;
            var secret = json.RootElement.TryGetProperty("Secret", out var s) ? s.GetString() : null;
            if (string.IsNullOrEmpty(secret))
            {
                return null;
            }

            return username == "<token>"
                ? new RegistryCredential(null, null, secret)
                : new RegistryCredential(username, secret);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new CredentialHelperException($"credential helper {Executable} printed output that is not the expected JSON");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex ValidName();
}

/// <summary>A credential helper could not answer. The message never contains helper output.</summary>
public sealed class CredentialHelperException(string message, Exception? inner = null) : Exception(message, inner);
