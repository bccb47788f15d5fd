namespace RefreshBot.Domain.Tests.Packages;

/// <summary>Locates the os-package-db vectors copied to the test output.</summary>
internal static class PackageVectorFiles
{
    public static string PathOf(string relative) => Path.Combine(AppContext.BaseDirectory, "Vectors", "os-package-db", relative);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    public static byte[] Bytes(string relative) => File.ReadAllBytes(PathOf(relative));
}
