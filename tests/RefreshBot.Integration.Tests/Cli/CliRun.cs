using System.Diagnostics;
using System.Text.Json;
using RefreshBot.Host.Cli;

namespace RefreshBot.Integration.Tests.Cli;

/// <summary>What one <c>refreshbot</c> invocation printed and returned.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>
    /// The data folder every CLI run of this test process (in-process and child processes) defaults to: a private
    /// temporary folder, so `check`'s history never lands in the home of whoever runs the tests.
    /// Tests that need their own folder pass --data-dir or REFRESHBOT_DATA_DIR to the child explicitly.
    /// </summary>
    public static readonly string DefaultDataFolder;

    // An explicit static constructor (not just a field initializer) so it runs before any static method is called.
    static CliRun()
    {
        DefaultDataFolder = Directory.CreateTempSubdirectory("refreshbot-test-data-").FullName;
        Environment.SetEnvironmentVariable("REFRESHBOT_DATA_DIR", DefaultDataFolder);
    }

    /// <summary>Runs the CLI in-process through its entry point, with stdout and stderr captured.</summary>
    public static async Task<CliRun> InProcessAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await RefreshBotCli.RunAsync(args, stdout, stderr);
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs the built <c>refreshbot</c> as a new process (through bash, so redirections can be tested).</summary>
    public static async Task<CliRun> ProcessAsync(string arguments, string redirect = "", IReadOnlyDictionary<string, string>? environment = null)
    {
        var dll = HostDll();
        Assert.True(File.Exists(dll), "refreshbot.dll not built: " + dll);
        var start = new ProcessStartInfo("bash", ["-c", $"exec dotnet '{dll}' {arguments} {redirect}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliRun(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The Host's own build output (same configuration as the tests), with its own deps and runtime config.</summary>
    private static string HostDll()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testBin.Name;
        var configuration = testBin.Parent!.Name;
        var root = testBin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "RefreshBot.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        return Path.Combine(root.FullName, "src", "RefreshBot.Host", "bin", configuration, framework, "refreshbot.dll");
    }

    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Stdout);
        return document.RootElement.Clone();
    }

    /// <summary>The JSON image entry of <paramref name="dockerfile"/> at <paramref name="line"/> (exactly one).</summary>
    public JsonElement Image(string dockerfile, int line, string? instruction = null)
    {
        var file = Json().GetProperty("dockerfiles").EnumerateArray().Single(d => d.GetProperty("path").GetString() == dockerfile);
        return file.GetProperty("images").EnumerateArray().Single(i =>
            i.GetProperty("line").GetInt32() == line
            && (instruction is null || i.GetProperty("instruction").GetString() == instruction));
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
