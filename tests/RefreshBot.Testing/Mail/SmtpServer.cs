using System.Diagnostics;
using System.Text;
using MimeKit;

namespace RefreshBot.Testing.Mail;

/// <summary>
/// A real SMTP server on 127.0.0.1 for the e-mail tests: aiosmtpd (Debian package <c>python3-aiosmtpd</c>, run by the
/// system's <c>/usr/bin/python3</c>) storing what it accepts in a Maildir, read back with MimeKit. Optionally it
/// requires a log-in (one accepted user and password) or rejects every log-in. Fails loudly when aiosmtpd is missing.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    public const string Python = "/usr/bin/python3";

    private readonly Process _process;
    private readonly StringBuilder _errors;

    private SmtpServer(Process process, StringBuilder errors, string directory, int port)
    {
        _process = process;
        _errors = errors;
        Directory = directory;
        Port = port;
    }

    public string Host => "127.0.0.1";

    public int Port { get; }

    /// <summary>Temporary folder holding the script and the Maildir (<c>mail</c>).</summary>
    public string Directory { get; }

    /// <summary>What the server wrote on stderr (its protocol errors), for diagnosing a failed test.</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>Starts the server: open, or requiring <paramref name="user"/>/<paramref name="password"/>, or (<paramref name="rejectLogins"/>) refusing every log-in.</summary>
    public static async Task<SmtpServer> StartAsync(string? user = null, string? password = null, bool rejectLogins = false, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} not found: the e-mail tests need Debian's python3 and python3-aiosmtpd (scripts/test.sh installs them)");
        }

        var directory = System.IO.Directory.CreateTempSubdirectory("refreshbot-smtp-").FullName;
        var script = Path.Combine(directory, "smtp-server.py");
        await using (var resource = typeof(SmtpServer).Assembly.GetManifestResourceStream("smtp-server.py")!)
        await using (var file = File.Create(script))
        {
            await resource.CopyToAsync(file, cancellationToken);
        }

        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { script, Path.Combine(directory, "mail") })
        {
            start.ArgumentList.Add(argument);
        }

        if (rejectLogins)
        {
            start.ArgumentList.Add("--reject-logins");
        }
        else if (user is not null)
        {
            start.ArgumentList.Add("--user");
            start.ArgumentList.Add(user);
            start.ArgumentList.Add("--password");
            start.ArgumentList.Add(password ?? "");
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + Python);
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        var ready = await process.StandardOutput.ReadLineAsync(deadline.Token);
        if (ready is null || !ready.StartsWith("READY ", StringComparison.Ordinal))
        {
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ConfigureAwait(false);
            string text;
            lock (errors)
            {
                text = errors.ToString();
            }

            throw new InvalidOperationException($"the SMTP server (aiosmtpd) did not start: {ready} {text}".Trim()
                + " — is Debian's python3-aiosmtpd installed? (scripts/test.sh installs it)");
        }

        return new SmtpServer(process, errors, directory, int.Parse(ready["READY ".Length..], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The messages delivered so far (Maildir <c>new</c>), oldest first, parsed.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var folder = Path.Combine(Directory, "mail", "new");
        if (!System.IO.Directory.Exists(folder))
        {
            return [];
        }

        return [.. new DirectoryInfo(folder).GetFiles().OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name).Select(f => MimeMessage.Load(f.FullName))];
    }

    /// <summary>Waits (up to <paramref name="timeout"/>, default 30 s) until at least <paramref name="count"/> messages arrived.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForMessagesAsync(int count, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var messages = Messages();
            if (messages.Count >= count || DateTime.UtcNow > until)
            {
                return messages;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            _process.Kill(entireProcessTree: true);
        }
        finally
        {
            _process.Dispose();
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
