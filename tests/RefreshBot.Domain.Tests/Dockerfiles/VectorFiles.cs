namespace RefreshBot.Domain.Tests.Dockerfiles;

/// <summary>Locates the third-party vectors copied to the test output.</summary>
internal static class VectorFiles
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "Vectors");

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string Read(params string[] parts) => File.ReadAllText(PathOf(parts));
}
