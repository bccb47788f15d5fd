namespace RefreshBot.Integration.Tests.Vulnerabilities.Scanners;

/// <summary>Real Trivy/Grype reports kept under tests/RefreshBot.Testing/Data/scanners (see NOTE.md there).</summary>
internal static class ScannerSamples
{
    public static string Path(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "RefreshBot.sln")))
            {
                return System.IO.Path.Combine(dir.FullName, "tests", "RefreshBot.Testing", "Data", "scanners", name);
            }
        }

        throw new DirectoryNotFoundException("RefreshBot.sln not found above " + AppContext.BaseDirectory);
    }

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path(name));
}
