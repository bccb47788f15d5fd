namespace RefreshBot.Testing.Source;

/// <summary>The checkout the tests run from: the folder holding <c>RefreshBot.sln</c>, found above the test output.</summary>
public static class SourceTree
{
    private static readonly Lazy<string> RootFolder = new(Find);

    public static string Root => RootFolder.Value;

    /// <summary>A path under the checkout, e.g. <c>Path("README.md")</c>.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "RefreshBot.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("RefreshBot.sln not found above " + AppContext.BaseDirectory);
    }
}
