using System.Diagnostics;

namespace RefreshBot.Integration.Tests.Cli;

/// <summary>A temporary folder of git repositories, as a user's checkouts would be.</summary>
public sealed class GitFleet : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("refreshbot-fleet-").FullName;

    /// <summary>Writes <paramref name="files"/> (relative path → text) into a new git repository and commits them.</summary>
    public void Repository(string name, params (string Path, string Text)[] files)
    {
        var folder = Path.Combine(Root, name);
        Directory.CreateDirectory(folder);
        foreach (var (path, text) in files)
        {
            Write(Path.Combine(name, path), text);
        }

        Git(folder, "init", "-q");
        Git(folder, "add", "-A");
        Git(folder, "-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "-qm", "initial");
    }

    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static void Git(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)} failed: {error}");
    }
}
