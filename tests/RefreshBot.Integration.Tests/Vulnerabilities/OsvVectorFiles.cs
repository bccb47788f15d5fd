namespace RefreshBot.Integration.Tests.Vulnerabilities;

/// <summary>The OSV vector records kept under tests/RefreshBot.Domain.Tests/Vectors/osv (found from RefreshBot.sln).</summary>
internal static class OsvVectorFiles
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "RefreshBot.sln")))
                {
                    return Path.Combine(dir.FullName, "tests", "RefreshBot.Domain.Tests", "Vectors", "osv");
                }
            }

            throw new DirectoryNotFoundException("RefreshBot.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string Records(string ecosystemFolder) => Path.Combine(Root, "records", ecosystemFolder);
}
