namespace RefreshBot.Adapters.FileSystem;

/// <summary>
/// Which file names are Dockerfiles: <c>Dockerfile</c>, <c>Dockerfile.*</c>, <c>*.Dockerfile</c>, and the same
/// for <c>Containerfile</c> (Podman/Buildah's name).
/// Case: the first letter may be upper or lower case, the rest is lower case — <c>Dockerfile</c> is Docker's
/// default and <c>dockerfile</c> its fallback; <c>DOCKERFILE</c> is not picked up (the same rule Renovate uses).
/// <c>Dockerfile.dockerignore</c> (a per-Dockerfile ignore file) is not a Dockerfile.
/// </summary>
public static class DockerfileNames
{
    private static readonly string[] BaseNames = ["Dockerfile", "dockerfile", "Containerfile", "containerfile"];

    public static bool IsDockerfile(string fileName)
    {
        if (fileName.EndsWith(".dockerignore", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var baseName in BaseNames)
        {
            if (fileName == baseName)
            {
                return true;
            }

            if (fileName.Length > baseName.Length + 1
                && (fileName.StartsWith(baseName + ".", StringComparison.Ordinal)
                    || fileName.EndsWith("." + baseName, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }
}
