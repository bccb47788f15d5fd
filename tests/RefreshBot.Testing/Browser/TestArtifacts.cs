namespace RefreshBot.Testing.Browser;

/// <summary>Files tests keep for people to look at: <c>artifacts/</c> at the repository root (git-ignored).</summary>
public static class TestArtifacts
{
    /// <summary><c>artifacts/screenshots/<paramref name="name"/></c>, its folder created.</summary>
    public static string Screenshot(string name)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "RefreshBot.sln")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new DirectoryNotFoundException("RefreshBot.sln not found above " + AppContext.BaseDirectory);
        }

        var folder = Path.Combine(root.FullName, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
